import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from hamafza.core import pagecache
from hamafza.reach import counter
from hamafza.wsgi import build
from tests.portal.test_pagecache import Portal


class CountingPortal(Portal):
    """The product's WSGI stack (hamafza.wsgi.build): the page cache, counting a stored article's
    view through on_hit, in front of reach's layer, counting a rendered one, in front of Django."""

    def __init__(self):
        super().__init__()
        counting = build(self.app.app)

        def peer(environ, start_response):  # Portal.get(remote_addr=…) → the peer's address
            environ["REMOTE_ADDR"] = environ.pop("HTTP_REMOTE_ADDR", "127.0.0.1")
            return counting(environ, start_response)

        self.app = peer


@pytest.fixture
def reach_clean(settings):
    settings.REACH_FLUSH_SECONDS = 0  # the tests flush by hand: no timer thread
    counter.reset_for_tests()
    caches["reach"].clear()
    yield
    counter.reset_for_tests()


@pytest.fixture
def portal(world, reach_clean):
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    pagecache.reset_for_tests()
    try:
        yield CountingPortal()
    finally:
        pagecache.reset_for_tests()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
