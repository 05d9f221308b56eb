#!/usr/bin/env python3
"""Images of performance reporting for the docs and the closing note of issue 8.

usage (from the repository root):  .venv/bin/python docs/reporting_images.py [--no-screens]

Loads the demo council into a fresh SQLite file (bench/out/reporting-demo.sqlite3), builds the
consolidated PDF of the demo year 1404 and renders its first page with pdftoppm (poppler-utils) to
docs/images/reporting-pdf-page1.png (committed; kept under 400 KB). Then, unless --no-screens,
serves the demo and takes Playwright screenshots (Debian's Chromium) of an agency and a sector
dashboard page at phone and desktop widths into bench/out/screens/ (not committed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load_corpus  # noqa: E402

PAGE_IMAGE = REPO / "docs" / "images" / "reporting-pdf-page1.png"
SCREENS = load_corpus.OUT / "screens"
YEAR = 1404


def pdf_page_image(pdf: bytes, out: Path = PAGE_IMAGE, dpi: int = 100) -> Path:
    """Page 1 of a PDF as a PNG (pdftoppm), reduced to a 64-colour palette to stay small."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(src),
                        str(Path(tmp) / "page")], check=True)
        image = Image.open(Path(tmp) / "page.png").convert("RGB")
    out.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    return out


def screens() -> list[Path]:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from hamafza.agencies.registry import get_registry

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    registry = get_registry()
    council = registry.default_council
    agency = next(registry.agencies[a] for a in council.member_ids if registry.agencies[a].slug.startswith("راهداری"))
    sector = registry.sectors[agency.sector_ids[0]]
    pages = {
        "dashboard-agency": reverse("portal:dashboard_agency", args=[agency.slug]),
        "dashboard-sector": reverse("portal:dashboard_sector", args=[sector.slug]),
    }
    SCREENS.mkdir(parents=True, exist_ok=True)
    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("HAMAFZA_CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox", "--disable-gpu"], headless=True)
        for width, height, tag in ((390, 844, "phone"), (1280, 900, "desktop")):
            context = browser.new_context(base_url=base, locale="fa-IR", viewport={"width": width, "height": height},
                                          device_scale_factor=1)
            page = context.new_page()
            for name, url in pages.items():
                page.goto(url)
                page.wait_for_load_state("networkidle")
                path = SCREENS / f"{name}-{tag}.png"
                page.screenshot(path=str(path), full_page=True)
                out.append(path)
            context.close()
        browser.close()
    server.shutdown()
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-screens", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("HAMAFZA_DEBUG", "0")
    load_corpus.configure(load_corpus.OUT / "reporting-demo.sqlite3", fresh=True)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' current CSS (DEBUG off)
    from hamafza.agencies.registry import get_registry, invalidate
    from hamafza.demo import loader
    from hamafza.reporting import periods, report

    loader.load()
    invalidate()
    data = report.build(get_registry().default_council, periods.year(YEAR))
    pdf, seconds = report.render_pdf(data)
    path = pdf_page_image(pdf)
    print(f"PDF {YEAR}: {len(pdf) / 1024:.0f} KB in {seconds:.1f} s; page 1 → {path.relative_to(REPO)} "
          f"({path.stat().st_size / 1024:.0f} KB)")
    if not args.no_screens:
        for p in screens():
            print(f"screenshot → {p.relative_to(REPO)}")


if __name__ == "__main__":
    main()
