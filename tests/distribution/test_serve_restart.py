"""`hamafza serve` keeps its children running: a crashed sender is restarted alone, with a
back-off, and the web server goes on answering (it was stopped with it, 4–12 s of downtime)."""

import sys
import time

from hamafza.core.supervisor import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
CRASHER = [sys.executable, "-c", "import sys; sys.exit(3)"]


def run(supervisor, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        supervisor.tick()
        time.sleep(0.02)


def test_a_crashed_child_is_restarted_alone_with_back_off():
    lines = []
    sup = Supervisor({"web": SLEEPER, "sender": CRASHER}, backoff_start=0.1, backoff_max=0.4, log=lines.append)
    sup.start()
    web = sup.children["web"].proc
    try:
        run(sup, 2.0)
        sender = sup.children["sender"]
        assert web.poll() is None and sup.children["web"].proc is web  # never touched
        assert sup.children["web"].restarts == 0
        assert 3 <= sender.restarts <= 8 and set(sender.exits) == {3}  # restarted, not in a tight loop
        assert sender.delay == 0.4  # the back-off grew to its cap
        assert any("restarting it alone" in line for line in lines)
    finally:
        sup.stop(timeout=5)
    assert web.poll() is not None


def test_the_back_off_starts_over_after_a_stable_run():
    now = [0.0]

    class Proc:
        code = None

        def poll(self):
            return self.code

    procs = []

    def spawn(cmd):
        procs.append(Proc())
        return procs[-1]

    sup = Supervisor({"sender": ["x"]}, spawn=spawn, backoff_start=1, backoff_max=8, stable_after=30,
                     clock=lambda: now[0], log=lambda line: None)
    sup.start()
    delays = []
    for _ in range(5):  # quick crashes: 1, 2, 4, 8, 8
        procs[-1].code = 1
        sup.tick()
        delays.append(sup.children["sender"].delay)
        now[0] += delays[-1]
        sup.tick()
    assert delays == [1, 2, 4, 8, 8]
    now[0] += 60  # a long run, then a crash: back to the first delay
    procs[-1].code = 1
    sup.tick()
    assert sup.children["sender"].delay == 1
