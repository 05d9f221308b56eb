"""The normalizer proposes changes; it never damages URLs, numbers, names or correct text."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_socket import SocketConnectBlockedError

from hamafza.persian.normalizer import Change, apply_changes, normalize

Z = "\u200c"
SEED = Path(__file__).resolve().parent / "data" / "seed.txt"  # a copy of shared/seed/000_caa28a8e11d175e0.txt


def z(text: str) -> str:
    """Write ZWNJ as «·» in the tables below."""
    return text.replace("·", Z)


# The 17 cases of shared/notes/persian-text.md.
NOTE_CASES = [
    ("میبایست میکنیم نمیتوانیم", "می·بایست می·کنیم نمی·توانیم"),
    ("می رود نمی آید", "می·رود نمی·آید"),
    ("روابط عمومیهای شبکههای", "روابط عمومی·های شبکه·های"),
    ("کتاب ها شبکه های", "کتاب·ها شبکه·های"),
    ("اطلاعرسانی", "اطلاع·رسانی"),
    ("اطلاع رسانی", "اطلاع·رسانی"),
    ("هم افزایی", "هم·افزایی"),
    ("كيك مدرسة", "کیک مدرسه"),
    ("سال 2024 و ١٤٠٣", "سال ۲۰۲۴ و ۱۴۰۳"),
    ("ســــلام", "سلام"),
    ("کِتابِ مُهِمّ", "کتاب مهم"),
    ("سلام ، خوبی ؟", "سلام، خوبی؟"),
    ("سلام, خوبی?", "سلام، خوبی؟"),
    ("این   خبر", "این خبر"),
    ("میز میدان میلیون تنها رها", "میز میدان میلیون تنها رها"),
    ("https://t.co/a?b=1,2", "https://t.co/a?b=1,2"),
    ("می·روند و شبکه·های اجتماعی، اطلاع·رسانی می·کنند؟", "می·روند و شبکه·های اجتماعی، اطلاع·رسانی می·کنند؟"),
]

# Our own: news sentences, names, numbers, mixed Latin text.
OWN_CASES = [
    # ZWNJ fixes in news sentences
    ("این طرح بیشک به نفع مردم است.", "این طرح بی·شک به نفع مردم است."),
    ("ابزارهای نوین اطلاعرسانی", "ابزارهای نوین اطلاع·رسانی"),
    ("هفته حملونقل", "هفته حمل·ونقل"),
    ("همافزایی دستگاهها", "هم·افزایی دستگاه·ها"),
    ("در سختافزار و نرمافزار", "در سخت·افزار و نرم·افزار"),
    ("برنامهریزی هفته", "برنامه·ریزی هفته"),
    ("حمل و نقل جادهای", "حمل و نقل جاده·ای"),
    ("نباید به صورت جزیرهای کار کنند", "نباید به صورت جزیره·ای کار کنند"),
    ("خدمترسانی به زائران", "خدمت·رسانی به زائران"),
    ("مسافران میتوانند بلیت بخرند", "مسافران می·توانند بلیت بخرند"),
    ("قطار حرکت نمیکند", "قطار حرکت نمی·کند"),
    ("نمیبایست دیر شود", "نمی·بایست دیر شود"),
    ("فرودگاهها و بندرها", "فرودگاه·ها و بندرها"),
    ("کشتیها پهلو گرفتند", "کشتی·ها پهلو گرفتند"),
    ("برنامههای پیشنهادی", "برنامه·های پیشنهادی"),
    ("گزارشهای عملکرد", "گزارش·های عملکرد"),
    # letters, digits, marks
    ("رئيس اداره كل", "رئیس اداره کل"),
    ("ساعت 8 صبح", "ساعت ۸ صبح"),
    ("شمار ١٢ نفر", "شمار ۱۲ نفر"),
    ("مـــدیرکل", "مدیرکل"),
    ("اَلبَتّه", "البته"),
    ("خبر ؛ گزارش", "خبر؛ گزارش"),
    # numbers with separators: only their digits change
    ("نرخ 3.5 درصد", "نرخ ۳.۵ درصد"),
    ("1,200 تن بار", "۱,۲۰۰ تن بار"),
    ("ساعت 10:30 صبح", "ساعت ۱۰:۳۰ صبح"),
    ("تاریخ 1404/09/05 جلسه", "تاریخ ۱۴۰۴/۰۹/۰۵ جلسه"),
    ("تاریخ ۱۴۰۴/۰۹/۰۵ جلسه", "تاریخ ۱۴۰۴/۰۹/۰۵ جلسه"),
    ("بازه 1403-1404", "بازه ۱۴۰۳-۱۴۰۴"),
]

MUST_STAY = [
    "امید زمانی، رئیس اداره ارتباطات",
    "امیر طرفیانی مدیرکل روابط عمومی",
    "اداره کل راهداری و حمل و نقل جاده‌ای خوزستان",
    "اداره کل راه و شهرسازی خوزستان",
    "یکی از وظایف مهم",
    "میزان میهمان میانه میوه",
    "تنها زمانی که رها شد",
    "همچنین همکاری",
    "ارائه و ارایه",
    "مؤثر و مسئول",
    "نشانی info@rmto.ir است",
    "وبگاه https://www.rmto.ir/news?id=1,2&p=3 را ببینید",
    "وبگاه www.mrud.ir را ببینید",
    "هواپیمای Airbus A320 و Boeing 737",
    "پیام Hello, world بود",
    "برچسب #هفته_حمل_و_نقل و @rmto_ir",
    "شناسه COVID-19 بود",
    "۱۴۰۴/۰۹/۰۵",
    "ساعت ۱۰:۳۰",
    "اطلاع‌رسانی و هم‌افزایی",
    "ایستگاه جدید راه‌آهن",
]


@pytest.mark.parametrize(("text", "expected"), NOTE_CASES + OWN_CASES)
def test_it_normalizes(text, expected):
    result = normalize(z(text))
    assert result.text == z(expected)
    assert apply_changes(z(text), result.changes) == result.text


@pytest.mark.parametrize("text", MUST_STAY)
def test_it_leaves_correct_text_names_urls_and_latin_alone(text):
    result = normalize(text)
    assert result.text == text
    assert result.changes == []


def test_there_are_enough_cases():
    assert len(NOTE_CASES) == 17
    assert len(OWN_CASES) + len(MUST_STAY) >= 40


def test_each_change_can_be_accepted_on_its_own():
    text = "میبایست اطلاعرسانی كند 2024"
    result = normalize(text)
    assert [(c.old, c.new, c.kind) for c in result.changes] == [
        ("میبایست", z("می·بایست"), "zwnj"),
        ("اطلاعرسانی", z("اطلاع·رسانی"), "zwnj"),
        ("كند", "کند", "letters"),
        ("2024", "۲۰۲۴", "digits"),
    ]
    only_second = apply_changes(text, [result.changes[1]])
    assert only_second == z("میبایست اطلاع·رسانی كند 2024")
    assert apply_changes(text, result.changes[::-1]) == result.text  # any order


def test_a_change_that_does_not_fit_is_refused():
    with pytest.raises(ValueError):
        apply_changes("سلام", [Change(0, 2, "خد", "x", "other")])


def test_changes_point_into_the_original_text():
    text = "خبر اول.\nدر ادامه میتوانیم اطلاع رسانی کنیم.\n\nپایان"
    result = normalize(text)
    for change in result.changes:
        assert text[change.start : change.end] == change.old
    assert result.text.split("\n")[2] == ""  # paragraphs are kept


@pytest.mark.parametrize("text", ["", "   ", "\u200c", "🚆", "\u200f", "\U000f0001 سلام"])
def test_odd_input_does_not_raise(text):
    result = normalize(text)
    assert apply_changes(text, result.changes) == result.text


def test_the_seed_gets_its_zwnjs_back_without_damage():
    seed = SEED.read_text(encoding="utf-8")
    result = normalize(seed)
    text = result.text
    assert apply_changes(seed, result.changes) == text
    for fixed in [
        "روابط عمومی·های", "می·بایست", "اطلاع·رسانی", "شبکه·های", "هم·افزایی", "سازمان·ها",
        "دستگاه·های", "برنامه·های", "برنامه·ریزی", "سخت·افزار", "نرم·افزار", "بی·شک", "جاده·ای",
        "می·تواند", "جزیره·ای", "خدمت·رسانی", "کمی·ها",
    ]:
        assert z(fixed) in text, fixed
    for wrong in ["میبایست", "اطلاعرسانی", "روابط عمومیهای", "بیشک", "همافزایی", "برنامه" + Z + Z]:
        assert wrong not in text, wrong
    for kept in [
        "امید زمانی", "امیر طرفیانی", "اداره کل راه و شهرسازی خوزستان", "هفته حمل و نقل",
        "اربعین حسینی", "وزارت راه و شهرسازی", "استانداری خوزستان", "یکی از وظایف",
    ]:
        assert kept in text, kept
    assert text.count("\n") == seed.count("\n")
    assert len(result.changes) >= 60


def test_django_start_up_does_not_import_shekar():
    code = (
        "import sys, django; django.setup(); import hamafza.newsroom.actions, hamafza.search.selectors, "
        "hamafza.persian.normalizer, hamafza.persian.searchtext; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('shekar', 'onnxruntime', 'numpy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert out.stdout.strip() == "[]"


def test_the_network_is_blocked():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
