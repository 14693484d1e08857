"""Compile a long regex alternation so that it skips, at one character-class test, every position
where none of its branches can start.

Python's engine tries every branch of an alternation at every position of the text; it skips ahead
on its own only when each branch starts with a plain literal, which branches in named groups never
do. The cue patterns (cues.py) hold hundreds of branches and match nowhere in most texts, so nearly
all of their time went into failing at positions where no branch can start. A look-ahead on the
characters a match can start with, put in front of the pattern, finds exactly the same matches.

The start characters are read off the standard library's own regex parser: the truth about a
pattern (the cue patterns use groups, look-arounds, classes, escapes and repeats of every kind, so
a parser of our own would be a second regex parser to keep right). That parser is private
(``re._parser`` since Python 3.11, ``sre_parse`` before), so it is guarded: where a Python has
moved or reshaped it, patterns go unfiltered, with one warning: the same matches, found slower.
"""

from __future__ import annotations

import re
import warnings
from functools import cache

try:
    try:
        from re import _constants as sre, _parser
    except ImportError:
        import sre_constants as sre, sre_parse as _parser
    _CATEGORIES = {
        sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    }
    _ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
    _REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
except (ImportError, AttributeError):
    _parser = None

from tools.analyzers.text import HAN  # noqa: E402
from tools.regex_cache import compile_cached  # noqa: E402  (after the guarded private imports)

_HAN = re.compile(f"[{HAN}]")


def compile_filtered(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, behind a look-ahead on the characters its matches start
    with when those can be told (else the plain pattern): the same matches, found faster."""
    return compile_cached(filtered(pattern, flags), flags)


def compile_any(patterns: list[str]) -> tuple[re.Pattern, ...]:
    """Patterns that, between them, match a text exactly where one of ``patterns`` does: for a
    yes / no test (which pattern matched, and where, is not kept). One alternation of them all
    tries every branch at every position a branch may start at, and in English text that is
    nearly every position. So those that spell Chinese go apart from the others, and of the
    others those that start at a word boundary sit behind one ``\\b``: inside a word they fail
    once, not once per branch (~3x faster on English text than the one alternation)."""
    chinese = [pattern for pattern in patterns if _HAN.search(pattern)]
    others = [pattern for pattern in patterns if pattern not in chinese]
    bounded = [pattern[2:] for pattern in others if _starts_at_boundary(pattern)]
    rest = [pattern for pattern in others if not _starts_at_boundary(pattern)]
    if bounded:
        rest.append("\\b(?:" + "|".join(f"(?:{pattern})" for pattern in bounded) + ")")
    return tuple(compile_filtered("|".join(f"(?:{pattern})" for pattern in group))
                 for group in (chinese, rest) if group)


def _starts_at_boundary(pattern: str) -> bool:
    """Whether the whole of ``pattern`` starts with ``\\b`` (not only its first alternative)."""
    if _parser is None or not pattern.startswith("\\b"):
        return False
    try:
        return _parser.parse(pattern)[0] == (sre.AT, sre.AT_BOUNDARY)
    except (AttributeError, TypeError, ValueError, IndexError):  # another parse tree: keep it whole
        return False


def filtered(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a look-ahead on the characters its matches start with, when those can
    be told; else ``pattern`` itself. Also for a part of a longer pattern (a named group's body),
    so the engine skips the whole part where it cannot match."""
    starts = start_class(pattern, flags)
    return pattern if starts is None else f"(?=[{starts}])(?:{pattern})"


def start_class(pattern: str, flags: int = 0) -> str | None:
    """A character-class body that holds every character a match of ``pattern`` can start with;
    None when the pattern can match the empty string or uses a construct not analyzed here
    (back-references, ``.``, negated classes, inline flags, verbose patterns), and when this
    Python's regex parser is not the one this module reads (a warning says so)."""
    if flags & re.VERBOSE:
        return None  # a trailing comment would swallow the closing parenthesis
    if _parser is None:
        _warn_unfiltered("this Python has no re._parser (nor sre_parse) with the op codes read here")
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & ~(flags | re.UNICODE):
            return None  # global inline flags ("(?i)...") must stay at the very start of a pattern
        found = _starts(parsed)
    except (AttributeError, TypeError, ValueError) as exc:  # not re.error: a bad pattern stays an error
        _warn_unfiltered(f"this Python's regex parser gives another parse tree ({type(exc).__name__})")
        return None
    if found is None or found[1]:
        return None
    return "".join(sorted(found[0]))


@cache  # once per process and reason: warnings' own once-per-place resets when a filter changes
def _warn_unfiltered(why: str) -> None:
    warnings.warn(f"regex start filters are off, {why}: text analysis finds the same matches, slower",
                  RuntimeWarning, stacklevel=3)


def _starts(items) -> tuple[set[str], bool] | None:
    """(class items a match of the sequence ``items`` can start with, whether it can match
    nothing at all); None when not known."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the next item supplies the first character
        if op is sre.LITERAL:
            out.add(_char(av))
            return out, False
        if op is sre.IN:
            members = _class_members(av)
            if members is None:
                return None
            return out | members, False
        if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            if op is sre.SUBPATTERN:
                _, add_flags, del_flags, av = av
                if add_flags or del_flags:
                    return None
            inner = _starts(av)
        elif op is sre.BRANCH:
            branches = [_starts(branch) for branch in av[1]]
            if any(branch is None for branch in branches):
                return None
            inner = set().union(*(b[0] for b in branches)), any(b[1] for b in branches)
        elif op in _REPEATS:
            low, _, body = av
            inner = _starts(body)
            if inner is not None and low == 0:
                inner = inner[0], True
        else:
            return None
        if inner is None:
            return None
        out |= inner[0]
        if not inner[1]:
            return out, False
    return out, True


def _class_members(av) -> set[str] | None:
    """The items of a character class, as class syntax; None for a negated class."""
    members = set()
    for op, value in av:
        if op is sre.LITERAL:
            members.add(_char(value))
        elif op is sre.RANGE:
            members.add(f"{_char(value[0])}-{_char(value[1])}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            members.add(_CATEGORIES[value])
        else:
            return None
    return members


def _char(code: int) -> str:
    """One character, escaped for use inside a character class."""
    return f"\\U{code:08x}"
