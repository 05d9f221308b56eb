"""Defect 9 of issue 13: menus show only what a person may open. For each persona, every link of
the workspace menus (the main navigation and the personal menu) answers 200."""

import re

import pytest

from tests.personas import sign_in_verified

PERSONAS = ["own_staff", "own_head", "other_staff", "supporting_staff", "pending_supporting_staff",
            "secretariat", "observer", "admin"]
NAV = re.compile(r'<nav class="mainnav".*?</nav>', re.S)
USER_MENU = re.compile(r"<details class=\"me.*?</details>", re.S)
HREF = re.compile(r"href=\"(/workspace/[^\"#]*|/accounts/[^\"#]*)\"")


def menu_links(html: str) -> list[str]:
    found = []
    for block in NAV.findall(html) + USER_MENU.findall(html):
        found += HREF.findall(block)
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("who", PERSONAS)
def test_every_menu_link_opens(client, personas, who):
    sign_in_verified(client, getattr(personas, who))
    html = client.get("/workspace/", HTTP_HOST="khz.example.ir").content.decode()
    links = menu_links(html)
    assert "/workspace/news/" in links
    failures = {}
    for link in links:
        status = client.get(link, HTTP_HOST="khz.example.ir", follow=True).status_code
        if status != 200:
            failures[link] = status
    assert failures == {}, failures
