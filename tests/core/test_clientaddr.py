"""The client's address: REMOTE_ADDR, or behind the HTTPS proxy the entry the proxy appended."""

import pytest

from hamafza.core.clientaddr import client_address


@pytest.mark.parametrize(("forwarded", "expected"), [
    ("198.51.100.7", "198.51.100.7"),
    ("10.0.0.1, 198.51.100.7", "198.51.100.7"),  # the client's own claim first, the proxy's last
    ("10.0.0.1,198.51.100.7 ", "198.51.100.7"),
    ("198.51.100.7, ", "198.51.100.7"),  # an empty last entry: the last one that says something
    ("2001:db8::1, , ", "2001:db8::1"),
    (" , ", "203.0.113.1"),  # nothing at all: the peer
    ("", "203.0.113.1"),
])
def test_behind_the_proxy_the_last_forwarded_entry_is_the_client(settings, forwarded, expected):
    settings.SERVE_HTTPS = True
    assert client_address({"HTTP_X_FORWARDED_FOR": forwarded, "REMOTE_ADDR": "203.0.113.1"}) == expected


def test_without_the_proxy_a_forwarded_header_is_not_believed(settings):
    settings.SERVE_HTTPS = False
    assert client_address({"HTTP_X_FORWARDED_FOR": "198.51.100.7", "REMOTE_ADDR": "203.0.113.1"}) == "203.0.113.1"
    assert client_address({}) is None
