"""System checks of the settings that come from the environment (`hamafza check`)."""

from __future__ import annotations

import importlib.util
import os

from django.core import checks

S3_VARIABLES = (
    "HAMAFZA_S3_BUCKET", "HAMAFZA_S3_ENDPOINT_URL", "HAMAFZA_S3_REGION", "HAMAFZA_S3_ACCESS_KEY", "HAMAFZA_S3_SECRET_KEY",
)


@checks.register(checks.Tags.files)
def check_s3_media(app_configs=None, environ=None, **kwargs) -> list[checks.CheckMessage]:
    """S3 media are all or nothing: a half-set configuration would put files on the local disk
    of one machine, or fail at the first upload."""
    environ = os.environ if environ is None else environ
    given = {name for name in S3_VARIABLES if environ.get(name, "").strip()}
    errors = []
    if given and "HAMAFZA_S3_BUCKET" not in given:
        errors.append(checks.Error(
            f"{', '.join(sorted(given))} set without HAMAFZA_S3_BUCKET: media would be stored on the local disk.",
            hint="Set HAMAFZA_S3_BUCKET too, or unset every HAMAFZA_S3_* variable.", id="hamafza.E101",
        ))
    keys = given & {"HAMAFZA_S3_ACCESS_KEY", "HAMAFZA_S3_SECRET_KEY"}
    if len(keys) == 1:
        missing = ({"HAMAFZA_S3_ACCESS_KEY", "HAMAFZA_S3_SECRET_KEY"} - keys).pop()
        errors.append(checks.Error(
            f"{keys.pop()} is set but {missing} is not.",
            hint="Set both keys, or neither (credentials then come from the machine's role).", id="hamafza.E102",
        ))
    if environ.get("HAMAFZA_S3_CUSTOM_DOMAIN", "").strip():
        errors.append(checks.Error(
            "HAMAFZA_S3_CUSTOM_DOMAIN is not supported: a plain domain in front of the bucket would serve private "
            "files (drafts' images, attachments, task evidence) to anyone.",
            hint="Unset it: files are served through /media/ and short-lived signed URLs.", id="hamafza.E103",
        ))
    if "HAMAFZA_S3_BUCKET" in given and importlib.util.find_spec("storages") is None:
        errors.append(checks.Error(
            "HAMAFZA_S3_BUCKET is set but django-storages is not installed.",
            hint="pip install 'hamafza[s3]'", id="hamafza.E104",
        ))
    return errors
