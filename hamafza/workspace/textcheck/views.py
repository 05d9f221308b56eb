"""The editor's «بررسی متن فارسی»: check the text the author has now (posted from the open
editor, saved or not), accept suggestions one by one or all at once (saved through the editor's
own save action, against the revision the editor holds, with every other field of the form, so
nothing unsaved is lost), and the submit button's warning when suggestions remain.

Every view: staff_required → policy.access_item (404 for an item the person may not see, 403 for
one they may only read when writing)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.newsroom import actions, workflow
from hamafza.newsroom.models import NewsItem
from hamafza.persian.digits import to_persian_digits
from hamafza.workspace.news import views as news_views

from . import checks

S = NewsItem.Status


def _values(post, item: NewsItem) -> dict[str, str]:
    """The text fields as the open editor has them; the saved ones for fields not posted."""
    saved = checks.item_values(item)
    return {field: post.get(field, saved[field]) if field in post else saved[field] for field in checks.FIELDS}


def _can_accept(user, item: NewsItem) -> bool:
    return item.status != S.PUBLISHED and policy.can_edit_item(user, item)


def _panel(request, item, found, *, error: str = "", notice: str = "", reload: bool = False, status: int = 200):
    by_field = []
    for field in checks.FIELDS:
        rows = [s for s in found if s.field == field]
        if rows:
            by_field.append((checks.FIELD_LABELS[field], rows))
    n_fixes = len(checks.fixes(found))
    return render(request, "workspace/textcheck/panel.html#panel", {
        "item": item, "checked": True, "found": found, "by_field": by_field,
        "count": to_persian_digits(len(found)), "fix_count": to_persian_digits(n_fixes), "has_fixes": n_fixes > 0,
        "question_count": to_persian_digits(len(found) - n_fixes), "can_accept": _can_accept(request.user, item),
        "error": error, "notice": notice, "reload": reload,
    }, status=status)


@staff_required
@require_POST
def check(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    return _panel(request, item, checks.suggestions(_values(request.POST, item)))


@staff_required
@require_POST
def accept(request, item_id: int):
    """Apply the chosen suggestion (`change`: its id) or all of them (`all`), then save the whole
    form through do_save_draft with the editor's base revision."""
    item = policy.access_item(request.user, item_id, for_write=True)
    values = _values(request.POST, item)
    found = checks.suggestions(values)
    if request.POST.get("all"):
        chosen = checks.fixes(found)  # questions («شاید …؟») only when picked one by one
        if not chosen:
            return _panel(request, item, found, error=_("پیشنهادی برای پذیرش یک‌جا نمانده است؛ پرسش‌ها را یکی‌یکی بررسی کنید."))
    else:
        wanted = set(request.POST.getlist("change"))
        chosen = [s for s in found if s.id in wanted]
        if not chosen:
            return _panel(request, item, found, error=_("متن از زمان بررسی تغییر کرده است؛ پیشنهادهای تازه را ببینید."))
    if item.status == S.PUBLISHED:
        return _panel(request, item, found, error=_("این خبر منتشر شده است؛ تغییرات را در ویرایشگر و با «اصلاحیه» ثبت کنید."))
    data = news_views._editor_data(request.POST)
    data.update(checks.apply(values, chosen))
    try:
        actions.do_save_draft(request.user, item, data, news_views._base_revision(request.POST))
    except workflow.EditConflict:
        return _panel(request, item, found, error=_("کس دیگری پس از باز شدن ویرایشگر خبر را ذخیره کرده است؛ ابتدا تعارض را در ویرایشگر حل کنید و سپس دوباره بررسی کنید."))
    except workflow.LockHeld:
        return _panel(request, item, found, error=_("ویرایش این خبر در دست کس دیگری است؛ پیشنهادها اعمال نشد."))
    except workflow.PartialSave as exc:
        messages = [m for msgs in exc.message_dict.values() for m in msgs]
        return _panel(request, item, found, error=_("بخشی از متن ذخیره نشد: %(errors)s — آن را در ویرایشگر درست کنید و دوباره بررسی کنید.") % {"errors": "، ".join(messages)})
    except ValidationError as exc:
        return _panel(request, item, found, error="، ".join(exc.messages))
    if not request.headers.get("HX-Request"):
        return redirect("workspace:news:edit", item_id=item.pk)
    item.refresh_from_db()
    notice = _("%(n)s پیشنهاد پذیرفته و ذخیره شد.") % {"n": to_persian_digits(len(chosen))}
    return _panel(request, item, checks.suggestions(checks.item_values(item)), notice=notice, reload=True)


def pending(item: NewsItem) -> list[checks.Suggestion]:
    """The fixes the saved text of the item still has (questions do not hold the submit up)."""
    return checks.fixes(checks.suggestions(checks.item_values(item)))


@staff_required
@require_POST
def submit(request, item_id: int):
    """«ارسال برای تأیید» with a warning: when the saved text still has suggestions and the
    person has not confirmed, a page lists them with «ارسال در هر حال»; otherwise the editor's own
    submit transition runs."""
    item = policy.access_item(request.user, item_id)
    if not request.POST.get("confirmed") and policy.can_submit(request.user, item):
        found = pending(item)
        if found:
            counts = []
            for field in checks.FIELDS:
                n = sum(1 for s in found if s.field == field)
                if n:
                    counts.append((checks.FIELD_LABELS[field], to_persian_digits(n)))
            return render(request, "workspace/textcheck/submit_warning.html", {
                "item": item, "found": found, "count": to_persian_digits(len(found)), "counts": counts, "nav": "news",
            })
    return news_views.news_transition(request, item_id=item.pk, action="submit")
