import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
_django = get_wsgi_application()

from hamafza.core.pagecache_app import wrap  # noqa: E402  (after Django is set up)
from hamafza.portal.fastpoll import FastPollApp  # noqa: E402
from hamafza.reach import wsgi as reach  # noqa: E402


def build(django_app):
    """The product's stack around a Django handler (the tests build it around theirs).

    Outermost: a live poll with nothing new (a 304 after one cache read); then the page cache's
    lookup, which counts a stored article's view through reach's on_hit; then reach, which counts a
    rendered article's view and notes it on the page to be stored; then Django."""
    return FastPollApp(wrap(reach.wrap(django_app), on_hit=reach.on_hit()))


application = build(_django)
