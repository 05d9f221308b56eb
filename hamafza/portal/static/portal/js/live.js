/* The live page without a reload: ask for the fragment with the ETag we hold; a 304 (nothing new)
   costs the server one cache read, answered before Django (portal/fastpoll.py).
   Adaptive: during the event's period, the next poll comes `data-fast` seconds after a change and
   the wait grows ×1.5 with each 304 up to `data-every`; outside the period, every `data-idle`
   seconds. A hidden tab does not poll; coming back polls at once. Each wait has ±10% jitter so
   that a crowd that loaded the page together does not poll together. */
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.fetch) { return; }
  function seconds(name, fallback) {
    var n = parseInt(box.getAttribute(name), 10);
    return n > 0 ? n : fallback;
  }
  var url = box.getAttribute("data-poll");
  var slow = seconds("data-every", 15);
  var fast = Math.min(seconds("data-fast", slow), slow);
  var idle = seconds("data-idle", 60);
  var starts = seconds("data-starts", 0);
  var ends = seconds("data-ends", 0);
  var etag = box.getAttribute("data-etag") || "";
  var wait = fast;
  var timer = null;
  var busy = false;

  function running() {
    var now = Date.now() / 1000;
    return !ends || (now >= starts && now <= ends);
  }

  function seen() {
    var ids = {};
    box.querySelectorAll(".live-update").forEach(function (el) { ids[el.id] = true; });
    return ids;
  }

  function schedule() {
    clearTimeout(timer);
    if (document.hidden) { return; }
    var base = running() ? wait : idle;
    timer = setTimeout(poll, base * 1000 * (0.9 + Math.random() * 0.2));
  }

  function poll() {
    if (busy || document.hidden) { return; }
    busy = true;
    var changed = false;
    fetch(url, { headers: etag ? { "If-None-Match": etag } : {}, cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (r.status !== 200) { return null; }
        etag = r.headers.get("ETag") || etag;
        return r.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        changed = true;
        var before = seen();
        box.innerHTML = html;
        box.querySelectorAll(".live-update").forEach(function (el) {
          if (!before[el.id]) { el.classList.add("is-new"); }
        });
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ })
      .then(function () {
        busy = false;
        wait = changed ? fast : Math.min(slow, wait * 1.5);
        schedule();
      });
  }

  schedule();
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { clearTimeout(timer); } else { poll(); }
  });
}());
