"""The children of `hamafza serve`, kept running: a child that exits is restarted alone, after a
back-off that doubles with each quick exit (1 s, 2 s, 4 s … up to a minute) and starts over once
the child has run for a while. The others are never touched: a crash of the channel sender does
not take the web server down with it."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Child:
    name: str
    command: list[str]
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    delay: float = 0.0  # the next back-off
    restart_at: float | None = None
    restarts: int = 0
    exits: list[int] = field(default_factory=list)


class Supervisor:
    def __init__(self, commands: dict[str, list[str]], *, spawn: Callable = subprocess.Popen,
                 backoff_start: float = 1.0, backoff_max: float = 60.0, stable_after: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, log: Callable[[str], None] = print):
        self.children = {name: Child(name, list(cmd)) for name, cmd in commands.items()}
        self.spawn, self.clock, self.log = spawn, clock, log
        self.backoff_start, self.backoff_max, self.stable_after = backoff_start, backoff_max, stable_after

    def start(self) -> None:
        for child in self.children.values():
            self._spawn(child)

    def _spawn(self, child: Child) -> None:
        child.proc = self.spawn(child.command)
        child.started_at = self.clock()
        child.restart_at = None

    def tick(self) -> None:
        """Look at every child once: note exits, restart those whose back-off has passed."""
        now = self.clock()
        for child in self.children.values():
            if child.restart_at is not None:
                if now >= child.restart_at:
                    child.restarts += 1
                    self.log(f"{child.name}: restarting (restart {child.restarts})")
                    self._spawn(child)
                continue
            code = child.proc.poll() if child.proc is not None else None
            if code is None:
                continue
            child.exits.append(code)
            ran = now - child.started_at
            child.delay = self.backoff_start if ran >= self.stable_after or not child.delay else min(
                self.backoff_max, child.delay * 2)
            child.restart_at = now + child.delay
            self.log(f"{child.name} exited with code {code} after {ran:.1f} s; restarting it alone in {child.delay:.1f} s")

    def stop(self, timeout: float = 15.0) -> None:
        running = [c.proc for c in self.children.values() if c.proc is not None and c.proc.poll() is None]
        for proc in running:
            proc.terminate()
        deadline = time.monotonic() + timeout
        for proc in running:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
