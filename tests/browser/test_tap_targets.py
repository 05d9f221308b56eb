"""The tap-target audit (WCAG 2.2 SC 2.5.8, defect 10 of issue 13) finds what it should: a small
target crowded by its neighbours fails, and so does a primary action under 44 px on a phone; a link inside a sentence, a small target with room around
it, and a checkbox tapped through its label pass. The crawl in test_a11y_pages.py and every phone
step of the persona walks run the same audit."""

import pytest

from tests.browser.a11y import tap_targets

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="fa" dir="rtl"><body style="font: 14px/1.2 sans-serif; margin: 20px">
<div id="crowded"><a href="/a" style="font-size:11px">الف</a><a href="/b" style="font-size:11px">ب</a></div>
<p style="margin-top:60px">این جمله‌ای است با <a href="/c">پیوندی کوچک</a> در میان متن که باید پذیرفته شود.</p>
<div style="margin-top:60px"><button style="padding:0;font-size:10px;border:0">×</button></div>
<div style="margin-top:60px"><label><input type="checkbox" style="width:13px;height:13px"> برچسبی به اندازهٔ کافی بلند</label></div>
<div style="margin-top:60px"><a href="/big" style="display:inline-block;min-width:44px;min-height:44px">بزرگ</a></div>
<div style="margin-top:60px"><button class="btn primary" style="height:32px">انتشار</button></div>
</body></html>"""


def test_audit_flags_only_crowded_small_targets(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(PAGE)
    found = tap_targets(page, "audit-sample")
    assert len(found) == 3, found  # the two crowded links and the short primary action, each named
    assert any("«الف»" in f for f in found) and any("«ب»" in f for f in found)
    assert any("under 44 px" in f and "«انتشار»" in f for f in found), found
    assert not any("پیوندی" in f or "«×»" in f or "برچسبی" in f or "بزرگ" in f for f in found), found
