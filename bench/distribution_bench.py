"""Distribution benchmark: N published items × 5 channels against the local fake Bot API server.

    .venv/bin/python bench/distribution_bench.py                  # 200 items, real limits (≈ 10 min)
    .venv/bin/python bench/distribution_bench.py --items 20       # a quick look
    .venv/bin/python bench/distribution_bench.py --worker tasks       # send tasks on the task worker
    .venv/bin/python bench/distribution_bench.py --worker dedicated   # the distribution_worker alone
    DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/distribution_bench.py   # on PostgreSQL
    DATABASE_URL=… REDIS_URL=redis://…/14 .venv/bin/python bench/distribution_bench.py   # scale profile

It migrates a fresh database (SQLite under bench/out/, or DATABASE_URL), makes 5 channels
(3 Telegram, 1 Bale, 1 Eitaa, each on its own chat; Telegram ones share a bot token), starts the
background processes exactly as `hamafza serve` would (--worker serve: the task worker and, on the
embedded default, the dedicated sender; --worker tasks: the same with HAMAFZA_CHANNEL_SENDER=tasks,
i.e. every publish enqueues a send task), publishes the items one after another through the
newsroom actions and measures, from the fake server's own log:

  - the delay from each item's publish (commit) to its first message on any channel;
  - the time until every delivery is sent;
  - that no chat got two messages closer than the per-chat interval (the rate limit held);
  - after the queue drained, the delay for --idle items published one at a time on an idle system
    (each after the per-chat interval has passed), p50 and max.

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

from tests.fakes.messengers import FakeBotServer  # noqa: E402

CHATS = [("telegram", "@hz_t1"), ("telegram", "@hz_t2"), ("telegram", "@hz_t3"), ("bale", "@hz_b1"), ("eitaa", "@hz_e1")]

SEED = """
from tests import factories
from hamafza.distribution import unchecked
from hamafza.distribution.models import Channel
factories.make_sectors()
agency = factories.make_agency("اداره کل راه و شهرسازی (سنجش)", slug="bench-dist")
council = factories.make_council(agency, [], hostname="bench.example.ir", slug="bench")
for kind, chat in {chats!r}:
    token = "123:GOOD" if kind == "telegram" else f"{{kind}}:TOKEN"
    unchecked.store_channel(Channel(agency=agency, kind=kind, chat_id=chat, name=chat), token=token, default_for_agency=True)
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
    factories.publish_item(item)
    out.append((title, time.time()))
    time.sleep({gap})
open({path!r}, "w").write(json.dumps(out, ensure_ascii=False))
"""


SERVE_COMMANDS = """
import json, sys
from hamafza.core.management.commands import serve
print(json.dumps([c for c in [serve.worker_command()] if c]
                 + [[sys.executable, "-m", "hamafza", *args] for args in serve.PROCESSES.values()]))
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
    parser.add_argument("--worker", choices=["serve", "tasks", "dedicated"], default="serve")
    parser.add_argument("--idle", type=int, default=5, help="items published one at a time at the end")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()

    # One directory per kind of run, so that two runs (SQLite and PostgreSQL) can go at once.
    kind = "-".join([args.worker] + [n for n, var in (("pg", "DATABASE_URL"), ("rq", "REDIS_URL")) if os.environ.get(var)])
    out = ROOT / "bench" / "out" / f"distribution-{kind}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    server = FakeBotServer(tokens=("123:GOOD", "bale:TOKEN", "eitaa:TOKEN"), admin_chats=[c for _, c in CHATS]).start()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "HAMAFZA_TASKS_IMMEDIATE")}
    env.update(
        HAMAFZA_VAR_DIR=str(out), HAMAFZA_SQLITE_PATH=str(out / "db.sqlite3"), HAMAFZA_LOG_LEVEL="WARNING",
        HAMAFZA_TELEGRAM_BASE_URL=server.url, HAMAFZA_BALE_BASE_URL=server.url, HAMAFZA_EITAA_BASE_URL=server.url,
        HAMAFZA_SITE_URL="http://bench.example.ir", PYTHONPATH=str(ROOT),
    )
    for name in ("DATABASE_URL", "REDIS_URL"):  # PostgreSQL; with Redis, the scale profile (RQ workers)
        if os.environ.get(name):
            env[name] = os.environ[name]
    if args.chat_interval is not None:
        env["HAMAFZA_CHANNEL_CHAT_INTERVAL"] = str(args.chat_interval)
    chat_interval = args.chat_interval if args.chat_interval is not None else 3.0

    hamafza(env, "migrate", "-v0")
    hamafza(env, "shell", "-c", SEED.format(chats=CHATS))
    if args.worker == "tasks":
        env["HAMAFZA_CHANNEL_SENDER"] = "tasks"
    if args.worker == "dedicated":
        commands = [[sys.executable, "-m", "hamafza", "distribution_worker", "--interval", "0.25"]]
    else:  # what `hamafza serve` starts besides the web server
        listed = subprocess.run([sys.executable, "-m", "hamafza", "shell", "-c", SERVE_COMMANDS], env=env, cwd=ROOT,
                                check=True, capture_output=True, text=True).stdout
        commands = json.loads(listed.strip().splitlines()[-1])
    print("background processes:", "; ".join(" ".join(c[2:]) for c in commands))
    workers = [subprocess.Popen(cmd, env=env, cwd=ROOT) for cmd in commands]
    time.sleep(4)  # let the workers boot: we measure sending, not Python start-up
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

        # Items on an idle system, one at a time, each after the per-chat interval has passed.
        time.sleep(chat_interval + 0.5)
        before = len(server.posted)
        hamafza(env, "shell", "-c", PUBLISH.format(start=9000, stop=9000 + args.idle, gap=chat_interval + 0.5,
                                                   path=str(out / "pub1.json")))
        idle_published = dict(json.loads((out / "pub1.json").read_text()))
        deadline = time.time() + 30
        while len(server.posted) < before + args.idle * len(CHATS) and time.time() < deadline:
            time.sleep(0.05)
        idle_first: dict[str, float] = {}
        for post in server.posted[before:]:
            title = title_of(post)
            idle_first[title] = min(idle_first.get(title, post["at"]), post["at"])
        idle_delays = sorted(idle_first[t] - idle_published[t] for t in idle_published if t in idle_first)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=30)
        server.stop()

    print(f"items × channels        {args.items} × {len(CHATS)} = {expected}; sent {sent}")
    print(f"worker                  {args.worker}; per-chat interval {chat_interval} s; "
          f"database {'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}"
          f"{' + Redis (RQ)' if os.environ.get('REDIS_URL') else ''}")
    print(f"publishing took         {published_all - started:.1f} s")
    print(f"all sent after          {last_send - started:.1f} s from the first publish "
          f"(lower bound by the per-chat limit: {(args.items - 1) * chat_interval:.0f} s)")
    print(f"closest two messages in one chat: {min_gap:.2f} s (limit {chat_interval} s)")
    if delays:
        print(f"publish → first send    min {delays[0]:.2f} s; "
              f"median {statistics.median(delays):.1f} s; max {delays[-1]:.1f} s "
              f"(later items wait in line for the per-chat limit)")
        print(f"publish → first send, first item published: {first_send[min(published, key=published.get)] - min(published.values()):.2f} s")
    if idle_delays:
        print(f"publish → first send on an idle system: p50 {statistics.median(idle_delays):.2f} s, "
              f"max {idle_delays[-1]:.2f} s over {len(idle_delays)} items (target ≤ 2 s)")


if __name__ == "__main__":
    main()
