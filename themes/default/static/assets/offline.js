/* Offline reading. Over https (or on localhost) this registers the
 * dossier's service worker, sw.js at the site's root, which keeps the
 * pages for reading without a network; from file:// it does nothing (a
 * copy on disk needs no worker), nor under `dossier serve`. When a new
 * build of the site takes over, the page is shown again in its new
 * version. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext || location.protocol === "file:") { return; }
  /* Under `dossier serve` (its live-reload script is on the page) pages
   * must always be fresh: no worker. */
  if (document.querySelector("script[src$='/__dossier/reload.js']")) { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (controlled) { window.location.reload(); }
    controlled = true;
  });
  navigator.serviceWorker.register(root + "sw.js").catch(function () {
    /* The worker could not be installed: the site stays online only. */
  });
})();
