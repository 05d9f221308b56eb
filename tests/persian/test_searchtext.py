"""One processing for documents and queries: every spelling of a word gives the same tokens."""

import pytest

from hamafza.persian.searchtext import analyze, parse_query

Z = "\u200c"

GROUPS = [
    [f"اطلاع{Z}رسانی", "اطلاعرسانی", "اطلاع رسانی"],
    ["حمل و نقل", f"حمل{Z}ونقل", "حملونقل"],
    ["هم افزایی", f"هم{Z}افزایی", "همافزایی"],
    ["بی شک", f"بی{Z}شک", "بیشک"],
    ["كميته", "کمیته"],
    ["۱۴۰۴", "1404", "١٤٠٤"],
    ["ارائه", "ارایه"],
    ["مؤثر", "موثر"],
    ["مسئول", "مسؤول"],
    ["می رود", f"می{Z}رود", "میرود"],
    ["کشتی ها", f"کشتی{Z}ها", "کشتیها"],
    ["ســلام", "سلام", "سَلام"],
]


@pytest.mark.parametrize("group", GROUPS)
def test_every_spelling_has_the_same_exact_tokens(group):
    forms = {tuple(analyze(word).exact) for word in group}
    assert len(forms) == 1, forms


def test_compound_parts_and_stems_are_findable():
    extra = analyze(f"فرودگاه{Z}ها و اطلاعرسانی").extra
    assert "فرودگاه" in extra
    assert {"اطلاع", "رسانی"} <= set(extra)


def test_plural_is_not_stripped_from_words_that_end_like_one():
    assert analyze("تنها").extra == []


def test_a_quoted_phrase_keeps_its_order():
    query = parse_query('"هفته حمل و نقل" برنامه')
    assert query.phrases == (("هفته", "حملونقل"),)
    assert [t.forms[0] for t in query.terms] == ["برنامه"]


@pytest.mark.parametrize(
    "text", ["", '" * ( ) : ^ NEAR AND', Z, "🚆🚆", "\u200f\u200e", "\x00", "(((", '"', "«", "a" * 5000]
)
def test_any_query_parses(text):
    query = parse_query(text)
    for term in query.terms:
        assert all(form and form.isalnum() for form in term.forms)


@pytest.mark.parametrize(("text", "tokens"), [
    ("میدان امام حسین", ["میدان", "امام", "حسین"]),
    ("میراث فرهنگی", ["میراث", "فرهنگی"]),
    ("پلیس راه", ["پلیس", "راه"]),
    ("برطرف شدن", ["برطرف", "شدن"]),
])
def test_pairs_written_apart_stay_two_tokens(text, tokens):
    assert analyze(text).exact == tokens


def test_a_solid_word_with_two_readings_is_found_by_both():
    extra = analyze("سفرهای اربعین").extra
    assert {"سفر", "سفره"} <= set(extra)
    assert analyze("سفرهای اربعین").exact == ["سفرهای", "اربعین"]


def test_the_index_and_the_text_check_join_the_same_compounds():
    from hamafza.persian import lexicon

    for compound in lexicon.COMPOUNDS:
        assert analyze(compound.replace(Z, " ")).exact == analyze(compound).exact, compound
