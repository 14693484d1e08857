"""Find dictionary terms in text fast: leftmost-longest, non-overlapping, whole Latin words.

A regex alternation (even a trie) of a few thousand terms makes Python's engine try hundreds of
first characters at every position. Here the regex engine only finds the positions where some term
can start (a character class, in C); from each, a candidate grows a word or a character at a time
while some term begins with it (a set of prefixes), a few look-ups on short texts. Same matches as
the taxonomy's ``find_terms`` (longest term wins, "art" does not match inside "smart") on already
lower-cased text.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Generic, TypeVar

V = TypeVar("V")


class TermScanner(Generic[V]):
    """Terms (lower-case; single spaces between words) mapped to any value."""

    def __init__(self, terms: dict[str, V]):
        self.terms = {term: value for term, value in terms.items() if term}

    def scan(self, text: str) -> list[tuple[V, str, int]]:
        """Every (value, matched text, offset) in ``text``, left to right."""
        return self._alone.scan(text)[0]

    @cached_property
    def _alone(self) -> TermScanners:
        """This dictionary scanned on its own; built on first use, since analyze_text scans its
        dictionaries together (TermScanners) and most never scan alone."""
        return TermScanners([self])


_WORD_RE = re.compile(r"[a-z0-9]+", re.ASCII | re.IGNORECASE)


class TermScanners:
    """Several TermScanners run in one pass over a text, each finding exactly what its own ``scan``
    finds. The analyzers scan every text for cue words, names and interests: one pass walks the
    text once instead of three times.

    A single scanner over the union of the dictionaries would not do: each dictionary keeps its
    own leftmost-longest matches ("new balance" is a brand while "new" alone may be a cue word), so
    each keeps its own position, the point where its last match ends.
    """

    def __init__(self, scanners: list[TermScanner]):
        self._count = len(scanners)
        # Per term, (which dictionary, its value there) for each dictionary that holds it.
        self._values: dict[str, list[tuple[int, object]]] = {}
        for k, scanner in enumerate(scanners):
            for term, value in scanner.terms.items():
                self._values.setdefault(term, []).append((k, value))
        # The candidates that may still grow into a longer term.
        self._prefixes = {term[:j] for term in self._values for j in range(1, len(term))}
        # The cheap test that lets most of the remaining positions go at once: the first two
        # characters of a longer term, or a one-character term.
        self._pairs = {term[:2] for term in self._values if len(term) > 1}
        self._singles = {term for term in self._values if len(term) == 1}
        # Where a term can start: at a character some term starts with, which is no letter or
        # digit or else starts a Latin word. Finding those is the regex engine's job, in C.
        firsts = "".join(sorted({f"\\U{ord(term[0]):08x}" for term in self._values}))
        self._start_re = re.compile(f"(?:(?<![A-Za-z0-9])|(?![A-Za-z0-9]))[{firsts}]" if firsts else "(?!)")

    def scan(self, text: str) -> list[list[tuple]]:
        """One list per scanner, in order: what ``scanner.scan(text)`` returns."""
        values_of, prefixes, pairs, singles = self._values, self._prefixes, self._pairs, self._singles
        outs: list[list[tuple]] = [[] for _ in range(self._count)]
        # Latin words, start -> end: a term starts where a word does and ends where one does
        # ("art" is not in "smart", "cheap" is not in "cheaply"), or at any other character.
        word_end = {match.start(): match.end() for match in _WORD_RE.finditer(text)}
        free = [0] * self._count  # per dictionary: where its last match ends (it looks for none before)
        n, busy_until = len(text), 0
        for match in self._start_re.finditer(text):
            i = match.start()
            if i < busy_until or (text[i:i + 2] not in pairs and text[i] not in singles):
                continue
            # Every term of any dictionary that starts here, shortest first; a candidate grows
            # a whole word or one other character at a time, while some term starts with it.
            here, end = [], word_end.get(i, i + 1)
            while True:
                candidate = text[i:end]
                if candidate in values_of:
                    here.append(candidate)
                if end >= n or candidate not in prefixes:
                    break
                end = word_end.get(end, end + 1)
            if not here:
                continue
            # Longest first: each dictionary takes its longest term here, unless it is still
            # inside its last match (or has just taken a longer one).
            for term in reversed(here):
                for k, value in values_of[term]:
                    if free[k] <= i:
                        outs[k].append((value, term, i))
                        free[k] = i + len(term)
            busy_until = min(free)
        return outs

