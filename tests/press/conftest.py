"""Shared builders of the press office tests: our agency A keeps a press list on the world's
council; B is a neighbour on the same council; D heads a second council with B on it."""

import pytest

from hamafza.press import actions
from tests import factories


def journalist_data(n: int = 1, **extra) -> dict:
    data = {"name": f"خبرنگار آزمایشی {n}", "beat": "راه", "email": f"reporter{n}@example.org",
            "mobile": f"0912000000{n % 10}", "consent": True, "consent_date": "۱۴۰۵/۰۸/۰۱", "source": "نشست خبری"}
    data.update(extra)
    return data


@pytest.fixture
def press(personas):
    p = personas
    council = p.council.pk
    outlet = actions.do_save_outlet(p.own_staff, council, p.own.pk, {"name": "خبرگزاری آزمایشی", "kind": "agency",
                                                                      "site_url": "https://news.example.org/"})
    private_outlet = actions.do_save_outlet(p.other_staff, council, p.other.pk, {"name": "روزنامهٔ راهداری"})
    ours = [actions.do_save_journalist(p.own_staff, council, p.own.pk, journalist_data(n, outlet=outlet.pk))
            for n in (1, 2)]
    no_consent = actions.do_save_journalist(p.own_staff, council, p.own.pk,
                                            journalist_data(3, consent=False, consent_date=""))
    theirs = actions.do_save_journalist(p.other_staff, council, p.other.pk, journalist_data(4, name="خبرنگار راهداری"))
    press_list = actions.do_save_list(p.own_staff, council, p.own.pk,
                                      {"name": "حوزهٔ راه", "journalists": [j.pk for j in [*ours, no_consent]]})
    return {"p": p, "council": council, "outlet": outlet, "private_outlet": private_outlet, "ours": ours,
            "no_consent": no_consent, "theirs": theirs, "list": press_list}


@pytest.fixture
def second_council(personas):
    """D heads a second council on which B also sits."""
    return factories.make_council(personas.pending_supporting, [personas.other], hostname="bsh.example.ir",
                                  short_name="شورای بوشهر", slug="bushehr")
