"""Find dictionary terms in text fast: leftmost-longest, non-overlapping, whole Latin words.

A regex alternation (even a trie) of a few thousand terms makes Python's engine try hundreds of
first characters at every position; a dict keyed by first character, then by length, costs one
look-up per position on short texts. Same matches as the taxonomy's ``find_terms`` (longest term
wins, "art" does not match inside "smart") on already lower-cased text.
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

V = TypeVar("V")


class TermScanner(Generic[V]):
    """Terms (lower-case; single spaces between words) mapped to any value."""

    def __init__(self, terms: dict[str, V]):
        self._terms = {term: value for term, value in terms.items() if term}
        # Longer terms by their first two characters, longest first: most positions start none.
        lengths: dict[str, set[int]] = {}
        for term in self._terms:
            if len(term) > 1:
                lengths.setdefault(term[:2], set()).add(len(term))
        self._lengths = {pair: sorted(found, reverse=True) for pair, found in lengths.items()}
        self._singles = {term for term in self._terms if len(term) == 1}

    def scan(self, text: str) -> list[tuple[V, str, int]]:
        """Every (value, matched text, offset) in ``text``, left to right."""
        out: list[tuple[V, str, int]] = []
        terms, lengths_of, singles = self._terms, self._lengths, self._singles
        # A Latin term must start at a word's start and, when it ends in a letter or digit, at a
        # word's end: "art" is not in "smart", "cheap" is not in "cheaply".
        starts, ends = set(), set()
        for match in _WORD_RE.finditer(text):
            starts.add(match.start())
            ends.add(match.end())
        i, n = 0, len(text)
        while i < n:
            char = text[i]
            if char in _WORD_CHARS and i not in starts:
                i += 1
                continue
            for length in lengths_of.get(text[i:i + 2], ()):
                end = i + length
                if end > n or (text[end - 1] in _WORD_CHARS and end not in ends):
                    continue
                candidate = text[i:end]
                if candidate in terms:
                    out.append((terms[candidate], candidate, i))
                    i = end
                    break
            else:
                if char in singles and (char not in _WORD_CHARS or i + 1 in ends):
                    out.append((terms[char], char, i))
                i += 1
        return out


_WORD_RE = re.compile(r"[a-z0-9]+", re.ASCII | re.IGNORECASE)
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
