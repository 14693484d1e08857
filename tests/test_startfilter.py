"""compile_filtered: the same matches as the plain pattern, whatever the text."""

import random
import re

import pytest

from tools.analyzers.cues import _cue_index
from tools.analyzers.startfilter import compile_filtered, start_class

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
