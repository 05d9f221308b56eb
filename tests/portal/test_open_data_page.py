"""Defect 6 of issue 13: the open-data page keeps code, URLs and identifiers Latin and left to
right, each in <code dir="ltr">, and the portal's Farsi-digit font feature does not reach them."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "khz.example.ir"}
CSS = Path(__file__).resolve().parents[2] / "hamafza/portal/static/portal/css/portal.css"


def test_code_and_urls_stay_latin_and_ltr(client, world):
    html = client.get(reverse("portal:open_data"), **HOST).content.decode()
    codes = re.findall(r'<code dir="ltr" lang="en">([^<]*)</code>', html)
    assert "/api/v1/reporting/values" in codes
    assert "UTF-8" in codes
    assert any(re.fullmatch(r"/dashboard/open-data/indicators\.csv\?year=1[34]\d\d", c) for c in codes), codes
    assert "indicator_id" in codes or any("_" in c for c in codes)
    for code in codes:
        assert not re.search("[۰-۹]", code), code
    # Identifiers and code values inside the column descriptions are code too.
    for token in ("road", "YYYY-MM", "1404-07", "null", "sum"):
        assert token in codes, token
    assert "v۱" not in html and "UTF-۸" not in html and "year=۱" not in html


def test_the_farsi_digit_feature_is_switched_off_for_code():
    css = CSS.read_text()
    assert 'font-feature-settings: "ss01"' in css  # the body's Persian digits …
    rule = re.search(r"code, kbd, samp, pre, \[lang=\"en\"\] \{ font-feature-settings: normal; \}", css)
    assert rule  # … never in code
