import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
_django = get_wsgi_application()

from hamafza.core.pagecache_app import wrap  # noqa: E402  (after Django is set up)
from hamafza.reach.wsgi import wrap as counting  # noqa: E402

# Reach counts article views in front of the page cache, so that a stored page still counts.
application = counting(wrap(_django))
