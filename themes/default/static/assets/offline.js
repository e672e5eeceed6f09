/* Offline reading. Over https (or on localhost) this registers the
 * dossier's service worker, sw.js at the site's root, which keeps the
 * pages for reading without a network; from file:// it does nothing (a
 * copy on disk needs no worker), nor under `dossier serve`. When a new
 * build of the site takes over, the page is shown again in its new
 * version.
 *
 * When the site is too large for the build to write it as a .zip
 * (`[offline] archive`), the footer holds a hidden button instead of a
 * link: over http or https it is shown, and a click makes the zip here,
 * from the files `assets/files.json` lists (fetched from this site only),
 * as the build would: every file under one folder named as the zip,
 * deflated (by the browser's CompressionStream; stored where there is
 * none), dated 1980-01-01. */
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  if (!("serviceWorker" in navigator) || !window.isSecureContext || location.protocol === "file:") { return; }
  /* Under `dossier serve` (its live-reload script is on the page) pages
   * must always be fresh: no worker. */
  if (document.querySelector("script[src$='/__dossier/reload.js']")) { return; }
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (controlled) { window.location.reload(); }
    controlled = true;
  });
  navigator.serviceWorker.register(root + "sw.js").catch(function () {
    /* The worker could not be installed: the site stays online only. */
  });
})();

(function () {
  "use strict";
  /* The footer's button, shown where the zip can be made. */
  function offerZip(root) {
    var button = document.querySelector(".site-footer__offline button[data-zip]");
    if (!button || !/^https?:$/.test(location.protocol) || !window.fetch || !window.Blob ||
        !window.Promise || !window.Uint8Array || !window.URL || !URL.createObjectURL) { return; }
    var row = button.parentNode;
    var status = row.querySelector("[role=status]");
    var name = button.getAttribute("data-zip");
    var percent = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" }) : null;
    /* Whole per cents only: a screen reader announces each change of
     * the status, and a large site has tens of thousands of files. */
    var show = function (done, total) {
      var part = total ? Math.floor(done * 100 / total) / 100 : 0;
      var text = percent ? percent.format(part) : Math.round(part * 100) + " %";
      if (status.textContent !== text) { status.textContent = text; }
    };
    row.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      show(0, 1);
      makeZip(root, name, show).then(function (blob) {
        status.textContent = "";
        save(blob, name);
      }).catch(function () {
        status.textContent = button.getAttribute("data-failed");
      }).then(function () { button.disabled = false; });
    });
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /* The site as a zip (a Blob), `progress(done, total)` after each file. */
  async function makeZip(root, name, progress) {
    var listed = await fetch(root + "assets/files.json");
    if (!listed.ok) { throw new Error("no list of files"); }
    var paths = await listed.json();
    var folder = name.replace(/\.zip$/, "") + "/";
    var entries = new Array(paths.length);
    var next = 0, done = 0;
    async function fetcher() {
      while (next < paths.length) {
        var i = next++;
        var url = root + paths[i].split("/").map(encodeURIComponent).join("/");
        var response = await fetch(url);
        if (!response.ok) { throw new Error(paths[i] + ": " + response.status); }
        var bytes = new Uint8Array(await response.arrayBuffer());
        entries[i] = await pack(folder + paths[i], bytes);
        progress(++done, paths.length);
      }
    }
    var fetchers = [];
    for (var k = 0; k < 6; k++) { fetchers.push(fetcher()); }
    await Promise.all(fetchers);
    return assemble(entries);
  }

  var deflates = (function () {
    try { return typeof CompressionStream === "function" && !!new CompressionStream("deflate-raw"); }
    catch (e) { return false; }
  })();

  /* One entry: its name, CRC-32, size and bytes, deflated unless the file
   * is packed already or deflating does not make it smaller. */
  async function pack(path, bytes) {
    var entry = { name: new TextEncoder().encode(path), crc: crc32(bytes), size: bytes.length, data: bytes, method: 0 };
    if (deflates && bytes.length > 0 && !/\.(png|jpe?g|gif|webp|zip|gz|woff2?)$/i.test(path)) {
      var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
      var packed = new Uint8Array(await new Response(stream).arrayBuffer());
      if (packed.length < bytes.length) { entry.data = packed; entry.method = 8; }
    }
    return entry;
  }

  var table = (function () {
    var t = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; }
      t[n] = c;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = -1;
    for (var i = 0; i < bytes.length; i++) { c = table[(c ^ bytes[i]) & 255] ^ (c >>> 8); }
    return (c ^ -1) >>> 0;
  }

  /* Little-endian fields of `length` bytes: [value, size] pairs. */
  function fields(list) {
    var length = 0;
    list.forEach(function (f) { length += f[1]; });
    var out = new Uint8Array(length), view = new DataView(out.buffer), at = 0;
    list.forEach(function (f) {
      if (f[1] === 2) { view.setUint16(at, f[0], true); }
      else if (f[1] === 4) { view.setUint32(at, f[0], true); }
      else { view.setUint32(at, f[0] % 4294967296, true); view.setUint32(at + 4, Math.floor(f[0] / 4294967296), true); }
      at += f[1];
    });
    return out;
  }

  /* The zip: local headers and data, the central directory, its end
   * (with the Zip64 end when there are more than 65,535 entries). */
  function assemble(entries) {
    var parts = [], central = [], offset = 0, date = (0 << 9) | (1 << 5) | 1;
    entries.forEach(function (e) {
      if (offset > 0xFFFFFFFF) { throw new Error("over 4 GB"); }
      var common = [[20, 2], [0x0800, 2], [e.method, 2], [0, 2], [date, 2],
        [e.crc, 4], [e.data.length, 4], [e.size, 4], [e.name.length, 2], [0, 2]];
      var local = fields([[0x04034b50, 4]].concat(common));
      parts.push(local, e.name, e.data);
      central.push(fields([[0x02014b50, 4], [0x0314, 2]].concat(common,
        [[0, 2], [0, 2], [0, 2], [0x81A40000, 4], [offset, 4]])), e.name);
      offset += local.length + e.name.length + e.data.length;
    });
    var size = 0;
    central.forEach(function (c) { size += c.length; });
    if (offset > 0xFFFFFFFF) { throw new Error("over 4 GB"); }
    var count = entries.length, end = [];
    if (count > 0xFFFF) {
      end.push(fields([[0x06064b50, 4], [44, 8], [45, 2], [45, 2], [0, 4], [0, 4],
        [count, 8], [count, 8], [size, 8], [offset, 8]]));
      end.push(fields([[0x07064b50, 4], [0, 4], [offset + size, 8], [1, 4]]));
    }
    var short = Math.min(count, 0xFFFF);
    end.push(fields([[0x06054b50, 4], [0, 2], [0, 2], [short, 2], [short, 2], [size, 4], [offset, 4], [0, 2]]));
    return new Blob(parts.concat(central, end), { type: "application/zip" });
  }

  offerZip(document.documentElement.getAttribute("data-root") || "");
})();
