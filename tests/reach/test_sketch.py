"""The readers' sketch (hamafza.reach.sketch): exact while small, HyperLogLog beyond, and a
merge that counts a reader once whatever the order or the number of times it is seen."""

import random

import pytest

from hamafza.reach.sketch import M, SPARSE_MAX, Sketch


def marks(n: int, seed: int) -> list[int]:
    r = random.Random(seed)
    return [r.getrandbits(64) - (1 << 63) for _ in range(n)]


def test_exact_up_to_the_switch_and_a_reader_counts_once():
    readers = marks(SPARSE_MAX, 1)
    sketch = Sketch.empty()
    assert sketch.add(readers[:100]) is True
    assert sketch.add(readers[:100]) is False  # seen: nothing changes
    sketch.add(readers + readers[:50])
    assert sketch.count() == SPARSE_MAX
    stored = sketch.dump()
    assert len(stored) == 1 + 8 * SPARSE_MAX
    assert Sketch.load(stored).count() == SPARSE_MAX


def test_beyond_the_switch_the_sketch_is_4_kib_and_never_says_fewer():
    readers = marks(SPARSE_MAX + 1, 2)
    sketch = Sketch.empty()
    sketch.add(readers)
    assert len(sketch.dump()) == 1 + M
    assert sketch.count() >= SPARSE_MAX + 1


@pytest.mark.parametrize("n", [2_000, 20_000, 200_000])
def test_estimates_within_five_per_cent(n):
    readers = marks(n, n)
    sketch = Sketch.empty()
    for at in range(0, n, 7_000):
        sketch = Sketch.load(sketch.dump())  # as flushes do: stored and loaded between batches
        sketch.add(readers[at:at + 7_000])
    assert abs(sketch.count() - n) / n < 0.05


def test_merging_in_any_order_gives_the_same_sketch():
    readers = marks(3_000, 3)
    one, two = Sketch.empty(), Sketch.empty()
    one.add(readers[:1_000])
    one.add(readers[1_000:])
    two.add(readers[2_000:])
    two.add(readers[:2_500])
    assert one.dump() == two.dump()


@pytest.mark.parametrize("stored", [None, b"", b"X123", b"S1234567", b"D" + bytes(10)])
def test_unreadable_bytes_are_an_empty_sketch(stored):
    assert Sketch.load(stored).count() == 0
