/* Persian for django-prose-editor: its dialogs ask window.gettext (loaded before the editor);
   the block-type menu has fixed English labels, renamed once the menu is built. */
(function () {
  "use strict";
  var fa = {
    "Add caption": "افزودن زیرنویس", "Alternative Text": "متن جایگزین", "Browse...": "انتخاب…", "Bullets": "نشانه‌ها",
    "Cancel": "انصراف", "Caption": "زیرنویس", "Columns": "ستون‌ها", "Decimal numbers": "شماره‌های ۱، ۲، ۳",
    "Edit Figure": "ویرایش تصویر", "Edit HTML": "ویرایش HTML", "Edit Image": "ویرایش تصویر", "Edit Link": "ویرایش پیوند",
    "Image URL": "نشانی تصویر", "Include header row": "ردیف سرستون داشته باشد", "Insert Figure": "درج تصویر",
    "Insert Table": "درج جدول", "Insert": "درج", "List properties": "ویژگی‌های فهرست", "List type": "نوع فهرست",
    "Lowercase Roman numerals": "شماره‌های رومی کوچک", "Lowercase letters": "حروف کوچک", "Open in new window": "باز شدن در پنجرهٔ تازه",
    "Prettify": "مرتب‌سازی", "Remove caption": "حذف زیرنویس", "Rows": "ردیف‌ها", "Start at": "شروع از",
    "Table Properties": "ویژگی‌های جدول", "Title": "عنوان", "Toggle fullscreen": "تمام‌صفحه", "URL": "نشانی",
    "Update": "به‌روزرسانی", "Uppercase Roman numerals": "شماره‌های رومی بزرگ", "Uppercase letters": "حروف بزرگ",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "HTML متن خبر. فقط برچسب‌های مجاز نگه داشته می‌شود.",
    "Paragraph": "بند", "Heading 2": "میان‌تیتر", "Heading 3": "میان‌تیتر کوچک", "Heading 4": "زیرعنوان"
  };
  var previous = window.gettext;
  window.gettext = function (s) { return fa[s] || (previous ? previous(s) : s); };
  function rename(root) {
    root.querySelectorAll(".prose-menubar option, .prose-menubar [class*=dropdown] *, .prose-menubar__dropdown *").forEach(function (el) {
      if (el.children.length === 0 && fa[el.textContent.trim()]) el.textContent = fa[el.textContent.trim()];
    });
  }
  var observer = new MutationObserver(function () { rename(document); });
  document.addEventListener("DOMContentLoaded", function () {
    rename(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
