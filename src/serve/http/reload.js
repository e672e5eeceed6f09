// Live reload for `dossier serve` (served at /__dossier/reload.js and added
// to HTML responses by the server only; never part of a build).
// Listens on /__dossier/events:
//   hello  <build id>   sent on (re)connect: reload if the site changed meanwhile
//   reload <build id>   a good build was written: reload
//   error  <text>       the last change does not build: show the diagnostics
(function () {
  'use strict';
  if (!window.EventSource) return;
  var me = document.currentScript;
  var build = me && me.getAttribute('data-build');
  // The overlay's words, in the dossier's language (dossier serve puts
  // them in data-l10n from the catalogue); English without them.
  var words = {
    label: 'Build error',
    title: 'dossier serve: the last change does not build. Showing the last good build.',
    dismiss: 'Dismiss'
  };
  try { words = JSON.parse(me.getAttribute('data-l10n')) || words; } catch (e) { /* English */ }
  var panel = null;

  function hide() {
    if (panel && panel.parentNode) panel.parentNode.removeChild(panel);
    panel = null;
  }

  function el(tag, style, text) {
    var node = document.createElement(tag);
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    for (var key in style) node.style[key] = style[key];
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(text) {
    hide();
    panel = el('section', {
      position: 'fixed', left: '1rem', right: '1rem', bottom: '1rem',
      maxHeight: '60vh', zIndex: '2147483647', display: 'flex',
      flexDirection: 'column', background: '#1f1f1f', color: '#f4f4f4',
      border: '3px solid #e5484d', borderRadius: '6px',
      boxShadow: '0 6px 24px rgba(0,0,0,.45)',
      font: '14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'
    });
    panel.id = 'dossier-serve-error';
    panel.setAttribute('role', 'alert');
    panel.setAttribute('aria-label', words.label);
    var head = el('div', {
      display: 'flex', alignItems: 'center', gap: '1rem',
      padding: '.5rem .75rem', background: '#e5484d', color: '#fff'
    });
    head.appendChild(el('strong', { flex: '1' }, words.title));
    var close = el('button', {
      font: 'inherit', cursor: 'pointer', color: '#1f1f1f', background: '#fff',
      border: '0', borderRadius: '4px', padding: '.15rem .6rem'
    }, words.dismiss);
    close.type = 'button';
    close.addEventListener('click', hide);
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el('pre', {
      margin: '0', padding: '.75rem', overflow: 'auto', whiteSpace: 'pre',
      color: 'inherit', background: 'transparent', font: 'inherit'
    }, text));
    (document.body || document.documentElement).appendChild(panel);
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });

  var source = new EventSource('/__dossier/events');
  source.addEventListener('hello', function (e) {
    if (build && e.data !== build) location.reload();
    build = e.data;
  });
  source.addEventListener('reload', function () {
    location.reload();
  });
  source.addEventListener('error', function (e) {
    // Also fired, without data, when the connection drops (EventSource
    // then reconnects by itself).
    if (typeof e.data === 'string') show(e.data);
  });
})();
