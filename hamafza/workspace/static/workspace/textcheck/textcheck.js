/* The editor's Persian text check. Accepting a suggestion saves the whole form on the server
(the editor's own save action); the editor then reloads with the saved text and the check runs
again. Loaded before editor.js, so its «leave the page?» question can be skipped for that reload:
everything the form held has just been saved. */
(function () {
  var leaving = false;
  window.addEventListener("beforeunload", function (e) { if (leaving) e.stopImmediatePropagation(); });
  function flag(form) { return "hamafza:textcheck:" + form.dataset.item; }
  document.addEventListener("htmx:afterSwap", function () {
    var panel = document.getElementById("textcheck"), form = document.getElementById("editor");
    if (!panel || !form || !panel.dataset.reload) return;
    try { localStorage.removeItem("hamafza:draft:" + form.dataset.item); } catch (_) {}
    try { sessionStorage.setItem(flag(form), "1"); } catch (_) {}
    leaving = true;
    location.reload();
  });
  window.addEventListener("load", function () {
    var form = document.getElementById("editor"), run = document.querySelector("[data-textcheck-run]");
    if (!form || !run) return;
    var again = false;
    try { again = sessionStorage.getItem(flag(form)) === "1"; sessionStorage.removeItem(flag(form)); } catch (_) {}
    if (again || /[?&]textcheck=1/.test(location.search)) run.click();
  });
})();
