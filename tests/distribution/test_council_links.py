"""Defect 11 of issue 13: a channel message links to the portal of the council the channel
speaks for, on the address that council is served on (its own host, with the site's scheme and
port), not to the configured site address or another council's host."""

import pytest

from hamafza.agencies.hosts import council_url
from hamafza.distribution.formatting import render, short_link
from tests import factories

from .conftest import make_channel


@pytest.fixture
def two(world, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    # The installation's default council (first, no host name) and a second one on its own host.
    world["council"].hostname = None
    world["council"].save()
    ostan = factories.make_council(world["B"], [world["A"]], hostname="ostan.localhost")
    return {**world, "ostan": ostan}


def test_the_council_address_keeps_the_sites_scheme_and_port(two, settings):
    assert council_url(two["ostan"]) == "http://ostan.localhost:8000"
    assert council_url(two["council"]) == "http://127.0.0.1:8000"
    two["ostan"].hostname = "ostan.example.ir"
    assert council_url(two["ostan"]) == "http://ostan.example.ir"  # a real host is behind the web server
    settings.SITE_URL = "https://hamafza.example.ir"
    assert council_url(two["ostan"]) == "https://ostan.example.ir"


def test_each_channel_links_to_its_own_councils_portal(two):
    item = factories.make_item(two["A"], title="خبر دو شورا")
    default_council_channel = make_channel(council=two["council"], chat_id="@khz")
    ostan_channel = make_channel(council=two["ostan"], chat_id="@ostan", default=False)
    assert short_link(item, default_council_channel) == f"http://127.0.0.1:8000/n/{item.pk}"
    assert short_link(item, ostan_channel) == f"http://ostan.localhost:8000/n/{item.pk}"
    assert f"http://ostan.localhost:8000/n/{item.pk}" in render(item, ostan_channel).text
    # The lead agency sits on both: its own channel links to the first council that shows the item,
    # never to a host without the port it is served on.
    agency_channel = make_channel(two["A"], chat_id="@a")
    assert short_link(item, agency_channel) == f"http://127.0.0.1:8000/n/{item.pk}"
