import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
_django = get_wsgi_application()

from hamafza.core.pagecache_app import wrap  # noqa: E402  (after Django is set up)
from hamafza.portal.fastpoll import FastPollApp  # noqa: E402
from hamafza.reach.wsgi import wrap as counting  # noqa: E402

# Outermost: a live poll with nothing new (a 304 after one cache read); then reach, which counts
# article views in front of the page cache so that a stored page still counts; then the page
# cache's lookup; then Django.
application = FastPollApp(counting(wrap(_django)))
