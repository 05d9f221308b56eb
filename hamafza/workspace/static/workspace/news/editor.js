/* The newsroom editor: autosave through htmx every few seconds, a localStorage copy restored
   after a crash, edit-conflict choices, the media dialog, and Persian digits in date inputs. */
(function () {
  "use strict";
  var AUTOSAVE_MS = 3000;
  var form = document.getElementById("editor");
  var faDigits = "۰۱۲۳۴۵۶۷۸۹";
  function toFa(s) { return String(s).replace(/[0-9]/g, function (d) { return faDigits[+d]; }); }

  // Persian digits in every date / time / numeric input as people type.
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el.matches && el.matches("input[inputmode=numeric]")) {
      var pos = el.selectionStart; el.value = toFa(el.value); try { el.setSelectionRange(pos, pos); } catch (_) {}
    }
  });

  // Jalali dates: say which day was typed («سه‌شنبه ۱۱ آذر ۱۴۰۵») or that it does not exist
  // (۱۴۰۴/۱۲/۳۰). The browser's Persian calendar answers; the server checks again.
  var faCal = null, enCal = null;
  try {
    faCal = new Intl.DateTimeFormat("fa-IR-u-ca-persian", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    enCal = new Intl.DateTimeFormat("en-US-u-ca-persian-nu-latn", { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" });
  } catch (_) {}
  function toLatin(s) { return String(s).replace(/[۰-۹]/g, function (d) { return faDigits.indexOf(d); }).replace(/[٠-٩]/g, function (d) { return d.charCodeAt(0) - 0x660; }); }
  function jalaliDay(text) {
    var m = /^\s*(\d{4})\s*[\/\-.]\s*(\d{1,2})\s*[\/\-.]\s*(\d{1,2})\s*$/.exec(toLatin(text));
    if (!m || !enCal) return undefined;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    var guess = Date.UTC(y + 621, 2, 21) + ((mo <= 6 ? (mo - 1) * 31 : 186 + (mo - 7) * 30) + d - 1) * 86400000;
    for (var off = -4; off <= 4; off++) {
      var t = new Date(guess + off * 86400000), parts = {};
      enCal.formatToParts(t).forEach(function (p) { parts[p.type] = parseInt(p.value, 10); });
      if (parts.year === y && parts.month === mo && parts.day === d) return t;
    }
    return null;
  }
  function persianDay(t) {
    var parts = {};
    faCal.formatToParts(t).forEach(function (p) { parts[p.type] = p.value; });
    return [parts.weekday, parts.day, parts.month, parts.year].join(" ");
  }
  function checkDate(el) {
    var hint = el.parentNode.querySelector(".date-hint");
    if (!hint) { hint = document.createElement("small"); hint.className = "date-hint"; el.insertAdjacentElement("afterend", hint); }
    var v = el.value.trim();
    var day = v ? jalaliDay(v) : undefined;
    hint.classList.toggle("bad", day === null);
    hint.textContent = day ? persianDay(day) : day === null ? "این روز در تقویم شمسی وجود ندارد." : "";
    el.setCustomValidity(day === null ? "این روز در تقویم شمسی وجود ندارد." : "");
  }
  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("[data-jalali-date]")) checkDate(e.target);
  });

  // Too-large files are refused before they are sent (the server refuses them too).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches("input[type=file]") || !el.files || !el.files[0]) return;
    var holder = el.closest("[data-max-mb],[data-max-bytes]");
    var mb = holder ? +(holder.dataset.maxMb || holder.dataset.maxBytes) : 0;
    if (mb && el.files[0].size > mb * 1024 * 1024) {
      alert("حجم این پرونده بیش از " + toFa(mb) + " مگابایت است و فرستاده نمی‌شود.");
      el.value = "";
    }
  });

  // Let htmx swap our 4xx answers: they carry the Persian message of what went wrong.
  document.body.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    if (status === 400 || status === 409 || status === 413) {
      e.detail.shouldSwap = true; e.detail.isError = false;
      if (status === 413 && !/^\s*</.test(e.detail.xhr.responseText)) {
        alert(e.detail.xhr.responseText); e.detail.shouldSwap = false;
      }
    }
  });

  if (!form) return;
  // The rich-text area is made by the editor's script: give it the name of its hidden label
  // (axe aria-input-field-name; a screen reader says «متن خبر», not «edit text»).
  function nameBody() {
    document.querySelectorAll(".f-body .ProseMirror").forEach(function (area) {
      if (!area.hasAttribute("aria-labelledby")) {
        area.setAttribute("aria-labelledby", "body-label");
        area.setAttribute("aria-multiline", "true");
      }
    });
  }
  // Kept watching the whole page, every area and its attributes: a swap may replace the form this
  // script found, the editor may build its area again while the old one is still there, give an
  // element its ProseMirror class after inserting it, or set its attributes anew; each area needs
  // the name (axe found one unnamed on a phone, twice in CI, when only the first area of the first
  // form was named on insertion).
  nameBody();
  new MutationObserver(nameBody).observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class", "aria-labelledby"],
  });
  var key = "hamafza:draft:" + form.dataset.item;
  var editable = form.dataset.editable === "1";
  // A published item is corrected, not autosaved: its edits are kept by an unsaved-changes
  // guard until «ثبت اصلاحیه» sends them (also when the server showed them again after a refusal).
  var correcting = form.dataset.correcting === "1";
  var dirty = correcting && form.dataset.unsaved === "1", inConflict = false, lastSent = null;

  function snapshot() {
    var data = {};
    new FormData(form).forEach(function (v, k) {
      if (k === "csrfmiddlewaretoken" || k === "base_revision") return;
      if (k in data) { data[k] = [].concat(data[k], v); } else { data[k] = v; }
    });
    return data;
  }
  function backup() {
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), revision: form.dataset.revision, data: snapshot() }));
    } catch (_) {}
  }
  function markDirty() {
    if (correcting) { dirty = true; return; }
    if (!editable) return;
    dirty = true; backup();
  }
  form.addEventListener("submit", function () { if (correcting) dirty = false; });
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  // The rich-text editor writes into its textarea on every change without an input event.
  var body = form.querySelector("textarea[name=body]");
  var lastBody = body ? body.value : "";
  setInterval(function () {
    if (body && body.value !== lastBody) { lastBody = body.value; markDirty(); }
  }, 1000);

  function saveNow() {
    if (!editable || inConflict) return Promise.resolve();
    dirty = false;
    return htmx.ajax("POST", form.getAttribute("hx-post"), { source: form, target: "#save-state", swap: "outerHTML" });
  }
  setInterval(function () { if (dirty && navigator.onLine !== false) saveNow(); }, AUTOSAVE_MS);
  window.addEventListener("online", function () { if (dirty) saveNow(); });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { if (editable) backup(); e.preventDefault(); e.returnValue = ""; }
  });
  document.body.addEventListener("htmx:afterSwap", function (e) {
    var state = document.getElementById("save-state");
    if (!state || e.detail.target.id !== "save-state" && e.detail.elt.id !== "save-state") return;
    inConflict = !!state.dataset.conflict;
    if (state.dataset.locked) { editable = false; }
    if (!inConflict && !state.dataset.locked && !state.classList.contains("has-errors")) {
      try { localStorage.removeItem(key); } catch (_) {}
    }
    var rev = state.querySelector("input[name=base_revision]");
    if (rev) {
      form.dataset.revision = rev.value;
      var shown = document.getElementById("revision-number");
      if (shown && !inConflict) {
        shown.textContent = toFa(rev.value);
        shown.parentElement.hidden = rev.value === "0";
      }
    }
  });
  document.body.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr.status, s = document.querySelector("#save-state .saved");
    if ((status === 403 || status === 404) && s) {
      editable = false; backup();
      s.textContent = "این خبر دیگر برای شما ویرایش‌پذیر نیست (وضعیتش تغییر کرده است)؛ متن شما در این مرورگر نگه داشته شد. صفحه را دوباره باز کنید.";
    } else if (s) {
      dirty = true;
      s.textContent = "ذخیره نشد (خطای سرور)؛ متن در همین مرورگر نگه داشته شد و دوباره تلاش می‌شود.";
    }
  });
  document.body.addEventListener("htmx:sendError", function () {
    dirty = true;
    var s = document.querySelector("#save-state .saved");
    if (s) s.textContent = "اتصال برقرار نیست؛ متن در همین مرورگر نگه داشته شد و پس از وصل شدن ذخیره می‌شود.";
  });

  // Conflict: keep mine (save over the newer revision, knowingly) or take theirs (reload).
  document.addEventListener("click", function (e) {
    var keep = e.target.closest("[data-keep-mine]");
    if (keep) {
      form.querySelector("input[name=base_revision]").value = keep.dataset.keepMine;
      inConflict = false; saveNow();
    }
    if (e.target.closest("[data-take-theirs]")) { try { localStorage.removeItem(key); } catch (_) {} dirty = false; }
  });

  // Workflow buttons save the last seconds first.
  document.querySelectorAll("form.wf-form").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!dirty || !editable) return;
      e.preventDefault();
      saveNow().then(function () { dirty = false; f.submit(); });
    });
  });

  // After a crash or a closed tab: offer the copy kept in this browser.
  (function offerRestore() {
    if (!editable) return;
    var saved; try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (_) { saved = null; }
    if (!saved || !saved.data) return;
    var serverMs = (+form.dataset.updated || 0) * 1000;
    if (saved.at <= serverMs || JSON.stringify(saved.data) === JSON.stringify(snapshot())) {
      try { localStorage.removeItem(key); } catch (_) {}
      return;
    }
    var banner = document.getElementById("restore-banner");
    banner.hidden = false;
    banner.querySelector("[data-discard]").addEventListener("click", function () {
      try { localStorage.removeItem(key); } catch (_) {} banner.hidden = true;
    });
    banner.querySelector("[data-restore]").addEventListener("click", function () {
      var fd = new FormData();
      fd.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fd.append("base_revision", saved.revision);
      Object.keys(saved.data).forEach(function (k) { [].concat(saved.data[k]).forEach(function (v) { fd.append(k, v); }); });
      fetch(form.getAttribute("hx-post"), { method: "POST", body: fd, credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (html.indexOf("data-conflict") === -1) { localStorage.removeItem(key); location.reload(); }
          else { document.getElementById("save-state").outerHTML = html; inConflict = true; banner.hidden = true; }
        });
    });
  })();

  // The media dialog: choose from the library or upload in place.
  var dialog = document.getElementById("media-dialog");
  var mainInput = document.getElementById("main-image-input");
  var mainPreview = document.getElementById("main-image-preview");
  var target = "main";
  document.addEventListener("click", function (e) {
    var opener = e.target.closest("[data-open-dialog]");
    if (opener) { target = /target=gallery/.test(opener.getAttribute("hx-get")) ? "gallery" : "main"; dialog.showModal(); }
    if (e.target.closest("[data-close-dialog]")) dialog.close();
    var pick = e.target.closest("[data-pick]");
    if (pick) { choose(pick.dataset); dialog.close(); }
    if (e.target.closest("[data-clear-main]")) {
      mainInput.value = ""; mainPreview.innerHTML = '<p class="empty">تصویری انتخاب نشده است.</p>'; markDirty();
    }
    var rm = e.target.closest("[data-remove-gallery]");
    if (rm) { rm.closest("li").remove(); markDirty(); }
  });
  function esc(s) { var d = document.createElement("div"); d.textContent = s || ""; return d.innerHTML; }
  function choose(d) {
    var id = d.pick || d.image;
    if (target === "gallery") {
      var li = document.createElement("li");
      li.innerHTML = '<input type="hidden" name="gallery" value="' + esc(id) + '"><img src="' + esc(d.url) + '" alt=""><button type="button" class="link danger" data-remove-gallery>×</button>';
      document.getElementById("gallery").appendChild(li);
    } else {
      mainInput.value = id;
      mainPreview.innerHTML = '<figure><img src="' + esc(d.url) + '" alt=""><figcaption>' + esc(d.caption) +
        (d.credit ? ' <span class="credit">عکس: ' + esc(d.credit) + "</span>" : "") + "</figcaption></figure>";
    }
    markDirty();
  }
  document.body.addEventListener("htmx:afterSwap", function (e) {
    var result = e.detail.target.id === "upload-result" ? e.detail.target : document.getElementById("upload-result");
    if (result && result.dataset.image && dialog.open) {
      choose({ image: result.dataset.image, url: result.dataset.url, caption: result.dataset.caption, credit: result.dataset.credit });
      dialog.close();
    }
  });
  // Heartbeat lost: somebody took the item over.
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target.id === "lock-banner" || (e.detail.elt && e.detail.elt.id === "lock-banner")) {
      var b = document.getElementById("lock-banner");
      if (b && b.dataset.lost) { editable = false; form.querySelector("fieldset").disabled = true; backup(); }
    }
  });
  // Leaving the editor: keep a copy of unsaved text and let go of the lock for colleagues.
  window.addEventListener("pagehide", function () {
    if (dirty && editable) backup();
    if (editable && navigator.sendBeacon && form.dataset.releaseUrl) {
      var fd = new FormData();
      fd.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      navigator.sendBeacon(form.dataset.releaseUrl, fd);
    }
  });
  // The title grows with its text; counters show the limits.
  var title = form.querySelector("textarea[name=title]");
  function grow() { title.style.height = "auto"; title.style.height = title.scrollHeight + "px"; count(); }
  // «نویسه‌های تیتر: ۴۲ از ۲۵۰»: the label is in the page; each field points at its counter
  // (aria-describedby), so a screen reader reads the count with the field.
  var counters = form.querySelector(".counters"), of = counters ? counters.dataset.of || "/" : "/";
  function count() {
    [["title", 250], ["lead", 1200]].forEach(function (p) {
      var el = form.querySelector("[name=" + p[0] + "]"), out = form.querySelector("[data-count=" + p[0] + "]");
      if (el && out) {
        out.textContent = toFa(el.value.length) + " " + of + " " + toFa(p[1]);
        out.parentNode.classList.toggle("over", el.value.length > p[1]);
      }
    });
  }
  if (title) { title.addEventListener("input", grow); grow(); }
  form.querySelector("[name=lead]") && form.querySelector("[name=lead]").addEventListener("input", count);
})();
