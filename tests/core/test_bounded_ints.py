"""One reader for ids, pages and years typed by people (hamafza.persian.digits.read_int): any
digits, and a number no column can hold (2^63, 2^70) is simply not one — never an overflow in
the database driver."""

import pytest

from hamafza.persian.digits import MAX_ID, read_ids, read_int


@pytest.mark.parametrize("raw,expected", [
    ("12", 12), ("۱۲", 12), ("١٢", 12), (" 7 ", 7), (12, 12),
    ("", None), (None, None), ("abc", None), ("-3", None), ("0", None), ("1.5", None),
    (str(MAX_ID), MAX_ID), (str(2**63), None), (str(2**70), None), ("9" * 400, None),
])
def test_read_int(raw, expected):
    assert read_int(raw) == expected


def test_bounds():
    assert read_int("1500", 1300, 1500) == 1500 and read_int("1501", 1300, 1500) is None


def test_read_ids_keeps_the_valid_ones_in_order():
    assert read_ids(["3", str(2**70), "x", "۵"]) == [3, 5]
