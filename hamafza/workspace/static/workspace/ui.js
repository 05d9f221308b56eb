// The workspace's shared components, written once (see /workspace/_styleguide/):
//  - file inputs (templatetags/ui.py file_input) show the chosen file's name in Persian;
//  - tables become cards on a phone: each cell is labelled with its column's heading;
//  - toasts: server messages and htmx «HX-Trigger: {"toast": "…"}» appear as toasts; success
//    toasts leave after a while, errors stay until closed;
//  - the top bar's menus close with Escape, a click elsewhere or the focus moving on.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".file-pick input[type=file]")) { return; }
    var name = input.closest(".file-pick").querySelector(".file-name");
    if (name) { name.textContent = input.files && input.files[0] ? input.files[0].name : name.getAttribute("data-none"); }
  });

  function labelTables(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (!heads.length) { return; }
      table.classList.add("cards-ready");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          if (!cell.hasAttribute("data-label") && heads[i]) { cell.setAttribute("data-label", heads[i]); }
        });
      });
    });
  }

  function toast(text, kind) {
    var box = document.getElementById("toasts");
    if (!box || !text) { return; }
    var item = document.createElement("div");  // role status/alert: a list item would lose its role
    item.className = "toast toast-" + (kind || "info");
    item.setAttribute("role", kind === "error" ? "alert" : "status");
    item.textContent = text;
    box.appendChild(item);
    dismissLater(item);
  }
  function dismissLater(item) {
    var close = document.createElement("button");
    close.type = "button"; close.className = "toast-close"; close.setAttribute("aria-label", "بستن");
    close.textContent = "×";
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(close);
    if (!item.classList.contains("toast-error")) { setTimeout(function () { item.classList.add("leaving"); setTimeout(function () { item.remove(); }, 400); }, 7000); }
  }

  // A period bar shows only the fields its kind of period uses (all of them without script).
  function periodFields(select) {
    var bar = select.closest("[data-period-bar]");
    bar.querySelectorAll("[data-for]").forEach(function (label) {
      var shown = label.getAttribute("data-for").split(" ").indexOf(select.value) !== -1;
      label.hidden = !shown;
      label.querySelectorAll("input, select").forEach(function (f) { f.disabled = !shown; });
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-period-kind]")) { periodFields(event.target); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-period-kind]").forEach(periodFields);
    labelTables(document);
    document.querySelectorAll("#toasts .toast").forEach(dismissLater);
  });
  document.addEventListener("htmx:afterSettle", function (event) { labelTables(event.target.closest("table") ? event.target.closest("table").parentElement : event.target); });
  document.addEventListener("toast", function (event) { toast(event.detail && event.detail.value, event.detail && event.detail.kind); });
  window.hamafzaToast = toast;

  // The top bar's disclosure menus (the main menu's groups, the personal menu) are <details> and
  // work without script; with it, Escape closes the open one and gives the focus back to its
  // label, and a click or the focus going elsewhere closes it.
  function openMenus() { return document.querySelectorAll(".topbar details[open]"); }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    openMenus().forEach(function (menu) {
      var hadFocus = menu.contains(document.activeElement);
      menu.open = false;
      if (hadFocus) { menu.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) { if (!menu.contains(event.target)) { menu.open = false; } });
  });
  document.addEventListener("focusin", function (event) {
    openMenus().forEach(function (menu) { if (!menu.contains(event.target)) { menu.open = false; } });
  });
})();
