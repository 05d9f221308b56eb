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
a merge follows the new marks and the sketch size (≤ 4 KiB), never the day's readers; it is
vectorised (numpy), so a flush costs a few array operations per item, not Python work per mark."""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np

P = 12
M = 1 << P
Q = 64 - P  # bits of a mark left after the register index
SPARSE_MAX = 512  # 4 KiB of marks: the same size as the registers
_LOW = np.uint64((1 << Q) - 1)
_SHIFT = np.uint64(Q)
_SPARSE, _DENSE = b"S", b"D"


def as_marks(marks: Iterable[int] | np.ndarray) -> np.ndarray:
    """The marks as a sorted array of distinct signed 64-bit integers."""
    if not isinstance(marks, np.ndarray):
        marks = np.fromiter(marks, dtype=np.int64)
    return _distinct(marks.astype(np.int64))


def _distinct(marks: np.ndarray) -> np.ndarray:
    """Sorted, each once; in place of np.unique, whose hashing path costs tens of µs on the few
    dozen marks an item gets in a flush."""
    if len(marks) < 2:
        return marks
    marks.sort()
    keep = np.empty(len(marks), dtype=bool)
    keep[0] = True
    np.not_equal(marks[1:], marks[:-1], out=keep[1:])
    return marks[keep]


class Sketch:
    __slots__ = ("marks", "registers")

    def __init__(self, marks: np.ndarray | None = None, registers: np.ndarray | None = None):
        self.marks = marks  # sorted distinct int64 while sparse (stored native-endian, as array('q') did)
        self.registers = registers  # uint8[M] once dense

    @classmethod
    def empty(cls) -> Sketch:
        return cls(marks=np.empty(0, dtype=np.int64))

    @classmethod
    def load(cls, data: bytes | memoryview | None) -> Sketch:
        """A stored sketch; an empty one for None or bytes of another format."""
        data = bytes(data) if data is not None else b""
        if data[:1] == _DENSE and len(data) == M + 1:
            return cls(registers=np.frombuffer(data, dtype=np.uint8, offset=1).copy())
        if data[:1] == _SPARSE and (len(data) - 1) % 8 == 0:
            return cls(marks=np.frombuffer(data, dtype=np.int64, offset=1).copy())
        return cls.empty()

    def dump(self) -> bytes:
        if self.registers is not None:
            return _DENSE + self.registers.tobytes()
        return _SPARSE + self.marks.tobytes()

    def add(self, marks: Iterable[int] | np.ndarray) -> bool:
        """Merge these readers' marks (signed 64-bit ints) into the sketch; True if it changed."""
        new = as_marks(marks)
        if self.registers is None:
            merged = _distinct(np.concatenate((self.marks, new)))
            if len(merged) <= SPARSE_MAX:
                changed = len(merged) != len(self.marks)
                self.marks = merged
                return changed
            self.registers = np.zeros(M, dtype=np.uint8)
            self.marks = None
            _raise(self.registers, merged)
            return True
        return _raise(self.registers, new)

    def count(self) -> int:
        if self.registers is None:
            return len(self.marks)
        # Dense means more than SPARSE_MAX readers: the estimate never says fewer.
        return max(round(estimate(self.registers)), SPARSE_MAX + 1)


def _raise(registers: np.ndarray, marks: np.ndarray) -> bool:
    """Raise each mark's register to the mark's rank: the position of the first 1 bit in its low
    Q bits (Q + 1 for none). True if any register rose."""
    if not len(marks):
        return False
    u = marks.view(np.uint64)
    j = (u >> _SHIFT).astype(np.intp)
    # bit_length of the low Q bits: frexp's exponent, exact since Q < 53 (a float's mantissa)
    rank = (Q + 1 - np.frexp((u & _LOW).astype(np.float64))[1]).astype(np.uint8)
    if not (rank > registers[j]).any():
        return False
    np.maximum.at(registers, j, rank)
    return True


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


def estimate(registers: np.ndarray) -> float:
    """Ertl's improved raw estimate of the number of distinct marks behind the registers."""
    counts = np.bincount(registers, minlength=Q + 2).tolist()
    z = M * _tau(1.0 - counts[Q + 1] / M)
    for k in range(Q, 0, -1):
        z = 0.5 * (z + counts[k])
    z += M * _sigma(counts[0] / M)
    return M * M / (2.0 * math.log(2.0)) / z
