"""The matcher's parts: shingles and MinHash (stable, estimating Jaccard), the banded look-up,
Persian spelling variants, and the verdict rules."""

import random

from hamafza.coverage import matcher, minhash
from hamafza.demo.data.news import NEWS


def text_of(n: dict) -> str:
    return "\n".join([n["kicker"], n["title"], n["lead"], *n["body"]])


def test_shingle_hashes_are_stable_across_processes():
    # BLAKE2b, not hash(): the same value in every process (PYTHONHASHSEED does not matter).
    assert minhash._h64("راه آهن جنوب") == int.from_bytes(
        __import__("hashlib").blake2b("راه آهن جنوب".encode(), digest_size=8).digest(), "little")
    assert minhash.shingles(["a", "b", "c", "d"]) == minhash.shingles(["a", "b", "c", "d"])
    assert len(minhash.shingles(["a", "b", "c", "d"])) == 2
    assert len(minhash.shingles(["a", "b"])) == 1 and minhash.shingles([]) == frozenset()


def test_minhash_estimates_jaccard():
    rng = random.Random(3)
    for true_j in (0.1, 0.3, 0.5, 0.8):
        common = [rng.getrandbits(60) for _ in range(int(1000 * true_j))]
        a = frozenset(common + [rng.getrandbits(60) for _ in range(int(500 * (1 - true_j)))])
        b = frozenset(common + [rng.getrandbits(60) for _ in range(int(500 * (1 - true_j)))])
        est = minhash.estimate_jaccard(minhash.signature(a), minhash.signature(b))
        assert abs(est - minhash.jaccard(a, b)) < 0.13, (true_j, est, minhash.jaccard(a, b))
    assert minhash.estimate_jaccard(minhash.signature(a), minhash.signature(a)) == 1.0


def test_lsh_finds_similar_sets_and_not_disjoint_ones():
    rng = random.Random(5)
    base = [rng.getrandbits(60) for _ in range(300)]
    lsh = minhash.LSH()
    lsh.add("ours", minhash.signature(frozenset(base)))
    near = frozenset(base[:150] + [rng.getrandbits(60) for _ in range(100)])
    far = frozenset(rng.getrandbits(60) for _ in range(300))
    assert lsh.candidates(minhash.signature(near)) == {"ours"}
    assert lsh.candidates(minhash.signature(far)) == set()


def test_spelling_variants_fold_to_the_same_tokens():
    n = NEWS[0]
    plain = matcher.folded_tokens(n["lead"])
    assert matcher.folded_tokens(n["lead"].replace("\u200c", " ")) == plain
    assert matcher.folded_tokens(n["lead"].replace("\u200c", "")) == plain
    assert matcher.folded_tokens(n["lead"].replace("ی", "ي").replace("ک", "ك")) == plain
    assert matcher.folded_tokens(n["lead"].replace("ه", "ه").translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) == plain


def _index(*indices):
    rows = [(i, 1, None, " ".join(matcher.folded_tokens(text_of(NEWS[i])))) for i in indices]
    return matcher.ItemIndex(0, rows=rows, hostname="khz.example.ir")


def test_reprints_match_and_unrelated_items_do_not():
    index = _index(0, 1, 9, 10, 19, 27)
    n = NEWS[9]
    reprint = "تیتر تازه\nبه گزارش خبرگزاری جنوب، " + n["lead"] + "\n" + "\n".join(n["body"][:2])
    verdicts = index.match(matcher.folded_tokens(reprint))
    assert [(v.item_id, v.confirmed) for v in verdicts] == [(9, True)]
    assert 0.4 < verdicts[0].kept < 0.9
    # Another demo item on another subject: nothing.
    assert index.match(matcher.folded_tokens(text_of(NEWS[12]))) == []


def test_a_link_to_our_portal_is_a_match_whatever_the_text():
    index = _index(0, 27)
    verdicts = index.match(matcher.folded_tokens("یادداشتی کوتاه دربارهٔ بندر"),
                           ["https://khz.example.ir/news/27/slug/", "https://other.example/news/0/"])
    assert [(v.item_id, v.via, v.confirmed) for v in verdicts] == [(27, "link", True)]
    assert index.match([], ["https://www.khz.example.ir/n/0"])[0].item_id == 0
    assert index.match([], ["https://khz.example.ir/news/999/x/", "not a url [", "javascript:alert(1)"]) == []


def test_classify_bands():
    assert matcher.classify(0.9, 50) == "match"
    assert matcher.classify(matcher.ACCEPT, 50) == "match"
    assert matcher.classify((matcher.ACCEPT + matcher.REVIEW) / 2, 50) == "review"
    assert matcher.classify(matcher.REVIEW - 0.01, 50) == "none"
    assert matcher.classify(0.9, matcher.MIN_SHARED - 1) == "none"
