// The annotation panel of `dossier serve`: served at /__dossier/annotate.js
// and added by the server to the article pages it serves, never to a build.
//
// Selecting words of the article opens it (Alt+Shift+A also does, and
// moves the focus into it; Esc closes it). The server says what quote the
// selection makes, as the build matches quotes (POST /__dossier/api/quote),
// and the panel saves it as a new claim or as evidence for an existing
// one; the server checks it with the build first, writes the claims file,
// and the rebuild reloads the page. Every request carries the session
// token of the page (data-token). Every string shown comes from the table
// the server puts in the page (#dossier-annotate-strings, made from
// src/serve/annotate/strings.rs); the panel has none of its own.
(function () {
  'use strict';
  var me = document.currentScript;
  var table = document.getElementById('dossier-annotate-strings');
  if (!me || !table || !window.fetch) return;
  var token = me.getAttribute('data-token');
  var slug = me.getAttribute('data-article');
  var T = JSON.parse(table.textContent);
  var KEPT = 'dossier-annotate:' + slug;
  var host = document.querySelector('.article-text') || document.querySelector('main') || document.body;

  function t(key, vars) {
    var s = T[key] || key;
    for (var name in vars || {}) s = s.split('{' + name + '}').join(String(vars[name]));
    return s;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === 'text') node.textContent = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== false) node.setAttribute(key, attrs[key] === true ? '' : attrs[key]);
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function api(endpoint, body) {
    return fetch('/__dossier/api/' + endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function later(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // Text of a fragment as the build reads the article: the claim markers
  // left out, blocks apart.
  var BLOCK = /^(P|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|DIV|TABLE|THEAD|TBODY|TR|TD|TH|DL|DT|DD|FIGURE|FIGCAPTION|HR|BR|SECTION)$/;
  function textOf(root) {
    var out = '';
    (function walk(n) {
      if (n.nodeType === 3) { out += n.data; return; }
      if (n.nodeType === 1 && n.classList.contains('passage-ref')) return;
      var block = n.nodeType === 1 && BLOCK.test(n.nodeName);
      if (block) out += ' ';
      for (var c = n.firstChild; c; c = c.nextSibling) walk(c);
      if (block) out += ' ';
    })(root);
    return out;
  }

  // Scrolls the page so that the selection is not under the panel (a
  // bottom sheet on phones, a side panel on wide screens).
  function reveal() {
    var s = window.getSelection();
    if (!panel || panel.hidden || !s || s.rangeCount === 0) return;
    var r = s.getRangeAt(0).getBoundingClientRect();
    var p = panel.getBoundingClientRect();
    var covered = r.bottom > p.top && r.top < p.bottom && r.right > p.left && r.left < p.right;
    // At once, not smoothly (the theme scrolls smoothly): the selection is
    // where the reader looks while the panel opens.
    if (covered && p.top > window.innerHeight / 3) {
      window.scrollBy({ top: r.bottom - p.top + 16, behavior: 'instant' });
    }
  }

  // The selection in the article, with text on either side of it.
  function readSelection() {
    var s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return null;
    var r = s.getRangeAt(0);
    if (!host.contains(r.startContainer) || !host.contains(r.endContainer)) return null;
    if (panel && panel.contains(r.commonAncestorContainer)) return null;
    var text = textOf(r.cloneContents());
    if (!text.trim()) return null;
    var before = document.createRange();
    before.setStart(host, 0);
    before.setEnd(r.startContainer, r.startOffset);
    var after = document.createRange();
    after.setStart(r.endContainer, r.endOffset);
    after.setEnd(host, host.childNodes.length);
    return {
      text: text,
      before: textOf(before.cloneContents()).slice(-300),
      after: textOf(after.cloneContents()).slice(0, 300)
    };
  }

  var panel = null, f = {}, current = null, context = null, idTouched = false, saved = false, returnTo = null;

  function field(id, label, control, hint) {
    control.id = id;
    var h = hint ? el('p', { id: id + '-hint', 'class': 'dsa-hint', text: hint }) : null;
    if (h) control.setAttribute('aria-describedby', h.id);
    return el('div', { 'class': 'dsa-field' }, [el('label', { 'for': id, text: label }), h, control]);
  }

  function select(name) {
    f[name] = el('select', { name: name });
    return f[name];
  }

  function build() {
    f.close = el('button', { type: 'button', 'class': 'dsa-close', 'aria-label': t('close'), text: '×' });
    f.close.addEventListener('click', close);
    f.quote = el('blockquote', { 'class': 'dsa-quote', lang: null });
    f.status = el('p', { 'class': 'dsa-status', role: 'status', 'aria-live': 'polite' });
    f.modeNew = el('input', { type: 'radio', name: 'dsa-mode', id: 'dsa-mode-new', value: 'new', checked: true });
    f.modeEvidence = el('input', { type: 'radio', name: 'dsa-mode', id: 'dsa-mode-evidence', value: 'evidence' });
    var mode = el('fieldset', { 'class': 'dsa-mode' }, [
      el('legend', { text: t('mode') }),
      el('div', { 'class': 'dsa-choice' }, [f.modeNew, el('label', { 'for': 'dsa-mode-new', text: t('mode_new') })]),
      el('div', { 'class': 'dsa-choice' }, [f.modeEvidence, el('label', { 'for': 'dsa-mode-evidence', text: t('mode_evidence') })])
    ]);

    f.file = el('input', { type: 'text', name: 'file', list: 'dsa-files', autocomplete: 'off', spellcheck: 'false' });
    f.files = el('datalist', { id: 'dsa-files' });
    f.statement = el('textarea', { name: 'statement', rows: '3', required: true });
    f.id = el('input', { type: 'text', name: 'id', pattern: '[a-z0-9][a-z0-9\\-]*', autocomplete: 'off', spellcheck: 'false', required: true });
    f.topics = el('fieldset', { 'class': 'dsa-topics' }, [el('legend', { text: t('topics') })]);
    f.date = el('input', { type: 'text', name: 'date', inputmode: 'numeric', autocomplete: 'off' });
    f.translation = el('textarea', { name: 'translation', rows: '2' });
    f.value = el('input', { type: 'number', name: 'value', step: 'any' });
    f.low = el('input', { type: 'number', name: 'low', step: 'any' });
    f.high = el('input', { type: 'number', name: 'high', step: 'any' });
    f.asOf = el('input', { type: 'text', name: 'as_of', inputmode: 'numeric', autocomplete: 'off' });
    f.saveClaim = el('button', { type: 'submit', 'class': 'dsa-save', text: t('save_claim') });
    f.newForm = el('form', { 'class': 'dsa-form', id: 'dsa-new' }, [
      field('dsa-file', t('file'), f.file, t('file_hint')), f.files,
      field('dsa-statement', t('statement'), f.statement),
      field('dsa-id', t('id'), f.id, t('id_hint')),
      f.topics,
      field('dsa-origin', t('origin'), select('origin')),
      field('dsa-credibility', t('credibility'), select('credibility')),
      field('dsa-date', t('date'), f.date, t('date_hint')),
      field('dsa-translation', t('translation'), f.translation),
      el('details', { 'class': 'dsa-figure' }, [
        el('summary', { text: t('figure') }),
        field('dsa-metric', t('metric'), select('metric')),
        el('div', { 'class': 'dsa-row' }, [
          field('dsa-value', t('value'), f.value),
          field('dsa-low', t('low'), f.low),
          field('dsa-high', t('high'), f.high)
        ]),
        el('div', { 'class': 'dsa-row' }, [
          field('dsa-precision', t('precision'), select('precision')),
          field('dsa-fstatus', t('status'), select('fstatus'))
        ]),
        field('dsa-as-of', t('as_of'), f.asOf, t('date_hint'))
      ]),
      f.saveClaim
    ]);

    f.claim = el('input', { type: 'text', name: 'claim', list: 'dsa-claims', autocomplete: 'off', spellcheck: 'false', required: true });
    f.claims = el('datalist', { id: 'dsa-claims' });
    f.evTranslation = el('textarea', { name: 'translation', rows: '2' });
    f.saveEvidence = el('button', { type: 'submit', 'class': 'dsa-save', text: t('save_evidence') });
    f.evidenceForm = el('form', { 'class': 'dsa-form', id: 'dsa-evidence', hidden: true }, [
      field('dsa-claim', t('claim'), f.claim, t('claim_hint')), f.claims,
      field('dsa-ev-translation', t('translation'), f.evTranslation),
      f.saveEvidence
    ]);

    f.resultText = el('p');
    f.diagnostics = el('pre', { hidden: true });
    f.result = el('div', { 'class': 'dsa-result', role: 'alert' }, [f.resultText, f.diagnostics]);

    panel = el('aside', {
      id: 'dossier-annotate', 'class': 'dsa', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'dsa-title', 'aria-keyshortcuts': 'Alt+Shift+A', tabindex: '-1', hidden: true
    }, [
      el('div', { 'class': 'dsa-head' }, [el('h2', { id: 'dsa-title', text: t('title') }), f.close]),
      el('p', { 'class': 'dsa-keys', text: t('keys') }),
      el('figure', { 'class': 'dsa-quote-box' }, [el('figcaption', { text: t('quote') }), f.quote]),
      f.status, mode, f.newForm, f.evidenceForm, f.result
    ]);
    document.body.appendChild(panel);

    [f.modeNew, f.modeEvidence].forEach(function (r) { r.addEventListener('change', showMode); });
    f.id.addEventListener('input', function () { idTouched = f.id.value !== ''; });
    f.statement.addEventListener('input', later(suggestId, 300));
    f.claim.addEventListener('input', later(searchClaims, 200));
    f.newForm.addEventListener('submit', saveClaim);
    f.evidenceForm.addEventListener('submit', saveEvidence);
    panel.addEventListener('input', later(keep, 300));
  }

  function showMode() {
    var evidence = f.modeEvidence.checked;
    f.newForm.hidden = evidence;
    f.evidenceForm.hidden = !evidence;
  }

  function options(node, list, first) {
    while (node.firstChild) node.removeChild(node.firstChild);
    if (first !== undefined) node.appendChild(el('option', { value: '', text: first }));
    list.forEach(function (o) {
      node.appendChild(el('option', { value: String(o.id), text: o.name ? o.id + ': ' + o.name : String(o.id) }));
    });
  }

  var contextLoad = null;
  function loadContext() {
    if (contextLoad) return contextLoad;
    setStatus(t('loading'));
    contextLoad = api('context', { article: slug }).then(function (r) {
      if (r.status !== 200) { setStatus(r.body.error || t('failed')); contextLoad = null; return; }
      context = r.body;
      f.quote.setAttribute('lang', context.article.language);
      f.file.value = context.file;
      options(f.files, context.files.map(function (x) { return { id: x }; }));
      context.topics.forEach(function (topic) {
        var id = 'dsa-topic-' + topic.id;
        f.topics.appendChild(el('div', { 'class': 'dsa-choice' }, [
          el('input', { type: 'checkbox', id: id, name: 'topics', value: topic.id }),
          el('label', { 'for': id, text: topic.name })
        ]));
      });
      options(f.origin, context.sources, t('choose'));
      options(f.credibility, context.credibility, t('credibility_none'));
      options(f.metric, context.metrics, t('no_figure'));
      options(f.precision, context.precision.map(function (x) { return { id: x }; }), t('default'));
      options(f.fstatus, context.status.map(function (x) { return { id: x }; }), t('default'));
    }, function () { setStatus(t('failed')); contextLoad = null; });
    return contextLoad;
  }

  // The status can make the panel taller: keep the selection in view.
  function setStatus(text) { f.status.textContent = text; reveal(); }

  // `kind`: 'ok', 'bad', or nothing (a message on the way).
  function setResult(text, diagnostics, kind) {
    f.resultText.textContent = text;
    f.diagnostics.textContent = diagnostics || '';
    f.diagnostics.hidden = !diagnostics;
    f.result.className = 'dsa-result' + (kind ? ' dsa-result--' + kind : '');
  }

  function ready() {
    var ok = !!(current && current.ok && context);
    f.saveClaim.disabled = !ok;
    f.saveEvidence.disabled = !ok;
  }

  function describe(q) {
    switch (q.status) {
      case 'unique': return t('unique');
      case 'singled-out':
        if (q.prefix && q.suffix) return t('singled_both', { count: q.count, prefix: q.prefix, suffix: q.suffix });
        if (q.prefix) return t('singled_prefix', { count: q.count, prefix: q.prefix });
        return t('singled_suffix', { count: q.count, suffix: q.suffix });
      case 'ambiguous': return t('ambiguous', { count: q.count });
      case 'not-found':
        return t('not_found') + (q.closest ? ' ' + t('closest', { text: q.closest }) : '') +
          (q.case_differs ? ' ' + t('case_differs') : '');
      default: return t('empty');
    }
  }

  function check(sel) {
    var mine = current = { sel: sel, ok: false };
    saved = false;
    f.quote.textContent = sel.text.replace(/\s+/g, ' ').trim();
    setResult('');
    ready();
    return loadContext().then(function () {
      if (mine !== current) return;
      setStatus(t('checking'));
      return api('quote', { article: slug, text: sel.text, before: sel.before, after: sel.after });
    }).then(function (r) {
      if (!r || mine !== current) return;
      if (r.status !== 200) { setStatus(r.body.error || t('failed')); return; }
      var q = r.body;
      mine.quote = q.quote;
      mine.prefix = q.prefix;
      mine.suffix = q.suffix;
      mine.ok = q.status === 'unique' || q.status === 'singled-out';
      f.quote.textContent = q.quote;
      setStatus(describe(q));
      ready();
    }, function () { if (mine === current) setStatus(t('failed')); });
  }

  function suggestId() {
    var statement = f.statement.value;
    if (idTouched) return;
    api('id', { statement: statement }).then(function (r) {
      if (!idTouched && r.status === 200 && f.statement.value === statement) f.id.value = r.body.id;
    });
  }

  function searchClaims() {
    var q = f.claim.value.trim();
    if (q.length < 2) return;
    api('claims', { q: q }).then(function (r) {
      if (r.status !== 200) return;
      while (f.claims.firstChild) f.claims.removeChild(f.claims.firstChild);
      r.body.forEach(function (c) { f.claims.appendChild(el('option', { value: c.id, label: c.statement })); });
    });
  }

  function text(node) { var v = node.value.trim(); return v ? node.value : null; }
  function number(node) { var v = node.value.trim(); return v === '' || !isFinite(Number(v)) ? null : Number(v); }

  function evidence(translation) {
    return {
      article: slug, quote: current.quote, prefix: current.prefix || null,
      suffix: current.suffix || null, translation: text(translation)
    };
  }

  function saveClaim(e) {
    e.preventDefault();
    if (!current || !current.ok) return;
    var topics = Array.prototype.slice.call(f.topics.querySelectorAll('input:checked')).map(function (c) { return c.value; });
    var figure = f.metric.value ? {
      metric: f.metric.value, value: number(f.value), low: number(f.low), high: number(f.high),
      precision: f.precision.value || null, status: f.fstatus.value || null, as_of: text(f.asOf)
    } : null;
    send('claim', {
      file: f.file.value.trim(),
      claim: {
        id: f.id.value.trim(), statement: f.statement.value, topics: topics, origin: f.origin.value,
        date: text(f.date), credibility: f.credibility.value ? Number(f.credibility.value) : null,
        figure: figure, evidence: evidence(f.translation)
      }
    });
  }

  function saveEvidence(e) {
    e.preventDefault();
    if (!current || !current.ok) return;
    send('evidence', { claim: f.claim.value.trim(), evidence: evidence(f.evTranslation) });
  }

  function send(endpoint, body) {
    setResult(t('saving'));
    f.saveClaim.disabled = f.saveEvidence.disabled = true;
    api(endpoint, body).then(function (r) {
      ready();
      if (r.status === 200) {
        saved = true;
        forget();
        setResult(t('saved', { file: r.body.saved }), '', 'ok');
      } else {
        setResult(t('refused') + ' ' + (r.body.error || ''), r.body.diagnostics, 'bad');
      }
    }, function () { ready(); setResult(t('failed'), '', 'bad'); });
  }

  function open(focus) {
    if (!panel) build();
    if (panel.hidden) returnTo = null;
    panel.hidden = false;
    if (focus) {
      returnTo = returnTo || document.activeElement;
      (f.modeEvidence.checked ? f.claim : f.statement).focus();
    }
  }

  function close() {
    if (!panel) return;
    panel.hidden = true;
    current = null;
    forget();
    if (returnTo && returnTo.focus) returnTo.focus();
    returnTo = null;
  }

  // A reload (any save under content/, this one's or an editor's) would
  // lose what is typed: kept for this tab until the page is back.
  function keep() {
    if (saved || !panel || panel.hidden || !current) return forget();
    var fields = {};
    panel.querySelectorAll('input, textarea, select').forEach(function (n) {
      if (n.id) fields[n.id] = n.type === 'checkbox' || n.type === 'radio' ? n.checked : n.value;
    });
    try { sessionStorage.setItem(KEPT, JSON.stringify({ sel: current.sel, fields: fields, idTouched: idTouched })); } catch (err) { /* storage off */ }
  }
  function forget() { try { sessionStorage.removeItem(KEPT); } catch (err) { /* storage off */ } }

  function restore() {
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(KEPT) || 'null'); } catch (err) { kept = null; }
    forget();
    if (!kept || !kept.sel) return;
    open(false);
    check(kept.sel).then(function () {
      for (var id in kept.fields) {
        var n = document.getElementById(id);
        if (!n || !panel.contains(n)) continue;
        if (n.type === 'checkbox' || n.type === 'radio') n.checked = kept.fields[id];
        else n.value = kept.fields[id];
      }
      idTouched = kept.idTouched;
      showMode();
    });
  }

  var pointer = false;
  var fromSelection = later(function () {
    if (pointer) return;
    var sel = readSelection();
    if (!sel || (current && current.sel.text === sel.text && current.sel.before === sel.before)) return;
    open(false);
    reveal();
    check(sel);
  }, 350);
  document.addEventListener('pointerdown', function (e) { if (!panel || !panel.contains(e.target)) pointer = true; });
  document.addEventListener('pointerup', function () { pointer = false; fromSelection(); });
  document.addEventListener('pointercancel', function () { pointer = false; fromSelection(); });
  document.addEventListener('selectionchange', fromSelection);
  document.addEventListener('keydown', function (e) {
    if (e.altKey && e.shiftKey && e.code === 'KeyA') {
      e.preventDefault();
      var sel = readSelection();
      if (sel || (panel && !panel.hidden)) open(true);
      if (sel) { reveal(); check(sel); }
    } else if (e.key === 'Escape' && panel && !panel.hidden) {
      close();
    }
  });
  window.addEventListener('pagehide', keep);
  restore();
})();
