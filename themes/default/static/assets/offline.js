/* Offline reading. Over https (or on localhost) this registers the
 * dossier's service worker, sw.js at the site's root, which keeps the
 * pages for reading without a network; from file:// it does nothing (a
 * copy on disk needs no worker). When a new build of the site takes over,
 * the page is shown again in its new version. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext || location.protocol === "file:") { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (controlled) { window.location.reload(); }
    controlled = true;
  });
  navigator.serviceWorker.register(root + "sw.js").catch(function () {
    /* No worker where the site is served (dossier serve): online only. */
  });
})();
