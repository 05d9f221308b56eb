"""Content-Security-Policy: scripts only from our origin or with the response's nonce, no eval,
<style> elements with the nonce; no inline event handler anywhere in the templates."""

import re
from pathlib import Path

import pytest
from csp.exceptions import CSPNonceError
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory

from hamafza.core.csp import CSPMiddleware
from tests import factories
from tests.personas import sign_in_verified

HOST = "khz.example.ir"
TEMPLATES = Path(__file__).resolve().parents[2] / "hamafza"
INLINE_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+|hx-on[\w:.-]*)\s*=", re.I)  # hx-on needs eval
INLINE_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>", re.I)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_every_inline_element_has_the_nonce(response):
    directives = policy(response)
    nonces = {value[len("'nonce-"):-1] for value in directives["script-src"] if value.startswith("'nonce-")}
    for tag, attributes in INLINE_ELEMENT.findall(response.content.decode()):
        if "src=" in attributes or 'type="application/' in attributes:
            continue  # a script file from our origin, or a data block (JSON-LD, settings) that never runs
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce and nonce.group(1) in nonces, f"<{tag}{attributes}> without this response's nonce"


def assert_strict(response):
    directives = policy(response)
    assert directives["script-src"][0] == "'self'"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(directives["script-src"])
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(directives["style-src-elem"])
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert_every_inline_element_has_the_nonce(response)


@pytest.fixture
def article(personas):
    return factories.make_item(personas.own, title="خبر سنجش سیاست امنیت محتوا")


def test_the_portal_pages_are_strict(client, personas, article):
    for path in ["/", article.get_absolute_url(), "/search/?q=خبر", "/accounts/sign-in/"]:
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        assert_strict(response)
    home = client.get("/", HTTP_HOST=HOST)
    # The council colour is a style attribute (style-src-attr), not a <style> under a nonce: a
    # stored page is answered as it is, with no nonce to renew.
    assert re.search(r'<html [^>]*style="--council:#[0-9a-f]{6}"', home.content.decode())
    assert "nonce-" not in home.headers["Content-Security-Policy"]


def test_the_workspace_pages_are_strict(client, personas):
    draft = factories.make_item(personas.own, published=False)
    sign_in_verified(client, personas.own_staff)
    for path in ["/workspace/", f"/workspace/news/{draft.pk}/", "/workspace/search/?q=خبر", "/workspace/news/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


def test_the_editor_import_map_carries_the_nonce(client, personas):
    draft = factories.make_item(personas.own, published=False)
    sign_in_verified(client, personas.own_staff)
    body = client.get(f"/workspace/news/{draft.pk}/").content.decode()
    assert re.search(r'<script type="importmap" nonce="[^"]+">', body)


def test_the_api_docs_load_swagger_from_our_own_static_files(client, personas):
    response = client.get("/api/docs", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert_strict(response)
    assert "/static/ninja/swagger-ui-bundle.js" in response.content.decode()
    assert "cdn" not in response.content.decode().lower()


def test_no_template_has_an_inline_event_handler():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)[:80]}"
        for path in TEMPLATES.rglob("*.html")
        if "emails" not in path.parts
        for match in INLINE_HANDLER.finditer(path.read_text())
    ]
    assert offenders == []


def test_htmx_runs_without_eval(client, personas):
    sign_in_verified(client, personas.own_staff)
    body = client.get("/workspace/").content.decode()
    assert '"allowEval": false' in body and "hx-on" not in body


def test_media_from_the_s3_endpoint_may_be_shown(tmp_path):
    import json
    import os
    import subprocess
    import sys

    probe = ("import django, json; django.setup(); from django.conf import settings as s; "
             "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAMAFZA_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "hamafza.settings", "PYTHONPATH": str(TEMPLATES.parent),
                "HAMAFZA_VAR_DIR": str(tmp_path / "var"), "HAMAFZA_S3_BUCKET": "media",
                "HAMAFZA_S3_ENDPOINT_URL": "https://s3.example.ir/", "HAMAFZA_MEDIA_ORIGINS": "https://cdn.example.ir"})
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    sources = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"'self'", "https://s3.example.ir", "https://cdn.example.ir"} <= set(sources) and "*" not in sources


def test_the_plain_policy_built_once_is_the_one_django_csp_builds(client, personas, settings):
    """hamafza.core.csp builds a response's headers once when nothing adds to the settings' policy;
    what it sends must be what django-csp would build, and follow a change of the settings."""
    home = client.get("/", HTTP_HOST=HOST)
    assert home["Content-Security-Policy"] == build_policy()
    assert "Content-Security-Policy-Report-Only" not in home
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://a.example.ir"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    again = client.get("/search/?q=x", HTTP_HOST=HOST)
    assert again["Content-Security-Policy"] == build_policy()
    assert policy(again) == {"default-src": ["'self'"], "img-src": ["'self'", "https://a.example.ir"]}
    assert again["Content-Security-Policy-Report-Only"] == "default-src 'none'"


def test_a_nonce_or_a_views_own_policy_still_reaches_the_header(client, personas):
    """The workspace reads a nonce on every page (a fresh one each time); an article with a video
    adds Aparat's frame to its own policy: neither may get the plain policy built once."""
    draft = factories.make_item(personas.own, published=False)
    sign_in_verified(client, personas.own_staff)
    nonces = set()
    for _ in range(2):
        response = client.get(f"/workspace/news/{draft.pk}/")
        script_src = policy(response)["script-src"]
        nonces.update(value for value in script_src if value.startswith("'nonce-"))
    assert len(nonces) == 2
    middleware = CSPMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    middleware.process_request(request)
    response = HttpResponse("x")
    response._csp_update = {"frame-src": ["https://www.aparat.com"]}
    assert "frame-src https://www.aparat.com" in middleware.process_response(request, response)["Content-Security-Policy"]
    plain = middleware.process_response(request, HttpResponse("y"))
    assert "frame-src" not in plain["Content-Security-Policy"]
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
