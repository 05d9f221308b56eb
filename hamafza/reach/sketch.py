"""The readers of one item on one day as a distinct-count sketch: exact while small, HyperLogLog
when large. No Django here; hamafza.reach.counter stores a sketch in its ItemDailyViews row.

A reader is a 64-bit mark (a keyed hash, counter.mark). Up to SPARSE_MAX readers the sketch is
the sorted marks themselves (8 bytes each) and the count is exact. Beyond that it becomes a
HyperLogLog of 2**P one-byte registers (4 KiB whatever the readers' number), and the count an
estimate with a relative standard error of 1.04 / sqrt(2**P) ≈ 1.6 %, by Ertl's improved raw
estimator (O. Ertl, "New cardinality estimation algorithms for HyperLogLog sketches", 2017), which
needs no bias tables and is unbiased from a few readers to billions.

Merging is idempotent (a union of marks, a maximum of registers): a reader seen by two processes,
or by the same process twice, counts once, and two flushes can merge in either order. The cost of
a merge follows the new marks and the sketch size (≤ 4 KiB), never the day's readers."""

from __future__ import annotations

import math
from array import array


P = 12
M = 1 << P
Q = 64 - P  # bits of a mark left after the register index
SPARSE_MAX = 512  # 4 KiB of marks: the same size as the registers
_LOW = (1 << Q) - 1
_SPARSE, _DENSE = b"S", b"D"


class Sketch:
    __slots__ = ("marks", "registers")

    def __init__(self, marks: array | None = None, registers: bytearray | None = None):
        self.marks = marks  # sorted array('q') while sparse
        self.registers = registers  # bytearray(M) once dense

    @classmethod
    def empty(cls) -> Sketch:
        return cls(marks=array("q"))

    @classmethod
    def load(cls, data: bytes | memoryview | None) -> Sketch:
        """A stored sketch; an empty one for None or bytes of another format."""
        data = bytes(data) if data is not None else b""
        if data[:1] == _DENSE and len(data) == M + 1:
            return cls(registers=bytearray(data[1:]))
        marks = array("q")
        if data[:1] == _SPARSE and (len(data) - 1) % 8 == 0:
            marks.frombytes(data[1:])
        return cls(marks=marks)

    def dump(self) -> bytes:
        if self.registers is not None:
            return _DENSE + bytes(self.registers)
        return _SPARSE + self.marks.tobytes()

    def add(self, marks) -> bool:
        """Merge these readers' marks (signed 64-bit ints) into the sketch; True if it changed."""
        if self.registers is None:
            known = self.marks
            new = set(marks).difference(known)
            if len(known) + len(new) <= SPARSE_MAX:
                if new:
                    self.marks = array("q", sorted(known.tolist() + list(new)))
                return bool(new)
            self.registers = bytearray(M)
            _raise(self.registers, known)
            self.marks = None
            _raise(self.registers, new)
            return True
        return _raise(self.registers, marks)

    def count(self) -> int:
        if self.registers is None:
            return len(self.marks)
        # Dense means more than SPARSE_MAX readers: the estimate never says fewer.
        return max(round(estimate(self.registers)), SPARSE_MAX + 1)


def _raise(registers: bytearray, marks) -> bool:
    raised = False
    for m in marks:
        u = m & 0xFFFFFFFFFFFFFFFF  # the mark's 64 bits, unsigned
        j = u >> Q
        rank = Q + 1 - (u & _LOW).bit_length()  # position of the first 1 bit in the low Q bits
        if registers[j] < rank:
            registers[j] = rank
            raised = True
    return raised


def _sigma(x: float) -> float:
    if x == 1.0:
        return math.inf
    y, z = 1.0, x
    while True:
        x *= x
        before = z
        z += x * y
        y += y
        if z == before:
            return z


def _tau(x: float) -> float:
    if x == 0.0 or x == 1.0:
        return 0.0
    y, z = 1.0, 1.0 - x
    while True:
        x = math.sqrt(x)
        before = z
        y *= 0.5
        z -= (1.0 - x) ** 2 * y
        if z == before:
            return z / 3.0


def estimate(registers: bytearray) -> float:
    """Ertl's improved raw estimate of the number of distinct marks behind the registers."""
    import numpy as np  # here, not at start-up: only a flush of a dense sketch needs it

    counts = np.bincount(np.frombuffer(bytes(registers), dtype=np.uint8), minlength=Q + 2).tolist()
    z = M * _tau(1.0 - counts[Q + 1] / M)
    for k in range(Q, 0, -1):
        z = 0.5 * (z + counts[k])
    z += M * _sigma(counts[0] / M)
    return M * M / (2.0 * math.log(2.0)) / z
