"""Kill the senders with SIGKILL at random points while items are sent, corrected (photo removed,
text changed, corrected a few ms after publishing) and unpublished, and while a person resolves
every `unknown` delivery (crash_scenario.py); the platform injects 500s, answers that never come
and requests that it accepts only after the client's read timeout. Then check the outcome
against the fake platform's own log:

- nothing was posted twice (no second live post of an item in a chat, at any moment);
- no send or edit was refused (edits keep within the limits of what they edit);
- every edit and delete touched a message of its own item, and every `sent` first send records
  exactly the text that was posted (the revision it rendered);
- the corrections reached the posts; unpublished items are gone from the channel, or (their post
  marked sent without a link) a withdrawal notice was posted;
- nothing is left queued, sending or unknown.

Real subprocesses (`python -m hamafza distribution_worker`) on a copy of the test database
(SQLite file, or a PostgreSQL database made from the test database as a template)."""

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.fakes.messengers import FakeRubikaServer
from tests.subprocess_db import SubprocessDatabase

ROOT = Path(__file__).resolve().parents[2]
ITEMS, PHOTO_ITEMS = 36, 12
CHATS = (("telegram", "@hz_a"), ("bale", "@hz_b"), ("telegram", "@hz_c"), ("rubika", "c0hzrubika"))
RUBIKA_TOKEN = "RUBIKAGOODTOKEN0123456789abcdef"
SEND_CONCURRENCY = 4  # sends in flight at once in one worker process (one per chat here)
LATE_DELIVERY = 5.0  # the platform may deliver a hung request this long after it was sent (hang: 1.5 s)
MARK = r"خبر خاموشی (\d{3})"
SEED_CODE = f"""
from django.core.files.base import ContentFile
from hamafza.accounts.models import Membership
from hamafza.distribution import unchecked
from hamafza.distribution.models import Channel
from hamafza.newsroom.models import Image
from tests import factories
from tests.distribution.conftest import jpeg
from tests.personas import make_user
sectors = factories.make_sectors()
agency = factories.make_agency("اداره کل آزمایش خاموشی", slug="crash")
Membership.objects.create(user=make_user("crash_head"), agency=agency, role=Membership.Role.HEAD)
factories.make_council(agency, [], hostname="crash.example.ir", slug="crash")  # whose platforms the channels follow
for kind, chat in {CHATS!r}:
    unchecked.store_channel(Channel(agency=agency, kind=kind, chat_id=chat, name=chat),
                            token={RUBIKA_TOKEN!r} if kind == "rubika" else "123:GOOD", default_for_agency=True)
for n in range({ITEMS}):
    image = Image.objects.create(agency=agency, file=ContentFile(jpeg(), name=f"c{{n}}.jpg")) if n < {PHOTO_ITEMS} else None
    body = "".join(f"<p>بند {{k}}: گزارش آزمایشی پیشرفت کار که خوانندگان کانال می‌خوانند.</p>" for k in range(60))
    factories.make_item(agency, title=f"خبر خاموشی {{n:03d}}", body=body, main_image=image)
"""


# transaction=True: the test database is created (and emptied after) without a transaction held
# open on it, so that it can be copied.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def crash_env(tmp_path, django_db_blocker):
    # One local server for every platform: the Bot API shape and Rubika's (/v3/…).
    server = FakeRubikaServer(tokens=("123:GOOD", RUBIKA_TOKEN), admin_chats=[c for _k, c in CHATS], delay=0.01,
                              hang_seconds=1.5, marker=MARK).start()
    with django_db_blocker.unblock():
        db = SubprocessDatabase(tmp_path, suffix="crash")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE",
                                                          "HAMAFZA_TASKS_IMMEDIATE", "HAMAFZA_TESTING")}
    env.update(
        HAMAFZA_VAR_DIR=str(tmp_path), HAMAFZA_TELEGRAM_BASE_URL=server.url, HAMAFZA_BALE_BASE_URL=server.url,
        HAMAFZA_RUBIKA_BASE_URL=f"{server.url}/v3", HAMAFZA_RUBIKA_LATE_DELIVERY=str(LATE_DELIVERY),
        HAMAFZA_CHANNEL_CHAT_INTERVAL="0", HAMAFZA_CHANNEL_TOKEN_INTERVAL="0", HAMAFZA_CHANNEL_BACKOFF_BASE="0.05",
        HAMAFZA_CHANNEL_BACKOFF_MAX="0.2", HAMAFZA_CHANNEL_READ_TIMEOUT="0.5", HAMAFZA_CHANNEL_CONNECT_TIMEOUT="1",
        HAMAFZA_CHANNEL_SENDING_STALE="30", HAMAFZA_CHANNEL_SENDER_LEASE="2", HAMAFZA_CHANNEL_SENDER_HEARTBEAT="0.3",
        HAMAFZA_TELEGRAM_LATE_DELIVERY=str(LATE_DELIVERY), HAMAFZA_BALE_LATE_DELIVERY=str(LATE_DELIVERY),
        HAMAFZA_CHANNEL_SENDER="process", HAMAFZA_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT),
        HAMAFZA_CHANNEL_SEND_CONCURRENCY=str(SEND_CONCURRENCY), **db.env(),
    )
    yield server, env, db
    server.stop()
    db.drop()


def run(env, *args, timeout=120):
    done = subprocess.run([sys.executable, "-m", "hamafza", *args], env=env, cwd=ROOT, capture_output=True,
                          timeout=timeout, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def states(db) -> Counter:
    return Counter(dict(db.query("select state, count(*) from distribution_delivery group by state")))


def item_of(text: str) -> str | None:
    m = re.search(MARK, text or "")
    return m.group(1) if m else None


def test_sigkill_during_sends_corrections_and_withdrawals_loses_nothing_and_sends_nothing_twice(crash_env):
    server, env, db = crash_env
    seed = int(os.environ.get("HAMAFZA_CRASH_SEED", random.randrange(1_000_000)))
    print(f"crash test seed: {seed} (HAMAFZA_CRASH_SEED={seed} to replay)")
    rng = random.Random(seed)
    started = time.monotonic()
    run(env, "shell", "-c", SEED_CODE)
    print(f"seed {time.monotonic() - started:.1f} s")
    assert sum(states(db).values()) == ITEMS * len(CHATS)
    # Platform trouble on the way: 500s to retry, answers that never come, late acceptances.
    for method in ("sendMessage", "sendPhoto", "sendFile"):
        server.script(method, "late")  # at least two first sends posted after the client gave up
        for _ in range(12):
            server.script(method, *rng.choice([["ok"] * 6, ["500"], ["ok"] * 4, ["hang"], ["late"], ["ok"] * 3]))

    scenario = subprocess.Popen(
        [sys.executable, "-m", "hamafza", "shell", "-c",
         f"from tests.distribution import crash_scenario; crash_scenario.run({server.url!r}, 12, 20, {seed})"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    processes = 2
    cmd = [sys.executable, "-m", "hamafza", "distribution_worker", "--interval", "0.05", "--sweep-every", "0.3"]
    workers = [subprocess.Popen(cmd, env=env, cwd=ROOT) for _ in range(processes)]
    kills = 0
    try:
        while kills < 8 and scenario.poll() is None:
            time.sleep(rng.uniform(0.4, 1.4))
            victim = rng.randrange(processes)
            workers[victim].send_signal(signal.SIGKILL)
            workers[victim].wait()
            kills += 1
            workers[victim] = subprocess.Popen(cmd, env=env, cwd=ROOT)
        # The scenario bounds itself (12 s of work, 20 s to settle); the rest is a shell starting
        # on a machine that may be busy.
        out, err = scenario.communicate(timeout=180)
    finally:
        if scenario.poll() is None:
            scenario.kill()
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=10)
            except subprocess.TimeoutExpired:
                w.kill()
    assert scenario.returncode == 0, err[-3000:]
    report = json.loads(out.strip().splitlines()[-1])
    final = states(db)
    behaviours = Counter(r["behaviour"] for r in server.requests)
    print(f"kills={kills} hangs={behaviours['hang']} late={behaviours['late']} states={dict(final)} "
          f"posted={len(server.posted)} requests={len(server.requests)} scenario={report} "
          f"total {time.monotonic() - started:.1f} s")

    # Nothing left for later, nothing twice, nothing refused.
    rows = db.query(
        "select d.id, d.action, d.state, d.remote_ids, d.payload, d.parent_id, d.replaced_parent, c.chat_id, i.title, "
        "i.status, d.last_error, d.remark, d.attempts from distribution_delivery d "
        "join distribution_channel c on c.id = d.channel_id join newsroom_newsitem i on i.id = d.item_id order by d.id")
    rows = [dict(zip(("id", "action", "state", "remote_ids", "payload", "parent", "replaced", "chat", "title", "status",
                      "error", "remark", "attempts"), r)) for r in rows]
    for r in rows:
        for key in ("remote_ids", "payload"):
            r[key] = json.loads(r[key]) if isinstance(r[key], str) else r[key]
        # Rubika's message ids are strings of digits; the fake keeps them as numbers.
        r["remote_ids"] = [int(x) if isinstance(x, str) and x.isdigit() else x for x in r["remote_ids"] or []]
    for r in rows:
        if r["state"] not in ("sent", "failed", "cancelled"):
            print("OPEN", {k: v for k, v in r.items() if k != "payload"})
    assert set(final) <= {"sent", "failed", "cancelled"}, (final, [
        {k: v for k, v in r.items() if k != "payload"} for r in rows if r["state"] not in ("sent", "failed", "cancelled")])
    dup_keys = {(x["chat"], x["item"]) for x in server.duplicates}
    for r in rows:
        if (r["chat"], item_of(r["title"])) in dup_keys:
            print("DUP ROW", {k: v for k, v in r.items() if k != "payload"})
    for p in server.posted:
        if (p["chat_id"], item_of(p.get("text") or p.get("caption"))) in dup_keys:
            print("DUP POST", {k: v for k, v in p.items() if k not in ("text", "caption")})
    for r in server.requests:
        if r["fields"].get("chat_id") and (r["fields"]["chat_id"], item_of(r["fields"].get("text") or r["fields"].get("caption"))) in dup_keys:
            print("DUP REQ", r["method"], r["behaviour"], r.get("at"))
    assert server.duplicates == [], (server.duplicates, [
        {k: v for k, v in r.items() if k != "payload"} for r in rows
        if (r["chat"], item_of(r["title"])) in {(x["chat"], x["item"]) for x in server.duplicates}],
        [p for p in server.posted if item_of(p.get("text") or p.get("caption")) in {x["item"] for x in server.duplicates}])
    assert server.refused == [], server.refused
    assert report["plan"]["drop_photo"] and report["plan"]["race"] and report["plan"]["retitle"]
    # Unknown first sends found on the channel, marked sent with and without the link, then withdrawn.
    assert report["person"]["link"] and report["person"]["no_link"] and report["person"]["withdrawn_after"] >= 2

    posted_text = {(p["chat_id"], p["message_id"]): p.get("text") or p.get("caption") for p in server.posted
                   if p["method"] in ("sendMessage", "sendPhoto", "sendMediaGroup", "sendFile")}
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        if r["state"] != "sent":
            continue
        ids = r["remote_ids"] or []
        if r["action"] == "create" and ids:
            # The record says what was posted: the text of the revision it rendered.
            assert posted_text.get((r["chat"], ids[0])) == r["payload"]["text"], (r["id"], r["title"])
        if r["action"] in ("edit", "delete") and ids and not r["replaced"]:
            # Follow-ups act on a message of their own item.
            for mid in ids:
                assert item_of(server.history.get((r["chat"], mid))) == item_of(r["title"]), (r["id"], mid)
    touched_items = {item_of(server.history.get((t["chat"], t["message_id"]))) for t in server.touched}
    assert None not in touched_items

    # The channels now show what the items are: corrected text where published; gone (or a
    # withdrawal notice, where nobody knew the post's id) where unpublished.
    live = {}
    for (chat, mid), m in server.messages.items():
        if m.get("html") and item_of(m["text"]):
            live.setdefault((chat, item_of(m["text"])), []).append(m["text"])
    notices = {(p["chat_id"], item_of(p.get("text"))) for p in server.posted
               if "از انتشار خارج شد" in (p.get("text") or "")}
    for r in rows:
        if r["action"] != "create" or r["state"] != "sent":
            continue
        key = (r["chat"], item_of(r["title"]))
        if r["status"] == "published":
            chain = [x for x in rows if x["parent"] == r["id"] and x["action"] == "edit" and x["state"] == "sent"]
            latest = (chain[-1] if chain else r)["payload"]["text"]
            if r["remote_ids"] or any(x["replaced"] for x in chain):
                assert live.get(key) == [latest], (key, live.get(key))
        else:
            assert key not in live or key in notices, (key, by_id[r["id"]]["title"])
