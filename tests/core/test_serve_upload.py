"""A 200 MB video upload through each web server `hamafza serve` can start, as the editor sends it:
the product's own command line (serve.web_command), a real HTTP connection, the session and CSRF
cookies of a signed-in staff member, a multipart body streamed from a file. The file must arrive
whole and be stored, and the server must not hold the upload in memory (Django streams it to a
temporary file; the server must hand it over in pieces, not buffer the whole body first)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.utils.crypto import get_random_string

from hamafza.core.management.commands import serve
from hamafza.newsroom import actions
from tests.personas import sign_in_verified
from tests.subprocess_db import SubprocessDatabase
from tests.videos import clip

ROOT = Path(__file__).resolve().parents[2]
HOST = "khz.example.ir"
MB = 1024 * 1024
SIZE = 199 * MB  # under the council's default limit of 200 MB
pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total / MB


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            httpx.get(url, headers={"Host": HOST}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.mark.parametrize("server", serve.WEB_SERVERS)
def test_a_200_mb_video_goes_through_the_web_server_without_being_held_in_memory(server, personas, client, tmp_path,
                                                                                   django_db_blocker):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "ویدیوی بزرگ", "lead": "لید"})
    sign_in_verified(client, personas.own_staff)
    session = client.cookies["sessionid"].value
    upload = tmp_path / "big.mp4"
    with open(upload, "wb") as f:
        f.write(clip(2))
        f.truncate(SIZE)  # the clip, then zeros: ffprobe still reads it; the size is what is tested
    with django_db_blocker.unblock():
        db = SubprocessDatabase(tmp_path, suffix="upload")
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE",
                                                          "HAMAFZA_TASKS_IMMEDIATE", "HAMAFZA_TESTING")}
    env.update(HAMAFZA_VAR_DIR=str(var), HAMAFZA_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT), **db.env(),
               HAMAFZA_SECRET_KEY=settings.SECRET_KEY)  # the session signed here is valid there
    port = free_port()
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(serve.web_command(f"127.0.0.1:{port}", 1, 2, False, server), cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)

    def said() -> str:
        return (tmp_path / "server.log").read_text(errors="replace")[-3000:]

    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/", process)
        token = get_random_string(32)  # the double-submit pair a browser holds after any page
        cookies = {"sessionid": session, "csrftoken": token}
        with httpx.Client(base_url=base, headers={"Host": HOST}, cookies=cookies, timeout=120) as http:
            before = tree_rss_mb(process.pid)
            peak = [before]
            done = threading.Event()

            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], tree_rss_mb(process.pid))
                    time.sleep(0.05)

            sampler = threading.Thread(target=sample)
            sampler.start()
            try:
                with open(upload, "rb") as f:
                    answer = http.post(f"/workspace/news/{item.pk}/video/", files={"file": ("big.mp4", f, "video/mp4")},
                                       headers={"HX-Request": "true", "X-CSRFToken": token, "Referer": f"https://{HOST}/"})
            finally:
                done.set()
                sampler.join()
        assert answer.status_code == 200, (answer.text[:500], said())
        stored = db.query("SELECT file FROM newsroom_video")
        assert len(stored) == 1
        assert (var / "media" / stored[0][0]).stat().st_size == SIZE
        # The whole body in memory would be ≥ 199 MB more; streamed, the server grows by its
        # buffers and the parsed request only.
        assert peak[0] - before < 120, (server, before, peak[0])
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        db.drop()
