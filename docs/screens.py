#!/usr/bin/env python3
"""Before/after screenshots of the twelve pages issue 13 changes most.

usage (from the repository root):
  .venv/bin/python docs/screens.py before      # → docs/images/before/*.png
  .venv/bin/python docs/screens.py after       # → docs/images/after/*.png
options:
  --db FILE       SQLite file for the demo (default bench/out/screens-demo.sqlite3, loaded fresh)
  --keep          reuse the database file as it is (no fresh `hamafza demo` load)
  --only NAME     only the pages whose name contains NAME (repeatable)

Loads the demo council (as `hamafza demo` does) into a fresh SQLite file, serves it on a local
port (DEBUG off, static files from the source tree), signs the demo personas in (a session with a verified
second factor, as tests/browser/conftest.py does) and takes each page at desktop 1366×900 and
phone 390×844 with Debian's Chromium. Each PNG is reduced to a palette (Pillow) and, when still
above 150 KB, cut to its first screens so that it stays small enough to commit.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load_corpus  # noqa: E402

MAX_BYTES = 150 * 1024
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def small_png(png: bytes, out: Path) -> int:
    """A palette PNG under MAX_BYTES: fewer colours first, then only the top of a long page."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = b""
    for height_cap in (None, 4000, 2600, 1800, 1200):
        img = image if height_cap is None or image.height <= height_cap else image.crop((0, 0, image.width, height_cap))
        for colors in (64, 32, 16):
            buf = io.BytesIO()
            img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT).save(buf, format="PNG", optimize=True)
            data = buf.getvalue()
            if len(data) <= MAX_BYTES:
                out.write_bytes(data)
                return len(data)
    out.write_bytes(data)
    return len(data)


def session_cookie(username: str) -> str:
    """A session of `username`, signed in and past the second factor."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="screens", confirmed=True
    )
    client = Client()
    client.force_login(user, backend="hamafza.accounts.backends.UsernameOrEmailBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client.cookies["sessionid"].value


def return_one(items):
    """The demo has no returned item: its head returns a submitted one with a comment."""
    from django.contrib.auth import get_user_model

    from hamafza.newsroom import actions
    from hamafza.newsroom.models import NewsItem

    item = items.filter(status=NewsItem.Status.SUBMITTED).first()
    head = get_user_model().objects.get(username="rahdari-head")
    return actions.do_return(head, item, "لطفاً آمار کیلومتر خط‌کشی را با گزارش ماهانه تطبیق دهید و منبع عکس را بنویسید.")


def pages() -> list[tuple[str, str | None, str, set[str]]]:
    """(name, username or None for anonymous, URL, sizes) of the twelve pages."""
    from django.urls import reverse

    from hamafza.accounts.models import Membership
    from hamafza.cooperation.models import HelpRequest
    from hamafza.newsroom.models import NewsItem

    staff = "rahdari-staff"
    agency_id = Membership.objects.get(user__username=staff).agency_id
    head_agency = Membership.objects.get(user__username="rahdari-head").agency_id
    own = NewsItem.objects.filter(lead_agency_id=agency_id)
    returned = own.filter(status=NewsItem.Status.RETURNED).first() or return_one(own)
    published = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("-published_at").first()
    help_request = HelpRequest.objects.order_by("-id").first()
    both, desktop, phone = {"desktop", "phone"}, {"desktop"}, {"phone"}
    out = [
        ("news-list", staff, reverse("workspace:news:list"), both),
        ("editor-returned", staff, reverse("workspace:news:edit", args=[returned.pk]), both),
        ("figures-grid", staff, reverse("workspace:reporting_grid"), both),
        ("consolidated-report", "dabir", reverse("workspace:reporting_report"), both),
        ("observer-desk", "nazer", reverse("workspace:desk"), both),
        ("observer-editor", "nazer", reverse("workspace:news:edit", args=[published.pk]), desktop),
        ("portal-home", None, reverse("portal:home"), both),
        ("open-data", None, reverse("portal:open_data"), both),
        ("channel-new", "rahdari-head", reverse("workspace:distribution:channel_new") + f"?agency={head_agency}", both),
        ("calendar", staff, reverse("workspace:council:calendar"), phone),
        ("notifications", staff, reverse("workspace:notifications:inbox"), both),
    ]
    if help_request is not None:
        out.insert(4, ("help-request", staff, reverse("workspace:cooperation:help_detail", args=[help_request.pk]), both))
    out.insert(4, ("help-new", staff, reverse("workspace:cooperation:help_new"), desktop))
    return out


def serve():
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
    from socketserver import ThreadingMixIn

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Threaded(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server("127.0.0.1", 0, StaticFilesHandler(WSGIHandler()), server_class=Threaded, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def take(out_dir: Path, only: list[str]) -> list[tuple[Path, int, int]]:
    from playwright.sync_api import sync_playwright

    server, base = serve()
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    todo = [p for p in pages() if not only or any(o in p[0] for o in only)]
    cookies = {u: session_cookie(u) for u in {p[1] for p in todo} if u}  # before Playwright's event loop
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("HAMAFZA_CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox", "--disable-gpu"], headless=True)
        for tag, (width, height) in SIZES.items():
            context = browser.new_context(base_url=base, locale="fa-IR", timezone_id="Asia/Tehran",
                                          viewport={"width": width, "height": height}, device_scale_factor=1)
            page = context.new_page()
            for name, username, url, sizes in todo:
                if tag not in sizes:
                    continue
                context.clear_cookies()
                if username:
                    context.add_cookies([{"name": "sessionid", "value": cookies[username], "url": base}])
                response = page.goto(url, wait_until="load")
                page.wait_for_timeout(400)  # fonts and the pages' own scripts (the editor polls: never idle)
                path = out_dir / f"{name}-{tag}.png"
                size = small_png(page.screenshot(full_page=True), path)
                results.append((path, response.status if response else 0, size))
                print(f"{path.relative_to(REPO)}  HTTP {results[-1][1]}  {size / 1024:.0f} KB", flush=True)
            context.close()
        browser.close()
    server.shutdown()
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", choices=["before", "after"])
    parser.add_argument("--db", default=str(load_corpus.OUT / "screens-demo.sqlite3"))
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    os.environ.setdefault("HAMAFZA_DEBUG", "0")
    os.environ.setdefault("HAMAFZA_DEMO", "1")
    load_corpus.configure(args.db, fresh=not args.keep)
    # The static files straight from the source tree (StaticFilesHandler in serve()), as the browser
    # tests have them: no collectstatic (minutes of compression) and never a stale copy.
    from django.conf import settings
    from django.core.files.storage import storages

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    storages._storages.clear()
    storages.__dict__.pop("backends", None)
    if not args.keep:
        from hamafza.agencies.registry import invalidate
        from hamafza.demo import loader

        loader.load()
        invalidate()
    results = take(REPO / "docs" / "images" / args.which, args.only)
    print(f"{len(results)} screenshots, {sum(r[2] for r in results) / 1024:.0f} KB in all")


if __name__ == "__main__":
    main()
