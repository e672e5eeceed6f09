/* Offline search for a dossier. The index (assets/search-index.js) is a
 * script, not fetched, so this works from file://. Queries are folded like
 * the index: lower case, accents removed, so "demineurs" finds "démineurs".
 * Every query word must match (a word may be the beginning of a longer one);
 * results are ranked by BM25 and the matching words highlighted. In the
 * single-file export (`data-single-file` on <html>) the search page is the
 * section "search", its ids prefixed "search.", and results link to the
 * sections of the file. */
(function () {
  "use strict";
  var data = window.DOSSIER_SEARCH;
  var inFile = document.documentElement.hasAttribute("data-single-file");
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
  var kinds = { claim: "Claim", article: "Article", topic: "Topic", source: "Source" };
  var avgLen = data.lengths.reduce(function (a, b) { return a + b; }, 0) / Math.max(1, data.lengths.length);

  function foldChar(c) {
    return c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }
  function fold(s) { return Array.from(s).map(foldChar).join(""); }
  function words(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w && !stop[w]; });
  }
  function lowerBound(t) {
    var lo = 0, hi = data.terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (data.terms[mid] < t) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  /* Scores of every document for one query word: exact term, plus terms it begins. */
  function scoresFor(word) {
    var scores = new Map();
    var n = data.docs.length;
    for (var i = lowerBound(word), seen = 0; i < data.terms.length && seen < 200; i++, seen++) {
      var term = data.terms[i];
      if (term.lastIndexOf(word, 0) !== 0) { break; }
      var post = data.postings[i];
      var df = post.length / 2;
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      var boost = term === word ? 1 : 0.6;
      for (var k = 0; k < post.length; k += 2) {
        var doc = post[k], tf = post[k + 1];
        var norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * data.lengths[doc] / avgLen));
        scores.set(doc, (scores.get(doc) || 0) + boost * idf * norm);
      }
    }
    return scores;
  }
  function search(query) {
    var qs = words(query);
    if (!qs.length) { return { words: [], hits: [] }; }
    var total = null;
    qs.forEach(function (w) {
      var s = scoresFor(w);
      if (total === null) { total = s; return; }
      var next = new Map();
      total.forEach(function (v, doc) { if (s.has(doc)) { next.set(doc, v + s.get(doc)); } });
      total = next;
    });
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
    qs.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at !== -1) {
        var startsWord = at === 0 || !/[\p{L}\p{N}]/u.test(folded[at - 1]);
        if (startsWord) { for (var k = at; k < at + w.length; k++) { marks[map[k]] = true; } }
        at = folded.indexOf(w, at + 1);
      }
    });
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
    if (!result.words.length) { status.textContent = "Type a word to search claims, articles, topics and sources."; return; }
    status.textContent = result.hits.length + (result.hits.length === 1 ? " result" : " results") + " for “" + query + "”";
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
