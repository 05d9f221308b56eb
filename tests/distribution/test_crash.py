"""Kill the sender with SIGKILL at random points during 300 deliveries, restart it, and check
the outcome against the fake server's own log: every `sent` delivery was received exactly once,
no `failed` one was received, nothing was received twice, and `unknown` deliveries number at
most kills × worker concurrency (SEND_CONCURRENCY sends in flight per worker process), plus the
answers that never came (those are `unknown` by design).

Runs real subprocesses (`python -m hamafza distribution_worker`) on a file SQLite database."""

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .fakes import FakeBotServer

ROOT = Path(__file__).resolve().parents[2]
ITEMS, CHATS = 100, ("@hz_a", "@hz_b", "@hz_c")
SEND_CONCURRENCY = 3  # sends in flight at once in one worker process (one per chat here)
SEED_CODE = f"""
from tests import factories
from hamafza.distribution import unchecked
from hamafza.distribution.models import Channel
sectors = factories.make_sectors()
agency = factories.make_agency("اداره کل آزمایش خاموشی", slug="crash")
for chat in {CHATS!r}:
    unchecked.store_channel(Channel(agency=agency, kind="telegram", chat_id=chat, name=chat), token="123:GOOD",
                         default_for_agency=True)
for n in range({ITEMS}):
    factories.make_item(agency, title=f"خبر خاموشی {{n:03d}}")
"""


@pytest.fixture
def crash_env(tmp_path):
    server = FakeBotServer(tokens=("123:GOOD",), admin_chats=CHATS, delay=0.01, hang_seconds=1.5).start()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "HAMAFZA_TASKS_IMMEDIATE",
                                                          "HAMAFZA_TESTING")}
    env.update(
        HAMAFZA_VAR_DIR=str(tmp_path), HAMAFZA_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        HAMAFZA_TELEGRAM_BASE_URL=server.url, HAMAFZA_CHANNEL_CHAT_INTERVAL="0",
        HAMAFZA_CHANNEL_TOKEN_INTERVAL="0", HAMAFZA_CHANNEL_BACKOFF_BASE="0.05", HAMAFZA_CHANNEL_BACKOFF_MAX="0.2",
        HAMAFZA_CHANNEL_READ_TIMEOUT="0.5", HAMAFZA_CHANNEL_CONNECT_TIMEOUT="1",
        HAMAFZA_CHANNEL_SENDING_STALE="2", HAMAFZA_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT),
        HAMAFZA_CHANNEL_SEND_CONCURRENCY=str(SEND_CONCURRENCY),
    )
    yield server, env, tmp_path / "db.sqlite3"
    server.stop()


def run(env, *args):
    subprocess.run([sys.executable, "-m", "hamafza", *args], env=env, cwd=ROOT, check=True, capture_output=True,
                   timeout=120)


def states(db: Path) -> Counter:
    with sqlite3.connect(db, timeout=20) as conn:
        return Counter(dict(conn.execute("select state, count(*) from distribution_delivery group by state")))


def test_sigkill_during_300_deliveries_loses_nothing_and_sends_nothing_twice(crash_env):
    server, env, db = crash_env
    seed = int(os.environ.get("HAMAFZA_CRASH_SEED", random.randrange(1_000_000)))
    print(f"crash test seed: {seed} (HAMAFZA_CRASH_SEED={seed} to replay)")
    rng = random.Random(seed)
    started = time.monotonic()
    run(env, "migrate", "-v0")
    migrated = time.monotonic()
    run(env, "shell", "-c", SEED_CODE)
    print(f"migrate {migrated - started:.1f} s, seed {time.monotonic() - migrated:.1f} s")
    assert sum(states(db).values()) == ITEMS * len(CHATS)
    # Some platform trouble on the way: 500s to retry, a few answers that never come.
    for _ in range(20):
        server.script("sendMessage", *rng.choice([["ok"] * 8, ["500"], ["ok"] * 5, ["hang"]]))

    processes = 2
    cmd = [sys.executable, "-m", "hamafza", "distribution_worker", "--interval", "0.05", "--sweep-every", "0.5"]
    workers = [subprocess.Popen(cmd, env=env, cwd=ROOT) for _ in range(processes)]
    kills, deadline = 0, time.monotonic() + 45
    try:
        while kills < 8 and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.2, 1.0))
            victim = rng.randrange(processes)
            workers[victim].send_signal(signal.SIGKILL)
            workers[victim].wait()
            kills += 1
            workers[victim] = subprocess.Popen(cmd, env=env, cwd=ROOT)
        while time.monotonic() < deadline:
            s = states(db)
            if not any(s.get(k) for k in ("queued", "retrying", "paused", "sending")):
                break
            time.sleep(0.3)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=10)
            except subprocess.TimeoutExpired:
                w.kill()

    final = states(db)
    hangs = sum(1 for r in server.requests if r["behaviour"] == "hang")
    print(f"kills={kills} hangs={hangs} states={dict(final)} posted={len(server.posted)} requests={len(server.requests)}")
    assert set(final) <= {"sent", "unknown", "failed"}, final
    received = Counter()
    for post in server.posted:
        title = re.search(r"<b>(.*?)</b>", post["text"]).group(1)
        received[(post["chat_id"], title)] += 1
    assert max(received.values()) == 1, "a message was received twice"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select d.state, c.chat_id, i.title from distribution_delivery d "
            "join distribution_channel c on c.id = d.channel_id join newsroom_newsitem i on i.id = d.item_id"
        ).fetchall()
    for state, chat, title in rows:
        if state == "sent":
            assert received[(chat, title)] == 1, (chat, title)
        if state == "failed":
            assert received[(chat, title)] == 0, (chat, title)
    assert final.get("unknown", 0) <= kills * SEND_CONCURRENCY + hangs
    assert final.get("sent", 0) >= ITEMS * len(CHATS) - kills * SEND_CONCURRENCY - hangs - final.get("failed", 0)
