import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
_django = get_wsgi_application()

from hamafza.core.pagecache_app import wrap  # noqa: E402  (after Django is set up)

application = wrap(_django)
