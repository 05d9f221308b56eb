"""/workspace/_styleguide/ shows every shared component to signed-in staff; file inputs in the
workspace are the one Persian component (no browser «Choose File / No file chosen»)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "hamafza" / "workspace" / "templates"


def test_staff_see_every_component(client, personas):
    sign_in_verified(client, personas.own_staff)
    html = client.get(reverse("workspace:styleguide"), {"toast": "1"}).content.decode()
    for marker in ('class="btn primary"', 'class="btn danger"', "disabled", 'class="file-pick"', 'class="table"',
                   'class="empty-state"', 'class="toast toast-success"', 'class="crumbs"', 'class="filter-bar"',
                   'aria-invalid="true"', "انتخاب پرونده", "پرونده‌ای انتخاب نشده", "data-period-bar", 'class="period-chip"'):
        assert marker in html, marker


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("workspace:styleguide"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_every_file_input_in_the_workspace_is_the_persian_component():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if path.name == "file_input.html":
            continue
        bare += [f"{path.name}: {m.group(0)[:60]}" for m in re.finditer(r'<input[^>]*type="?file', text)]
    assert bare == []
