"""compile_filtered: the same matches as the plain pattern, whatever the text."""

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools.analyzers import analyze_text, startfilter
from tools.analyzers.cues import _cue_index
from tools.analyzers.startfilter import compile_any, compile_filtered, filtered, start_class

_PATTERNS = [
    r"(?P<a>不(?:再|想)?续(?:费|订)?)|(?P<b>(?<!费)多少钱)|(?P<c>\bpk\b|\d+码)",
    r"(?:(?<![a-z0-9])|(?![a-z0-9]))(?:(?P<x>[a-c]{2,}|z?y)|(?P<y>\s+x))",
    r"(?:怎么|如何)(?!样)|^(?:how to|what to)\b",
]


@pytest.mark.parametrize("pattern", _PATTERNS)
def test_filtered_pattern_finds_what_the_plain_one_finds(pattern):
    plain, filtered = re.compile(pattern), compile_filtered(pattern)
    assert filtered.pattern != plain.pattern  # a start filter was found
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("abcxyz 12码不再想续费多少钱怎么样如何pk\n") for _ in range(rng.randint(0, 16)))
        found = [(m.span(), m.lastgroup, m.group()) for m in filtered.finditer(text)]
        assert found == [(m.span(), m.lastgroup, m.group()) for m in plain.finditer(text)], text


def test_compile_any_matches_where_one_of_the_patterns_does():
    patterns = [r"\bab\b", r"\bc|x", r"\b(?:ab|ca)+c", r"b\d", r"不(?:再|想)?续费", r"\d+码", r"(?<!a)bc"]
    together = compile_any(patterns)
    assert len(together) == 2  # the Chinese ones apart from the others
    assert any(pattern.pattern.startswith("(?=[") for pattern in together)
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice("abcx 12码不再想续费") for _ in range(rng.randint(0, 12)))
        expected = any(re.search(pattern, text) for pattern in patterns)
        assert any(pattern.search(text) for pattern in together) == expected, text


@pytest.mark.parametrize("pattern", [r"a?", r"(?:x|)y?", r".b", r"[^a]b", r"(a?)\1b", r"(?i:ab)"])
def test_no_filter_where_the_start_cannot_be_told(pattern):
    assert start_class(pattern) is None
    assert compile_filtered(pattern).pattern == pattern


def test_no_filter_for_verbose_patterns():
    assert start_class("ab  # a comment", re.VERBOSE) is None


def test_the_cue_patterns_are_filtered():
    index = _cue_index()
    for pattern in (*index.han_patterns, *index.latin_patterns):
        assert pattern is None or pattern.pattern.startswith("(?=[")


# Imports the analyzers in a Python whose re module has moved its private parser away (argv[1]:
# "sre_parse" keeps the old names importable, "none" hides those too), then prints how a pattern
# is filtered and the analyses of argv[2:].
_MOVED_PARSER = """
import json, re, sys, warnings
if sys.argv[1] == "sre_parse":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants, sre_parse
moved = {name: sys.modules[name] for name in ("re._parser", "re._constants")}
del re._parser, re._constants
sys.modules.update(dict.fromkeys([*moved, *(("sre_parse", "sre_constants") if sys.argv[1] == "none" else ())]))
from tools.analyzers import analyze_text, startfilter
sys.modules.update(moved)
re._parser, re._constants = moved.values()  # re itself still works on them
print(json.dumps({"filtered": startfilter.filtered("ab|c"), "analyses": [repr(analyze_text(text)) for text in sys.argv[2:]]}))
"""
_TEXTS = ("不想续费了，多少钱都不续", "How to cancel? I'd rather pay $20 than this, so bad vs the old one",
          "这车和宝马比怎么样，落地价太贵了")


def _with_moved_parser(keep: str, texts: tuple[str, ...] = ()) -> tuple[dict, str]:
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", _MOVED_PARSER, keep, *texts], cwd=root, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout), result.stderr


def test_the_old_name_of_the_parser_serves_as_well():
    found, err = _with_moved_parser("sre_parse")
    assert (found["filtered"], err) == (filtered("ab|c"), "")


def test_without_the_parser_nothing_is_filtered_one_warning_says_so_and_analyses_are_the_same():
    found, err = _with_moved_parser("none", _TEXTS)
    assert found["filtered"] == "ab|c"
    assert err.count("RuntimeWarning: regex start filters are off") == 1, err
    assert found["analyses"] == [repr(analyze_text(text)) for text in _TEXTS]


def test_a_parse_tree_of_another_shape_means_no_filter_and_a_warning(monkeypatch):
    class Reshaped(list):  # items that are no longer (op, value) pairs
        state = startfilter._parser.parse("a").state

    reshaped = SimpleNamespace(parse=lambda pattern, flags: Reshaped([("LITERAL", 97, None)]))
    monkeypatch.setattr(startfilter, "_parser", reshaped)
    startfilter._warn_unfiltered.cache_clear()  # warned once per process: this test must see it
    with pytest.warns(RuntimeWarning, match="regex start filters are off, this Python's regex parser gives another"):
        assert compile_filtered("ab|c").pattern == "ab|c"


def test_a_bad_pattern_is_still_an_error():
    with pytest.raises(re.error):
        compile_filtered("(ab")
