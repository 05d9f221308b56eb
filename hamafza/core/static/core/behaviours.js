// Small behaviours declared in HTML with data-* attributes, so that no page needs an inline event
// handler (the Content-Security-Policy runs no inline script without the response's nonce).
//   <select data-autosubmit>           submits its form when changed
//   <form data-confirm="question?">    asks before it is sent
//   <input data-select-on-click>       selects its text when clicked (addresses to copy)
//   <button data-print>                prints the page
//   <button data-copy="#id" data-copied="…">  copies the text of #id (a manual channel's kit)
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target.closest && event.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.submit(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    var field = target.closest("[data-select-on-click]");
    if (field) { field.select(); }
    if (target.closest("[data-print]")) { window.print(); }
    var copy = target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) { return; }
      var text = "value" in source ? source.value : source.innerText;
      navigator.clipboard.writeText(text).then(function () {
        var done = copy.getAttribute("data-copied");
        if (done) { copy.textContent = done; }
      });
    }
  });
})();
