"""The analyzers read jieba's dictionary cache in one piece: the same dictionary jieba's own
``initialize`` loads, and a missing or broken cache leaves jieba to build it."""

import warnings

import pytest

from tools.analyzers.text import _load_dictionary_cache

with warnings.catch_warnings():  # jieba 0.42 has invalid escapes in its regexes
    warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
    import jieba


def _tokenizer(folder) -> "jieba.Tokenizer":
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(folder)
    return tokenizer


def test_the_cache_gives_the_dictionary_initialize_gives(tmp_path):
    built = _tokenizer(tmp_path)
    built.initialize()  # no cache yet: jieba builds the dictionary and writes jieba.cache
    assert (tmp_path / "jieba.cache").is_file()
    read = _tokenizer(tmp_path)
    assert _load_dictionary_cache(read)
    assert read.initialized and read.total == built.total and read.FREQ == built.FREQ
    text = "鞋子很好穿,就是价格太贵了,物流也慢"
    assert list(read.cut(text, HMM=False)) == list(built.cut(text, HMM=False))


@pytest.mark.parametrize("content", [None, b"", b"garbage", __import__("marshal").dumps(42),
                                     __import__("marshal").dumps((1, 2))])
def test_no_usable_cache_is_reported_so_jieba_builds_it(tmp_path, content):
    if content is not None:
        (tmp_path / "jieba.cache").write_bytes(content)
    tokenizer = _tokenizer(tmp_path)
    assert not _load_dictionary_cache(tokenizer)
    assert not tokenizer.initialized and tokenizer.FREQ == {}
