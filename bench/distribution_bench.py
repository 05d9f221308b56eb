"""Distribution benchmark: N published items × 5 channels against the local fake Bot API server.

    .venv/bin/python bench/distribution_bench.py                  # 200 items, real limits (≈ 10 min)
    .venv/bin/python bench/distribution_bench.py --items 20       # a quick look
    .venv/bin/python bench/distribution_bench.py --worker dedicated   # the distribution_worker command

It migrates a fresh SQLite database under bench/out/, makes 5 channels (3 Telegram, 1 Bale, 1 Eitaa,
each on its own chat; Telegram ones share a bot token), starts the embedded default's task worker
(django-tasks-db `db_worker`, as `hamafza serve` does), publishes the items one after another
through the newsroom actions and measures, from the fake server's own log:

  - the delay from each item's publish (commit) to its first message on any channel;
  - the time until every delivery is sent;
  - that no chat got two messages closer than the per-chat interval (the rate limit held);
  - after the queue drained, the delay for one more item published on an idle system.

The limits are the product's defaults (CHAT_INTERVAL 3 s = 20 messages/min per channel,
TOKEN_INTERVAL 1/30 s) unless --chat-interval is given.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.distribution.fakes import FakeBotServer  # noqa: E402

CHATS = [("telegram", "@hz_t1"), ("telegram", "@hz_t2"), ("telegram", "@hz_t3"), ("bale", "@hz_b1"), ("eitaa", "@hz_e1")]

SEED = """
from tests import factories
from hamafza.distribution import actions
from hamafza.distribution.models import Channel
factories.make_sectors()
agency = factories.make_agency("اداره کل راه و شهرسازی (سنجش)", slug="bench-dist")
council = factories.make_council(agency, [], hostname="bench.example.ir", slug="bench")
for kind, chat in {chats!r}:
    token = "123:GOOD" if kind == "telegram" else f"{{kind}}:TOKEN"
    actions.save_channel(Channel(agency=agency, kind=kind, chat_id=chat, name=chat), token=token, default_for_agency=True)
"""

PUBLISH = """
import json, time
from hamafza.agencies.models import Agency
from tests import factories
agency = Agency.objects.get(slug="bench-dist")
out = []
for n in range({start}, {stop}):
    title = f"خبر سنجش {{n:04d}}"
    item = factories.make_item(agency, title=title, published=False, lead="لید خبر سنجش. " * 5)
    from hamafza.newsroom import actions
    actions.do_publish_item(item)
    out.append((title, time.time()))
    time.sleep({gap})
open({path!r}, "w").write(json.dumps(out, ensure_ascii=False))
"""


def hamafza(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "hamafza", *args], env=env, cwd=ROOT, check=True, **kwargs)


def title_of(post) -> str:
    import re

    text = post.get("text") or post.get("caption") or ""
    m = re.search(r"خبر سنجش \d{4}", text)
    return m.group(0) if m else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--gap", type=float, default=0.0, help="seconds between two publishes")
    parser.add_argument("--chat-interval", type=float, default=None)
    parser.add_argument("--worker", choices=["db", "dedicated"], default="db")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()

    out = ROOT / "bench" / "out" / "distribution"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    server = FakeBotServer(tokens=("123:GOOD", "bale:TOKEN", "eitaa:TOKEN"), admin_chats=[c for _, c in CHATS]).start()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "HAMAFZA_TASKS_IMMEDIATE")}
    env.update(
        HAMAFZA_VAR_DIR=str(out), HAMAFZA_SQLITE_PATH=str(out / "db.sqlite3"), HAMAFZA_LOG_LEVEL="WARNING",
        HAMAFZA_TELEGRAM_BASE_URL=server.url, HAMAFZA_BALE_BASE_URL=server.url, HAMAFZA_EITAA_BASE_URL=server.url,
        HAMAFZA_SITE_URL="http://bench.example.ir", PYTHONPATH=str(ROOT),
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if args.chat_interval is not None:
        env["HAMAFZA_CHANNEL_CHAT_INTERVAL"] = str(args.chat_interval)
    chat_interval = args.chat_interval if args.chat_interval is not None else 3.0

    hamafza(env, "migrate", "-v0")
    hamafza(env, "shell", "-c", SEED.format(chats=CHATS))
    worker_cmd = (["db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"] if args.worker == "db"
                  else ["distribution_worker", "--interval", "0.2"])
    worker = subprocess.Popen([sys.executable, "-m", "hamafza", *worker_cmd], env=env, cwd=ROOT)
    time.sleep(3)  # let the worker boot: we measure sending, not Python start-up
    try:
        expected = args.items * len(CHATS)
        started = time.time()
        hamafza(env, "shell", "-c", PUBLISH.format(start=0, stop=args.items, gap=args.gap, path=str(out / "pub.json")))
        published_all = time.time()
        while len(server.posted) < expected and time.time() - started < args.timeout:
            time.sleep(0.5)
        finished = time.time()
        sent = len(server.posted)
        published = dict(json.loads((out / "pub.json").read_text()))

        first_send: dict[str, float] = {}
        for post in server.posted:
            title = title_of(post)
            first_send[title] = min(first_send.get(title, post["at"]), post["at"])
        delays = sorted(first_send[t] - published[t] for t in published if t in first_send)
        per_chat: dict[str, list[float]] = {}
        for post in server.posted:
            per_chat.setdefault(post["chat_id"], []).append(post["at"])
        min_gap = min(
            (b - a for times in per_chat.values() for a, b in zip(sorted(times), sorted(times)[1:])), default=0.0
        )
        last_send = max(p["at"] for p in server.posted) if server.posted else finished

        # One more item on an idle system.
        before = len(server.posted)
        hamafza(env, "shell", "-c", PUBLISH.format(start=9000, stop=9001, gap=0, path=str(out / "pub1.json")))
        t_pub = dict(json.loads((out / "pub1.json").read_text()))["خبر سنجش 9000"]
        deadline = time.time() + 30
        while len(server.posted) < before + 1 and time.time() < deadline:
            time.sleep(0.02)
        idle_delay = server.posted[before]["at"] - t_pub if len(server.posted) > before else float("nan")
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        server.stop()

    print(f"items × channels        {args.items} × {len(CHATS)} = {expected}; sent {sent}")
    print(f"worker                  {args.worker}; per-chat interval {chat_interval} s")
    print(f"publishing took         {published_all - started:.1f} s")
    print(f"all sent after          {last_send - started:.1f} s from the first publish "
          f"(lower bound by the per-chat limit: {(args.items - 1) * chat_interval:.0f} s)")
    print(f"closest two messages in one chat: {min_gap:.2f} s (limit {chat_interval} s)")
    if delays:
        print(f"publish → first send    first item {delays[0] if delays else float('nan'):.2f} s; "
              f"median {statistics.median(delays):.1f} s; max {delays[-1]:.1f} s "
              f"(later items wait in line for the per-chat limit)")
        print(f"publish → first send, first item published: {first_send[min(published, key=published.get)] - min(published.values()):.2f} s")
    print(f"publish → first send on an idle system: {idle_delay:.2f} s (target ≤ 2 s)")


if __name__ == "__main__":
    main()
