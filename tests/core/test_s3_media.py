"""The scale profile's media, against a local S3-compatible server (moto's, on 127.0.0.1): every
object in the bucket is private, files are reached only through the media view, which checks the
policy and then redirects to a short-lived signed URL; public renditions stay public."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse

import boto3
import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from hamafza.core.checks import check_s3_media
from tests import factories, mediafiles
from tests.personas import sign_in_verified

BUCKET = "hamafza-media"
KEYS = {"access_key": "hamafza-test", "secret_key": "hamafza-test-secret", "region_name": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    bucket_client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def bucket_client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEYS["access_key"],
                        aws_secret_access_key=KEYS["secret_key"], region_name=KEYS["region_name"])


@pytest.fixture
def s3(settings, s3_endpoint):
    """The product's S3 settings (hamafza/settings.py) pointed at the local server."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "hamafza.core.storage.PrivateS3Storage",
                    "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, **KEYS}},
    }
    return bucket_client(s3_endpoint)


@pytest.fixture
def web():
    with httpx.Client(trust_env=False, timeout=10) as client:
        yield client


def test_a_draft_image_is_stored_in_the_bucket_and_private(s3, personas, web, client):
    image = mediafiles.library_image(personas.own)
    mediafiles.use_as_main_image(factories.make_item(personas.own, published=False), image)
    stored = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert image.file.name in stored
    assert {r["name"] for r in image.renditions} <= stored
    grants = s3.get_object_acl(Bucket=BUCKET, Key=image.file.name)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only
    assert not any("AllUsers" in g["Grantee"].get("URI", "") for g in grants)
    # A plain URL of the bucket is refused; the product's URL for the file is the media view's.
    assert web.get(f"{s3.meta.endpoint_url}/{BUCKET}/{image.file.name}").status_code == 403
    assert image.file.url == f"/media/{image.file.name}"


def test_the_media_view_refuses_strangers_and_signs_a_short_url_for_the_lead_agency(s3, personas, web, client):
    image = mediafiles.library_image(personas.own)
    mediafiles.use_as_main_image(factories.make_item(personas.own, published=False), image)
    url = f"/media/{image.file.name}"
    assert client.get(url).status_code == 404  # anonymous
    sign_in_verified(client, personas.other_staff)
    assert client.get(url).status_code == 404
    sign_in_verified(client, personas.own_staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    expires = urllib.parse.parse_qs(urllib.parse.urlsplit(signed).query)["Expires"][0]
    assert 0 < int(expires) - time.time() <= 61  # good for a minute
    fetched = web.get(signed)
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == "image/jpeg"
    assert fetched.content == s3.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read()


def test_a_private_attachment_is_signed_as_a_download(s3, personas, web, client):
    attachment = mediafiles.attachment_of(factories.make_item(personas.own, published=False))
    sign_in_verified(client, personas.own_head)
    response = client.get(f"/media/{attachment.file.name}")
    assert response.status_code == 302
    fetched = web.get(response["Location"])
    assert fetched.status_code == 200
    assert fetched.headers["content-disposition"].startswith("attachment")
    assert fetched.headers["content-type"] == "application/pdf"
    assert web.get(f"{s3.meta.endpoint_url}/{BUCKET}/{attachment.file.name}").status_code == 403


def test_a_public_rendition_is_reachable_by_anyone(s3, personas, web, client):
    image = mediafiles.library_image(personas.own)
    mediafiles.use_as_main_image(factories.make_item(personas.own), image)
    rendition = mediafiles.rendition_of(image)
    assert image.thumb_url == f"/media/{rendition}"
    response = client.get(image.thumb_url)  # anonymous
    assert response.status_code == 302
    assert response["Cache-Control"].startswith("public")
    fetched = web.get(response["Location"])
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == "image/webp"
    assert fetched.content[:4] == b"RIFF"


def test_task_evidence_in_the_bucket_follows_the_task(s3, personas, web, client):
    task = mediafiles.task_of(personas.council, personas.other)
    update = mediafiles.evidence_of(client, personas.other_staff, task)
    sign_in_verified(client, personas.own_staff)
    assert client.get(update.evidence_file.url).status_code == 404
    sign_in_verified(client, personas.secretariat)
    response = client.get(update.evidence_file.url)
    assert response.status_code == 302
    assert web.get(response["Location"]).content == mediafiles.PDF


# --- The system check ----------------------------------------------------------------------------

FULL = {"HAMAFZA_S3_BUCKET": "media", "HAMAFZA_S3_ENDPOINT_URL": "https://s3.example.ir",
        "HAMAFZA_S3_ACCESS_KEY": "key", "HAMAFZA_S3_SECRET_KEY": "secret"}


@pytest.mark.parametrize("environ", [
    {},
    FULL,
    {"HAMAFZA_S3_BUCKET": "media"},  # credentials from the machine's role
])
def test_a_whole_s3_configuration_passes(environ):
    assert check_s3_media(environ=environ) == []


@pytest.mark.parametrize("environ, error", [
    ({k: v for k, v in FULL.items() if k != "HAMAFZA_S3_BUCKET"}, "hamafza.E101"),
    ({"HAMAFZA_S3_ENDPOINT_URL": "https://s3.example.ir"}, "hamafza.E101"),
    ({k: v for k, v in FULL.items() if k != "HAMAFZA_S3_SECRET_KEY"}, "hamafza.E102"),
    ({"HAMAFZA_S3_BUCKET": "media", "HAMAFZA_S3_SECRET_KEY": "secret"}, "hamafza.E102"),
    ({**FULL, "HAMAFZA_S3_CUSTOM_DOMAIN": "cdn.example.ir"}, "hamafza.E103"),
])
def test_a_half_set_s3_configuration_is_an_error(environ, error):
    assert [e.id for e in check_s3_media(environ=environ)] == [error]


def test_hamafza_check_fails_when_s3_is_half_set(monkeypatch):
    monkeypatch.setenv("HAMAFZA_S3_ACCESS_KEY", "key")
    with pytest.raises(SystemCheckError, match="HAMAFZA_S3_BUCKET"):
        call_command("check")


def test_the_s3_variables_select_the_private_storage_behind_the_media_view(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.core.files.storage import default_storage; from django.urls import reverse\n"
        "print(settings.STORAGES['default']['BACKEND'], default_storage.url('images/a.jpg'), reverse('media', args=['images/a.jpg']))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAMAFZA_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "hamafza.settings", "HAMAFZA_VAR_DIR": str(tmp_path), **FULL})
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["hamafza.core.storage.PrivateS3Storage", "/media/images/a.jpg", "/media/images/a.jpg"]
