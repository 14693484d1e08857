"""compile_cached: the Pattern re.compile makes, from a cache that survives the process; the cache
misses cleanly (bad entries, no writable home) and does not grow run after run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import regex_cache
from tools.regex_cache import compile_cached

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [
    (r"(?P<word>(?<![a-z0-9])outdoor\s+gear(?![a-z0-9]))|(?P<zh>户外(?:运动|装备)?)", 0),
    (r"(?:前|top\s*)(?P<n>\d+(?:,\d{3})*|[一二三四五六七八九十]+)", re.IGNORECASE),
    (r"^\s*what\s+(?:are|do|did)\b.*$", re.MULTILINE | re.DOTALL),
]


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    regex_cache._folder.cache_clear()
    yield tmp_path
    regex_cache._folder.cache_clear()


def _entries(home: Path) -> list[Path]:
    return sorted(home.glob("persona/regex/*/*.marshal"))


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_cold_and_warm_give_the_pattern_re_compile_gives(cache_home, pattern, flags):
    expected = re.compile(pattern, flags)
    cold = compile_cached(pattern, flags)
    assert len(_entries(cache_home)) == 1
    warm = compile_cached(pattern, flags)
    for compiled in (cold, warm):
        assert compiled == expected  # CPython compares pattern text, flags and compiled code
        assert compiled.groupindex == expected.groupindex
        text = "Top 3 户外装备 and OUTDOOR  gear\n what are 前一二 户外"
        assert [(m.span(), m.lastgroup) for m in compiled.finditer(text)] == \
               [(m.span(), m.lastgroup) for m in expected.finditer(text)]


@pytest.mark.parametrize("content", [b"", b"not marshal data", __import__("marshal").dumps((1, 2)),
                                     __import__("marshal").dumps((0, [999999], 0, {}, ()))])
def test_a_bad_entry_is_compiled_again_and_replaced(cache_home, content):
    pattern, flags = PATTERNS[0]
    compile_cached(pattern, flags)
    [entry] = _entries(cache_home)
    entry.write_bytes(content)
    assert compile_cached(pattern, flags) == re.compile(pattern, flags)
    assert entry.read_bytes() != content


def test_without_a_writable_cache_it_still_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache home is a file, so no folder can be made in it")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    regex_cache._folder.cache_clear()
    try:
        pattern, flags = PATTERNS[1]
        assert compile_cached(pattern, flags) == re.compile(pattern, flags)
    finally:
        regex_cache._folder.cache_clear()


def test_a_bad_pattern_raises_as_re_compile_does(cache_home):
    with pytest.raises(re.error):
        compile_cached(r"(?P<open>unclosed")
    assert _entries(cache_home) == []


_COMPILE_EVERYTHING = """
from agent.planner.chat import small_talk
from agent.planner.tokens import tokenize
from schema.taxonomy import load_taxonomy
from tools.analyzers import analyze_text
tokenize("上海的女性户外运动爱好者", "zh"); small_talk("谢谢"); load_taxonomy().find_terms("登山")
analyze_text("鞋子很好穿,就是价格太贵了")
"""


def test_every_process_compiles_the_same_pattern_texts(tmp_path):
    """Patterns built from sets must not depend on the hash seed: else each run would miss the
    cache and add entries for ever."""
    counts = []
    for seed in ("1", "2"):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", _COMPILE_EVERYTHING], env=env, cwd=ROOT, check=True)
        counts.append(len(_entries(tmp_path)))
    assert counts[0] > 100  # the planner's recognizers, the taxonomy trie, the cue patterns
    assert counts[1] == counts[0]


def test_a_private_compiler_shaped_otherwise_falls_back_to_re_compile(cache_home, monkeypatch):
    def reshaped(pattern, flags):
        raise AttributeError("module 're._compiler' has no attribute '_code'")

    monkeypatch.setattr(regex_cache, "_compile_parts", reshaped)
    pattern, flags = PATTERNS[0]
    compiled = compile_cached(pattern, flags)
    assert compiled.pattern == pattern and compiled.groupindex == re.compile(pattern, flags).groupindex
    assert compiled.search("买了户外装备").group("zh") == "户外装备"
    assert not list((cache_home / "persona").rglob("*.marshal"))   # nothing cached from the fallback
