/* The live page without a reload: ask for the fragment every few seconds with the ETag we hold;
   a 304 (nothing new) costs the server one cache read. New updates are swapped in and flashed. */
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-poll");
  var every = Math.max(1, parseInt(box.getAttribute("data-every"), 10) || 15) * 1000;
  var etag = box.getAttribute("data-etag") || "";
  var busy = false;

  function seen() {
    var ids = {};
    box.querySelectorAll(".live-update").forEach(function (el) { ids[el.id] = true; });
    return ids;
  }

  function poll() {
    if (busy || document.hidden) { return; }
    busy = true;
    fetch(url, { headers: etag ? { "If-None-Match": etag } : {}, cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (r.status !== 200) { return null; }
        etag = r.headers.get("ETag") || etag;
        return r.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var before = seen();
        box.innerHTML = html;
        box.querySelectorAll(".live-update").forEach(function (el) {
          if (!before[el.id]) { el.classList.add("is-new"); }
        });
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ })
      .then(function () { busy = false; });
  }

  setInterval(poll, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(); } });
}());
