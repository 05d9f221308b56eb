"""S3-compatible media storage (the scale profile, HAMAFZA_S3_*) in which every object is private.

The bucket never answers a plain URL: each object is written with the private ACL, and the URL
the product prints for a file is the media view's (/media/<name>). That view checks the media
policy (hamafza/policy/media.py) and only then redirects to a signed URL of the bucket that
expires soon (a minute for a private file; a day for a public one, whose redirect may be cached
for an hour). Redirect rather than stream: the bytes go from the bucket to the browser, not
through a web worker (a 50 MB video would hold one for its whole download), while the signed
URL is made only after the policy said yes, for that request. The signed URL also sets the
content type and, for documents, `Content-Disposition: attachment`, so nothing uploaded is shown
as a page (the bucket is another origin than ours anyway).

Installed with the `s3` extra: `pip install 'hamafza[s3]'` (django-storages, boto3).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False
    custom_domain = None  # a plain domain in front of the bucket would serve private files

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        """The media view's address of the file (which checks the policy)."""
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"

    def signed_url(self, name: str, *, expire: int, content_type: str, filename: str | None = None) -> str:
        """A URL of the bucket good for `expire` seconds; a download when `filename` is given."""
        parameters = {"ResponseContentType": content_type}
        if filename:
            parameters["ResponseContentDisposition"] = content_disposition_header(True, filename)
        return super().url(name, parameters=parameters, expire=expire)
