"""Find dictionary terms in text fast: leftmost-longest, non-overlapping, whole Latin words.

A regex alternation (even a trie) of a few thousand terms makes Python's engine try hundreds of
first characters at every position; a dict keyed by first character, then by length, costs one
look-up per position on short texts. Same matches as the taxonomy's ``find_terms`` (longest term
wins, "art" does not match inside "smart") on already lower-cased text.
"""

from __future__ import annotations

from typing import Generic, TypeVar

V = TypeVar("V")


class TermScanner(Generic[V]):
    """Terms (lower-case; single spaces between words) mapped to any value."""

    def __init__(self, terms: dict[str, V]):
        self._terms = {term: value for term, value in terms.items() if term}
        lengths: dict[str, set[int]] = {}
        for term in self._terms:
            lengths.setdefault(term[0], set()).add(len(term))
        self._lengths = {char: sorted(found, reverse=True) for char, found in lengths.items()}

    def scan(self, text: str) -> list[tuple[V, str, int]]:
        """Every (value, matched text, offset) in ``text``, left to right."""
        out: list[tuple[V, str, int]] = []
        terms, lengths_of = self._terms, self._lengths
        i, n = 0, len(text)
        while i < n:
            lengths = lengths_of.get(text[i])
            if lengths is not None and not (_word_char(text[i]) and i and _word_char(text[i - 1])):
                for length in lengths:
                    end = i + length
                    if end > n:
                        continue
                    candidate = text[i:end]
                    if candidate in terms and not (_word_char(candidate[-1]) and end < n and _word_char(text[end])):
                        out.append((terms[candidate], candidate, i))
                        i = end
                        break
                else:
                    i += 1
                continue
            i += 1
        return out


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()
