"""The held-back rule (bench/heldback.py): one definition for the benchmark and both training
scripts, and the split it draws stays the one every reported figure was measured on."""

import zlib

import pytest

from bench.heldback import ASPECTS, SHOPPING, aspect_held_back, shopping_bucket


def test_aspect_rule_is_crc32_mod_10():
    texts = ["价格便宜", "The food was great.", "", "贵"]
    assert [aspect_held_back(t) for t in texts] == [zlib.crc32(t.encode("utf-8")) % 10 == 0 for t in texts]


@pytest.mark.parametrize("row_id, bucket", [("os10", 0), ("os131", 1), ("7", 7)])
def test_shopping_bucket_is_the_numeric_id_mod_10(row_id, bucket):
    assert shopping_bucket(row_id) == bucket


def test_shopping_id_without_digits_is_refused():
    with pytest.raises(ValueError, match="no digits"):
        shopping_bucket("os")


@pytest.mark.skipif(not (ASPECTS.exists() and SHOPPING.exists()), reason="the labelled data is not on this machine")
def test_held_back_counts_are_unchanged():
    """The counts the benchmark's held-back figures were measured on."""
    from bench import bench_analyzers as bench

    readers = (bench.shopping_rows, bench.bdci_price, bench.asap_price, bench.semeval2014_price,
               bench.semeval2016_price, bench.semeval_sentences)
    counts = [len(read("test")) for read in readers]
    assert counts == [5020, 133, 55, 32, 17, 422]
