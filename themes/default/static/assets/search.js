/* Offline search for a dossier. The index (assets/search-index.js) is a
 * script, not fetched, so this works from file://. Queries are folded like
 * the index: lower case, accents removed, so "demineurs" finds "démineurs";
 * in a French dossier (index.stem "fr") stemmed too, with the French stop
 * words (and so the elided l', d', qu'…) dropped, as src/render/french.rs
 * does at build time. Every query word must match (a word may be the
 * beginning of a longer one); results are ranked by BM25 and the matching
 * words highlighted. In the single-file export (`data-single-file` on
 * <html>) the search page is the section "search", its ids prefixed
 * "search.", and results link to the sections of the file. */
(function () {
  "use strict";

  /* Chinese and Japanese (Han, kana, and 々 〆 〇 〻 inside their words):
   * kept as they are, and cut into overlapping pairs of characters, as
   * src/fold.rs does. */
  var cjkChars = "\\u3005-\\u3007\\u303b\\u3040-\\u3098\\u309b-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f\\u{20000}-\\u{3134f}";
  var cjk = new RegExp("[" + cjkChars + "]", "u");
  var cjkRuns = new RegExp("[" + cjkChars + "]+|[^" + cjkChars + "]+", "gu");
  function pairs(w) {
    if (!cjk.test(w)) { return [w]; }
    var out = [];
    (w.match(cjkRuns) || []).forEach(function (run) {
      var cs = Array.from(run);
      if (!cjk.test(cs[0]) || cs.length === 1) { out.push(run); return; }
      for (var i = 0; i + 1 < cs.length; i++) { out.push(cs[i] + cs[i + 1]); }
    });
    return out;
  }
  /* Full-width letters, digits and marks (３, Ｊ, ，) are the ASCII ones. */
  function narrow(c) {
    var u = c.codePointAt(0);
    return u >= 0xff01 && u <= 0xff5e ? String.fromCodePoint(u - 0xfee0) : c;
  }
  function foldChar(c) {
    c = narrow(c);
    if (cjk.test(c)) { return c; }
    return c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }
  function fold(s) { return Array.from(s).map(foldChar).join(""); }
  function endsWith(s, len, suffix) {
    var n = suffix.length;
    return len >= n && s.slice(len - n, len).join("") === suffix;
  }
  var letter = /\p{L}/u;
  /* Savoy's normalisation of a French stem (accents are folded already). */
  function norm(s, len) {
    if (len > 4) {
      var kept = 1;
      for (var i = 1; i < len; i++) {
        if (!(s[i] === s[kept - 1] && letter.test(s[i]))) { s[kept] = s[i]; kept++; }
      }
      len = kept;
    }
    if (len > 4 && endsWith(s, len, "ie")) { len -= 2; }
    if (len > 4) {
      if (s[len - 1] === "r") { len--; }
      if (s[len - 1] === "e") { len--; }
      if (s[len - 1] === "e") { len--; }
      if (s[len - 1] === s[len - 2] && letter.test(s[len - 1])) { len--; }
    }
    return len;
  }
  /* Savoy's light stemmer for French, on a folded term (src/render/french.rs). */
  function stemFr(term) {
    var s = Array.from(term), len = s.length;
    function done(n) { return s.slice(0, norm(s, n)).join(""); }
    if (len > 5 && s[len - 1] === "x") {
      if (s[len - 3] === "a" && s[len - 2] === "u" && s[len - 4] !== "e") { s[len - 2] = "l"; }
      len--;
    }
    if (len > 3 && s[len - 1] === "x") { len--; }
    if (len > 3 && s[len - 1] === "s") { len--; }
    if (len > 9 && endsWith(s, len, "issement")) { len -= 6; s[len - 1] = "r"; return done(len); }
    if (len > 8 && endsWith(s, len, "issant")) { len -= 4; s[len - 1] = "r"; return done(len); }
    if (len > 6 && endsWith(s, len, "ement")) {
      len -= 4;
      if (len > 3 && endsWith(s, len, "ive")) { len--; s[len - 1] = "f"; }
      return done(len);
    }
    if (len > 11 && endsWith(s, len, "ficatrice")) { len -= 5; s[len - 2] = "e"; s[len - 1] = "r"; return done(len); }
    if (len > 10 && endsWith(s, len, "ficateur")) { len -= 4; s[len - 2] = "e"; s[len - 1] = "r"; return done(len); }
    if (len > 9 && endsWith(s, len, "catrice")) { len -= 3; s[len - 4] = "q"; s[len - 3] = "u"; s[len - 2] = "e"; return done(len); }
    if (len > 8 && endsWith(s, len, "cateur")) { len -= 2; s[len - 4] = "q"; s[len - 3] = "u"; s[len - 2] = "e"; s[len - 1] = "r"; return done(len); }
    if (len > 8 && endsWith(s, len, "atrice")) { len -= 4; s[len - 2] = "e"; s[len - 1] = "r"; return done(len); }
    if (len > 7 && endsWith(s, len, "ateur")) { len -= 3; s[len - 2] = "e"; s[len - 1] = "r"; return done(len); }
    if (len > 6 && endsWith(s, len, "trice")) { len--; s[len - 3] = "e"; s[len - 2] = "u"; s[len - 1] = "r"; }
    if (len > 5 && endsWith(s, len, "ieme")) { return done(len - 4); }
    if (len > 7 && endsWith(s, len, "teuse")) { len -= 2; s[len - 1] = "r"; return done(len); }
    if (len > 6 && endsWith(s, len, "teur")) { len--; s[len - 1] = "r"; return done(len); }
    if (len > 5 && endsWith(s, len, "euse")) { return done(len - 2); }
    if (len > 8 && endsWith(s, len, "ere")) { len--; s[len - 2] = "e"; return done(len); }
    if (len > 7 && endsWith(s, len, "ive")) { len--; s[len - 1] = "f"; return done(len); }
    if (len > 4 && (endsWith(s, len, "folle") || endsWith(s, len, "molle"))) { len -= 2; s[len - 1] = "u"; return done(len); }
    if (len > 9 && endsWith(s, len, "nnelle")) { return done(len - 5); }
    if (len > 9 && endsWith(s, len, "nnel")) { return done(len - 3); }
    if (len > 4 && endsWith(s, len, "ete")) { len--; s[len - 2] = "e"; }
    if (len > 8 && endsWith(s, len, "ique")) { len -= 4; }
    if (len > 8 && endsWith(s, len, "esse")) { return done(len - 3); }
    if (len > 7 && endsWith(s, len, "inage")) { return done(len - 3); }
    if (len > 9 && endsWith(s, len, "isation")) {
      len -= 7;
      if (len > 5 && endsWith(s, len, "ual")) { s[len - 2] = "e"; }
      return done(len);
    }
    if (len > 9 && endsWith(s, len, "isateur")) { return done(len - 7); }
    if (len > 8 && endsWith(s, len, "ation")) { return done(len - 5); }
    if (len > 8 && endsWith(s, len, "ition")) { return done(len - 5); }
    return done(len);
  }
  /* The search terms of a text: folded, stop words dropped, stemmed. */
  function terms(text, stop, stem) {
    var out = [];
    fold(text).split(/[^\p{L}\p{N}]+/u).forEach(function (w) { if (w) { out.push.apply(out, pairs(w)); } });
    out = out.filter(function (w) { return !stop[w]; });
    return stem === "fr" ? out.map(stemFr) : out;
  }
  /* For tests (tests/search_terms.rs runs these against the Rust ones). */
  window.DOSSIER_TERMS = { fold: fold, stemFr: stemFr, terms: terms };

  var data = window.DOSSIER_SEARCH;
  var inFile = document.documentElement.getAttribute("data-single-file") !== null;
  var ids = inFile ? "search." : "";
  var form = document.getElementById(ids + "search-form");
  var input = document.getElementById(ids + "search-q");
  var list = document.getElementById(ids + "search-results");
  var status = document.getElementById(ids + "search-status");
  if (!data || !form || !input || !list || !status) { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  /* Where a result links: the page, or in the single file its section. */
  function target(path) {
    if (!inFile) { return root + path; }
    var parts = path.split("#");
    var section = parts[0].replace(/\.html$/, "").replace(/\//g, "_");
    return "#" + section + (parts[1] ? "." + parts[1] : "");
  }
  var stop = {};
  data.stop.forEach(function (w) { stop[w] = true; });
  /* The page's words, from the catalogue of the dossier's language (the
   * form's data-l10n); English when a theme's search.html leaves it out. */
  var l10n = {
    kinds: { claim: "Claim", article: "Article", topic: "Topic", source: "Source", person: "Person", organisation: "Organisation", place: "Place", other: "Other" },
    prompt: "Type a word to search claims, articles, topics and sources.",
    forms: ["{n} results for \u201c{q}\u201d", "{n} result for \u201c{q}\u201d"],
    form: [0, 1, 0]
  };
  try { l10n = JSON.parse(form.getAttribute("data-l10n")) || l10n; } catch (err) { /* keep English */ }
  var kinds = l10n.kinds;
  /* "N results for “q”", in the form the catalogue gives for N. */
  function resultsLine(n, query) {
    var f = l10n.forms[l10n.form[Math.min(n, l10n.form.length - 1)]] || l10n.forms[0];
    return f.split("{q}").map(function (piece) { return piece.replace("{n}", String(n)); }).join(query);
  }
  var avgLen = data.lengths.reduce(function (a, b) { return a + b; }, 0) / Math.max(1, data.lengths.length);

  function words(s) { return terms(s, stop, data.stem); }
  function lowerBound(t) {
    var lo = 0, hi = data.terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (data.terms[mid] < t) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  /* Adds to `scores` each document's score for one query word: exact
   * term, plus terms it begins (leaving out those that begin with `skip`,
   * counted already), times `weight`. Whether any term matched. */
  function scoresFor(word, scores, weight, skip) {
    var n = data.docs.length, any = false;
    for (var i = lowerBound(word), seen = 0; i < data.terms.length && seen < 200; i++, seen++) {
      var term = data.terms[i];
      if (term.lastIndexOf(word, 0) !== 0) { break; }
      if (skip && term.lastIndexOf(skip, 0) === 0) { continue; }
      any = true;
      /* Each document as its gap from the one before; a negative gap is
         followed by the document's weight (else 1). */
      var post = data.postings[i], docs = [], tfs = [], doc = -1;
      for (var k = 0; k < post.length; k++) {
        var gap = post[k], w = 1;
        if (gap < 0) { gap = -gap; w = post[++k]; }
        doc += gap;
        docs.push(doc);
        tfs.push(w);
      }
      var df = docs.length;
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      var boost = weight * (term === word ? 1 : 0.6);
      for (var j = 0; j < docs.length; j++) {
        doc = docs[j];
        var tf = tfs[j];
        var norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * data.lengths[doc] / avgLen));
        scores.set(doc, (scores.get(doc) || 0) + boost * idf * norm);
      }
    }
    return any;
  }
  /* Scores for one query word, its inflected forms included, at half the
   * weight: the terms that begin with the word less one or two final
   * letters, as long as five are left ("рабочие" finds "рабочих",
   * "directorates" "directorate", "states" "state" but not "statement").
   * Chinese and Japanese pairs are taken as they are. Gives the scores and
   * the shortest form that matched, which the results mark. */
  function loose(word) {
    var scores = new Map(), shown = word;
    scoresFor(word, scores, 1, null);
    var chars = Array.from(word);
    for (var cut = 1; !cjk.test(word) && cut <= 2 && chars.length - cut >= 5; cut++) {
      var shorter = chars.slice(0, chars.length - cut).join("");
      var longer = chars.slice(0, chars.length - cut + 1).join("");
      if (scoresFor(shorter, scores, 0.5, longer)) { shown = shorter; }
    }
    return [shown, scores];
  }
  function search(query) {
    var found = words(query).map(loose);
    if (!found.length) { return { words: [], hits: [] }; }
    var total = null;
    found.forEach(function (f) {
      var s = f[1];
      if (total === null) { total = s; return; }
      var next = new Map();
      total.forEach(function (v, doc) { if (s.has(doc)) { next.set(doc, v + s.get(doc)); } });
      total = next;
    });
    var qs = found.map(function (f) { return f[0]; });
    var hits = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { words: qs, hits: hits.slice(0, 100).map(function (h) { return h[0]; }) };
  }
  /* Appends text to el with every folded occurrence of a query word marked. */
  function highlighted(el, text, qs) {
    var chars = Array.from(text);
    var folded = "", map = [];
    chars.forEach(function (c, i) {
      var f = foldChar(c);
      for (var j = 0; j < f.length; j++) { map.push(i); }
      folded += f;
    });
    var marks = new Array(chars.length).fill(false);
    /* Every occurrence of w that starts a word (to the end of the word), or anywhere for a pair of
     * Chinese or Japanese characters. */
    function markAll(w) {
      var at = folded.indexOf(w);
      while (at !== -1) {
        var inCjk = cjk.test(w);
        var startsWord = inCjk || at === 0 || !/[\p{L}\p{N}]/u.test(folded[at - 1]);
        if (startsWord) {
          /* The whole word it begins: "рабоч" marks "рабочих". */
          var end = at + w.length;
          while (!inCjk && end < folded.length && /[\p{L}\p{N}]/u.test(folded[end]) && !cjk.test(folded[end])) { end++; }
          for (var k = at; k < end; k++) { marks[map[k]] = true; }
        }
        at = folded.indexOf(w, at + 1);
      }
    }
    if (data.stem) {
      qs.filter(function (w) { return cjk.test(w); }).forEach(markAll);
      /* Stems are not what was typed: mark each word whose stem a query
       * term begins, as the index matched it. */
      var word = /[\p{L}\p{N}]+/gu, hit;
      while ((hit = word.exec(folded)) !== null) {
        var stem = stemFr(hit[0]);
        if (qs.some(function (w) { return stem.lastIndexOf(w, 0) === 0; })) {
          for (var at = hit.index; at < hit.index + hit[0].length; at++) { marks[map[at]] = true; }
        }
      }
    } else {
      qs.forEach(markAll);
    }
    var i = 0;
    while (i < chars.length) {
      var j = i;
      while (j < chars.length && marks[j] === marks[i]) { j++; }
      var piece = chars.slice(i, j).join("");
      if (marks[i]) { var m = document.createElement("mark"); m.textContent = piece; el.appendChild(m); }
      else { el.appendChild(document.createTextNode(piece)); }
      i = j;
    }
  }
  function show(query) {
    var result = search(query);
    list.textContent = "";
    if (!result.words.length) { status.textContent = l10n.prompt; return; }
    status.textContent = resultsLine(result.hits.length, query);
    result.hits.forEach(function (d) {
      var doc = data.docs[d];
      var li = document.createElement("li");
      li.className = "search-result search-result--" + doc[0];
      var kind = document.createElement("p");
      kind.className = "search-result__kind";
      kind.textContent = kinds[doc[0]] || doc[0];
      var a = document.createElement("a");
      a.className = "search-result__title";
      a.href = target(doc[2]);
      highlighted(a, doc[1], result.words);
      li.appendChild(kind);
      li.appendChild(a);
      if (doc[3]) {
        var p = document.createElement("p");
        p.className = "search-result__snippet";
        highlighted(p, doc[3], result.words);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
  var params = new URLSearchParams(inFile ? "" : window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  show(initial);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 80);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    if (!inFile && window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// may refuse */ }
    }
  });
})();
