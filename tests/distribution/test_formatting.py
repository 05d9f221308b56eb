"""What goes to each platform: escaped HTML within the limits, cut at a sentence, «ادامه خبر»."""

import pytest

from hamafza.distribution.formatting import cut_at_sentence, render, utf16_len
from tests import factories

from .conftest import make_channel, make_image
from tests.fakes.messengers import html_problem, visible_length

pytestmark = pytest.mark.django_db

SENTENCE = "بهسازی محور اهواز به خرمشهر با اعتبار استانی ادامه دارد و کارگاه‌ها شبانه‌روزی فعال‌اند. "


def test_a_long_caption_is_cut_at_a_sentence_with_a_read_more_link(world):
    channel = make_channel(world["A"])
    item = factories.make_item(world["A"], title="گزارش عملکرد", lead=SENTENCE * 30, main_image=make_image(world["A"]))
    message = render(item, channel)
    assert message.is_caption and message.cut
    assert visible_length(message.text) <= 1024 and message.length <= 1024
    assert html_problem(message.text) is None
    assert f"«ادامه خبر»: http://khz.example.ir/n/{item.pk}" in message.text
    body = message.text.split("\n\n")[1]
    assert body.endswith("فعال‌اند.")


def test_a_long_text_message_stays_within_4096(world):
    channel = make_channel(world["A"])
    item = factories.make_item(world["A"], lead=SENTENCE, body="<p>" + SENTENCE * 80 + "</p>")
    message = render(item, channel)
    assert not message.is_caption and message.cut and visible_length(message.text) <= 4096


def test_a_short_item_is_whole_with_the_reporting_line(world):
    channel = make_channel(world["A"])
    item = factories.make_item(world["A"], kicker="هفته حمل و نقل", title="آیین آغاز", lead="لید کوتاه.")
    message = render(item, channel)
    assert not message.cut
    assert message.text.startswith("هفته حمل و نقل\n<b>آیین آغاز</b>")
    assert "به گزارش روابط عمومی اداره کل راه و شهرسازی خوزستان، لید کوتاه." in message.text
    assert "پیوند خبر:" in message.text


def test_markup_in_the_text_is_escaped(world):
    channel = make_channel(world["A"])
    item = factories.make_item(world["A"], title="<b>نیمه & باز", lead="a < b > c &amp; <i>")
    message = render(item, channel)
    assert html_problem(message.text) is None
    assert "&lt;b&gt;نیمه &amp; باز" in message.text and "&amp;amp;" in message.text


def test_eitaa_gets_plain_text(world):
    channel = make_channel(world["A"], kind="eitaa")
    item = factories.make_item(world["A"], title="<عنوان> & ساده")
    message = render(item, channel)
    assert message.format == "plain" and "<عنوان> & ساده" in message.text


def test_campaign_hashtags_when_the_item_has_a_campaign(world):
    import datetime as dt

    from hamafza.council.models import Campaign, CampaignItem

    channel = make_channel(world["A"])
    item = factories.make_item(world["A"])
    assert "#" not in render(item, channel).text
    week = Campaign.objects.create(
        council=world["council"], title="هفته حمل و نقل", slug="هفته-حمل-و-نقل", hashtags="#هفته_حمل_و_نقل اربعین",
        start_date=dt.date(2026, 12, 16), end_date=dt.date(2026, 12, 22),
    )
    CampaignItem.objects.create(campaign=week, item=item)
    assert "#هفته_حمل_و_نقل #اربعین" in render(item, channel).text


def test_an_override_replaces_lead_and_body(world):
    channel = make_channel(world["A"])
    item = factories.make_item(world["A"], title="عنوان", lead="لید اصلی")
    text = render(item, channel, override="متن ویژهٔ تلگرام <با نشانه>").text
    assert "لید اصلی" not in text and "متن ویژهٔ تلگرام &lt;با نشانه&gt;" in text


def test_cut_at_sentence_counts_utf16():
    text = "😀" * 10 + ". " + "کلمه " * 50
    head = cut_at_sentence(text, 30)
    assert utf16_len(head) <= 30 and head.endswith(".")
