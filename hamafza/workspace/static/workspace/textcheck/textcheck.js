/* The editor's Persian text check. Accepting a suggestion saves the whole form on the server
(the editor's own save action); the editor then reloads with the saved text and the check runs
again. Loaded before editor.js, so its «leave the page?» question can be skipped for that reload:
everything the form held has just been saved.
The list of suggestions is a panel (a bottom sheet on a phone): it gets the focus when it opens,
Escape or «بستن» closes it and gives the focus back to «نمایش پیشنهادها». */
(function () {
  var leaving = false;
  window.addEventListener("beforeunload", function (e) { if (leaving) e.stopImmediatePropagation(); });
  function flag(form) { return "hamafza:textcheck:" + form.dataset.item; }
  function sheet() { return document.querySelector("[data-textcheck-sheet]"); }
  function setOpen(open) {
    var s = sheet(), toggle = document.querySelector("[data-textcheck-open]");
    if (!s) return;
    s.hidden = !open;
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) s.focus(); else if (toggle) toggle.focus();
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-textcheck-close]")) setOpen(false);
    else if (e.target.closest("[data-textcheck-open]")) setOpen(!!sheet() && sheet().hidden);
  });
  document.addEventListener("keydown", function (e) {
    var s = sheet();
    if (e.key === "Escape" && s && !s.hidden && s.contains(document.activeElement)) { e.preventDefault(); setOpen(false); }
  });
  document.addEventListener("htmx:afterSwap", function () {
    var panel = document.getElementById("textcheck"), form = document.getElementById("editor");
    if (!panel) return;
    if (form && panel.dataset.reload) {
      try { localStorage.removeItem("hamafza:draft:" + form.dataset.item); } catch (_) {}
      try { sessionStorage.setItem(flag(form), "1"); } catch (_) {}
      leaving = true;
      location.reload();
      return;
    }
    if (sheet()) sheet().focus();
  });
  window.addEventListener("load", function () {
    var form = document.getElementById("editor"), run = document.querySelector("[data-textcheck-run]");
    if (!form || !run) return;
    var again = false;
    try { again = sessionStorage.getItem(flag(form)) === "1"; sessionStorage.removeItem(flag(form)); } catch (_) {}
    if (again || /[?&]textcheck=1/.test(location.search)) run.click();
  });
})();
