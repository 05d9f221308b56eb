// The figures sheet: arrow keys move between cells (right-to-left), Enter saves and moves down.
document.addEventListener("keydown", function (event) {
  const input = event.target;
  if (!input.classList || !input.classList.contains("rg-input")) return;
  const cell = input.closest("td");
  const row = cell.parentElement;
  const col = Array.prototype.indexOf.call(row.children, cell);
  let target = null;
  const inputAt = function (tr, index) {
    const td = tr && tr.children[index];
    return td ? td.querySelector(".rg-input") : null;
  };
  if (event.key === "Enter" || event.key === "ArrowDown") {
    if (event.key === "Enter") input.dispatchEvent(new Event("change", { bubbles: true }));
    target = inputAt(row.nextElementSibling, col);
    event.preventDefault();
  } else if (event.key === "ArrowUp") {
    target = inputAt(row.previousElementSibling, col);
    event.preventDefault();
  } else if (event.key === "ArrowLeft" && input.selectionStart === input.value.length) {
    target = inputAt(row, col + 1);  // RTL: the next month is to the left
  } else if (event.key === "ArrowRight" && input.selectionStart === 0) {
    target = inputAt(row, col - 1);
  }
  if (target) { target.focus(); target.select(); }
});
