"""No input makes the back office (/admin/) fail: as the demo's site admin, every registered
model's list, add and change pages (and a user's password page), with a NUL character, ten times
a field's limit and the integers 10^30, -10^30 and 2^63 — in the list's query (search, ordering,
page, every filter and date drill-down the list links to), in the object's id, in a bulk
action's chosen ids, in the autocomplete's query, and in every field of every add, change and
editable-list form (tests/input_walk.py reads the forms and makes the variants).

Each answer must be below 500 and no error page; a form shown again must speak Persian; a
refused post (any answer but the admin's redirect after a save) must leave what is saved as it
was: the object the page shows, the number of rows of its model, and the audit log. To keep the
walk short (about 700 requests), each (model, field, kind of bad value) is posted once — on the
add page or on the model's first object's change page, whichever shows the field first — the
three integers are sent in turn, and the list's own query words (o, p, all, _facets, …) are
tried on one model. Each request runs in a savepoint that is rolled back."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from hamafza.accounts.models import User
from hamafza.audit.models import AuditEvent
from tests.demo.conftest import load_demo
from tests.input_walk import NUL, baseline, number_label, persian_message, read_page, variants, where
from tests.personas import sign_in_verified

BAD_NUMBERS = (10**30, -(10**30), 2**63)
BAD_TEXT = ("x" + NUL, "ب" * 10_000)
# The list's own query words (Django's admin): search, ordering, page, "show all", popups.
LIST_PARAMS = ("q", "o", "p", "all", "_to_field", "_popup", "e", "_facets")


@pytest.fixture(scope="module")
def demo(module_db):
    """The demo council, loaded once for the module (rolled back after it: tests/conftest.py)."""
    load_demo()


@pytest.fixture
def walker(db, demo) -> tuple[Client, User]:
    user = User.objects.get(username="admin")
    assert user.is_superuser
    client = Client(raise_request_exception=True)
    sign_in_verified(client, user)
    return client, user


def saved_state(model, pk) -> tuple:
    """What a refused post must leave as it was: the object (its fields and many-to-many
    choices), how many rows its model has, and the audit log."""
    obj = model._default_manager.filter(pk=pk).first() if pk is not None else None
    return (model_to_dict(obj) if obj else None, model._default_manager.count(), AuditEvent.objects.count())


class Walk:
    def __init__(self, client: Client):
        self.client = client
        self.problems: list[str] = []
        self.requests = 0

    def request(self, label: str, method: str, url: str, data=None, guard=None):
        """One request, rolled back afterwards. `guard` = (model, pk): a refused post must not
        change that object, its model's row count or the audit log."""
        before = saved_state(*guard) if guard else None
        self.requests += 1
        with transaction.atomic():
            try:
                response = self.client.get(url, data) if method == "get" else self.client.post(url, data or {})
            except Exception as exc:  # noqa: BLE001  (the walk reports every failure, not only the first)
                self.problems.append(f"{method.upper()} {url} [{label}]: {type(exc).__name__}: {str(exc)[:160]} @ {where(exc)}")
                transaction.set_rollback(True)
                return None
            status = response.status_code
            body = response.content
            if status >= 500:
                self.problems.append(f"{method.upper()} {url} [{label}]: {status}")
            if b"Traceback" in body or b"technical_500" in body:
                self.problems.append(f"{method.upper()} {url} [{label}]: a traceback in the answer")
            if status == 302 and response["Location"].startswith("/accounts/sign-in/"):
                self.problems.append(f"{method.upper()} {url} [{label}]: the walker was signed out")
            if method == "post" and status == 200 and b"<form" in body and not persian_message(response):
                self.problems.append(f"{method.upper()} {url} [{label}]: shown again without a Persian message")
            if guard and status != 302 and saved_state(*guard) != before:
                self.problems.append(f"{method.upper()} {url} [{label}]: refused ({status}) but what was saved changed")
            transaction.set_rollback(True)
        return response


def admin_form(url: str, html: str):
    """The page's own form (the add, change or password form), not the sign-out or search form."""
    for form in read_page(url, html)[0]:
        if form.method == "post" and urlsplit(form.action).path == urlsplit(url).path and (
                form.button is None or form.button[0] == "_save"):
            return form
    return None


# Fields every admin form carries (the CSRF token, an inline's management form): one model's
# probe of them stands for all.
SHARED_FIELD = re.compile(r"^(csrfmiddlewaretoken|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)$")


def field_shape(model_label: str, name: str) -> tuple[str, str]:
    """What a probe of the field stands for: an inline row's field is the same field on every row
    (memberships-0-agency → memberships-N-agency), and a shared field the same on every model."""
    name = re.sub(r"-\d+-", "-N-", name)
    return ("*" if SHARED_FIELD.match(name) else model_label, re.sub(r"^.*-(\w+_FORMS)$", r"*-\1", name))


class Rotation:
    """The hostile integers taken in turn: each probe sends one of them, all of them get sent."""

    def __init__(self):
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return BAD_NUMBERS[self.n % len(BAD_NUMBERS)]


def post_variants(walk: Walk, label: str, url: str, html: str, guard, probed: set, model_label: str, number: Rotation) -> int:
    """The page's form as filled, then its hostile variants: each (model, field, kind of bad value)
    once over the model's add, change and password pages; the number posted."""
    form = admin_form(url, html)
    if form is None:
        return 0
    form.fields = [f for f in form.fields if "__prefix__" not in f.name]  # an inline's empty template row
    walk.request(f"{label} as filled", "post", url, baseline(form), guard)
    posted = 0
    picked: dict[str, str] = {}  # the hostile integer each field gets
    for name, data, kind, field in variants(form, huge=BAD_NUMBERS):
        if kind == "huge" and not name.endswith(": " + picked.setdefault(field.name, number_label(number()))):
            continue
        shape = (*field_shape(model_label, field.name), kind)
        if shape in probed:
            continue
        probed.add(shape)
        walk.request(f"{label} {name}", "post", url, data, guard)
        posted += 1
    return posted


def list_params(url: str, html: str) -> set[str]:
    """The query words of the list's links (its filters, date drill-down, ordering) and its own."""
    names = set(LIST_PARAMS)
    for link in read_page(url, html)[1]:
        parts = urlsplit(link)
        if parts.path == urlsplit(url).path:
            names.update(k for k, _v in parse_qsl(parts.query, keep_blank_values=True))
    return names


def first_object(model, user):
    objects = model._default_manager.order_by("pk")
    if model is User:
        objects = objects.exclude(pk=user.pk)  # a password changed on the walker's own account would sign it out
    return objects.first()


def test_every_admin_page_and_form_survives_nul_long_text_and_huge_numbers(walker):
    client, user = walker
    walk = Walk(client)
    started = time.monotonic()
    probed: set = set()
    number = Rotation()
    covered = []
    generic_done = False
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda kv: kv[0]._meta.label):
        opts = model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        changelist = reverse(f"admin:{name}_changelist")
        page = walk.request("list", "get", changelist)
        if not opts.managed:  # no table of its own (django_rq's link to its dashboard, with Redis)
            for value in (*BAD_TEXT, *map(str, BAD_NUMBERS)):
                walk.request(f"list ?q={value[:4]!r}", "get", changelist, {"q": value})
            covered.append(f"{opts.label}: no table, its list answers {page and page.status_code}")
            continue
        if page is None or page.status_code != 200:
            walk.problems.append(f"GET {changelist}: {page and page.status_code} (the walk cannot read the list)")
            continue
        html = page.content.decode()
        # The list's query: its own words (the same code on every model: all values, on the first
        # model) and the model's search, filters and date drill-down (long text and an integer).
        for param in sorted(list_params(changelist, html)):
            generic = param in LIST_PARAMS and param != "q"
            if generic and generic_done:
                continue
            values = (*BAD_TEXT, *map(str, BAD_NUMBERS)) if generic else (BAD_TEXT[1], str(number())) if param == "q" else (
                str(number()),)
            for value in values:
                walk.request(f"list ?{param}={value[:4]!r}", "get", changelist, {param: value})
        generic_done = True
        # The list's own forms: a bulk action on ids no object has, and the editable list.
        for action in model_admin.get_actions(page.wsgi_request):
            for selected in ("x", str(number())):
                walk.request(f"list action {action} on {selected[:4]!r}", "post", changelist,
                             {"action": action, "index": "0", "_selected_action": [selected]}, (model, None))
        if model_admin.list_editable:
            post_variants(walk, "list", changelist, html, (model, None), probed, f"{opts.label} list", number)
        # An id that is no object: huge, negative, not a number, with a NUL.
        for bad in (str(number()), "ب" * 300, "1%00"):
            walk.request(f"change of id {bad[:6]!r}", "get", f"{changelist}{bad}/change/")
        for view in ("history", "delete"):
            walk.request(f"{view} of a huge id", "get", f"{changelist}{number()}/{view}/")
        # The add page and its form.
        add = reverse(f"admin:{name}_add")
        page = walk.request("add", "get", add)
        posted = 0
        if page is not None and page.status_code == 200:
            posted += post_variants(walk, "add", add, page.content.decode(), (model, None), probed, opts.label, number)
        # The first object's pages and its change form (and a user's password form).
        obj = first_object(model, user)
        if obj is not None:
            for view in ("history", "delete"):
                walk.request(view, "get", reverse(f"admin:{name}_{view}", args=[obj.pk]))
            change = reverse(f"admin:{name}_change", args=[obj.pk])
            page = walk.request("change", "get", change)
            if page is not None and page.status_code == 200:
                posted += post_variants(walk, "change", change, page.content.decode(), (model, obj.pk), probed, opts.label, number)
            if model is User:
                password = reverse("admin:auth_user_password_change", args=[obj.pk])
                page = walk.request("password", "get", password)
                if page is not None and page.status_code == 200:
                    posted += post_variants(walk, "password", password, page.content.decode(), (model, obj.pk),
                                            probed, opts.label, number)
        covered.append(f"{opts.label}: {'object' if obj else 'no object'}, {posted} bad posts")
        # The autocomplete its add and change pages ask for.
        fields = [(model_admin, f) for f in model_admin.get_autocomplete_fields(page.wsgi_request if page else None)]
        for inline in model_admin.get_inline_instances(page.wsgi_request if page else None):
            fields += [(inline, f) for f in inline.get_autocomplete_fields(page.wsgi_request if page else None)]
        for owner, field in fields:
            query = {"app_label": owner.model._meta.app_label, "model_name": owner.model._meta.model_name, "field_name": field}
            for bad in (BAD_TEXT[1], str(number())):
                walk.request(f"autocomplete {field} term", "get", reverse("admin:autocomplete"), {**query, "term": bad})
            walk.request(f"autocomplete {field} page", "get", reverse("admin:autocomplete"), {**query, "term": "ا", "page": str(number())})
    for bad in (*BAD_TEXT, *map(str, BAD_NUMBERS)):
        for key in ("app_label", "model_name", "field_name"):
            walk.request(f"autocomplete {key}", "get", reverse("admin:autocomplete"),
                         {"app_label": "agencies", "model_name": "council", "field_name": "head_agency", key: bad})
    seconds = time.monotonic() - started
    print(f"\nadmin walk: {walk.requests} requests in {seconds:.1f} s\n  " + "\n  ".join(covered))
    assert not walk.problems, f"{len(walk.problems)} problems:\n" + "\n".join(walk.problems)
    assert len(covered) == len(admin.site._registry)


@pytest.mark.parametrize("year", ["9999", "0", "10000"])
def test_the_date_drill_down_refuses_a_year_without_a_next_one(walker, year):
    """Django's admin looks for the year's end (9999 has none: datetime fails) — an invalid filter."""
    client, _user = walker
    response = client.get(reverse("admin:newsroom_newsitem_changelist"), {"published_at__year": year})
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_every_admin_and_inline_on_the_site_reads_ids_through_the_guards():
    from hamafza.core.adminguard import AdminSite, InlineGuards, ModelAdminGuards

    assert isinstance(admin.site._wrapped if hasattr(admin.site, "_wrapped") else admin.site, AdminSite)
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, ModelAdminGuards), model
        assert all(issubclass(inline, InlineGuards) for inline in model_admin.inlines), model


def test_a_bulk_action_on_an_id_no_row_can_have_is_refused_in_persian(walker):
    client, _user = walker
    changelist = reverse("admin:agencies_sector_changelist")
    response = client.post(changelist, {"action": "delete_selected", "index": "0", "_selected_action": [str(2**63)]},
                           follow=True)
    assert response.status_code == 200
    assert "موردهای انتخاب‌شده نادرست‌اند" in response.content.decode()


def test_a_forged_row_count_of_an_inline_is_refused_before_its_rows_are_built(walker):
    """An inline's TOTAL_FORMS of 10^30 built Django's 2,000 forms (about 6 s) before it was
    refused; now the formset stops at INLINE_ROWS and says so in Persian, and nothing is saved."""
    from hamafza.agencies.models import Agency
    from hamafza.core.adminguard import INLINE_ROWS

    client, _user = walker
    agency = Agency.objects.order_by("id").first()
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    form = admin_form(url, client.get(url).content.decode())
    data = {field.name: field.value for field in form.fields if "__prefix__" not in field.name}
    total = next(name for name in data if name.endswith("-TOTAL_FORMS"))
    before = saved_state(Agency, agency.pk)
    response = client.post(url, {**data, total: str(10**30)})
    assert response.status_code == 200
    formset = next(f.formset for f in response.context_data["inline_admin_formsets"] if f.formset.prefix == total[: -len("-TOTAL_FORMS")])
    assert len(formset.forms) <= INLINE_ROWS
    assert formset.non_form_errors() and persian_message(response)
    assert saved_state(Agency, agency.pk) == before
