"""Large regular expressions compiled once per machine instead of once per process.

The planner's phrase recognizers and the taxonomy's term trie are a few hundred long alternations;
Python's regex parser and compiler are pure Python, so compiling them took ~1 s at the start of
every `persona chat` or `persona ask`. What the compiler produces (a list of integers and the
group names) is kept in the user cache directory under a hash of the pattern text and flags, so a
pattern that changes (an edited lexicon or taxonomy) simply misses the cache and is compiled anew.
The folder is named after the Python version and the regex engine's format, so a Python upgrade
never reads an old entry. Entries are marshal data (no code runs on loading them); an unreadable
one is compiled again, and when nothing can be written the pattern is compiled as ``re.compile``
would.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from functools import lru_cache
from pathlib import Path
try:  # the standard library's own compiler: the same code re.compile makes (private: guarded)
    import _sre
    from re import _compiler, _parser
except ImportError:
    _sre = None

from tools.user_cache import user_cache_dir, write_atomically


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``: the same Pattern, its compiled form read from the cache when
    an earlier process made it. Raises ``re.error`` for a bad pattern, as ``re.compile`` does."""
    flags = int(flags)
    folder = _folder()
    if folder is None:
        return re.compile(pattern, flags)
    entry = folder / (hashlib.sha256(f"{flags}\0{pattern}".encode()).hexdigest() + ".marshal")
    parts = _read(entry)
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)
        except (TypeError, ValueError, RuntimeError):
            pass  # an entry that is not what this module writes: compile again
    try:
        parts = _compile_parts(pattern, flags)
        compiled = _sre.compile(pattern, *parts)
    except re.error:
        raise
    except Exception:  # a Python whose private compiler is shaped otherwise: the public way, uncached
        return re.compile(pattern, flags)
    write_atomically(entry, parts)
    return compiled


def _compile_parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine for ``pattern``, after the pattern itself."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are an int subclass marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _read(entry: Path) -> tuple | None:
    try:
        parts = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return tuple(parts) if isinstance(parts, (tuple, list)) and len(parts) == 5 else None


@lru_cache(maxsize=1)
def _folder() -> Path | None:
    """The cache folder for this Python and regex engine; None where the cache cannot be used
    (another Python implementation, or no writable cache directory)."""
    if sys.implementation.name != "cpython" or _sre is None:
        return None
    return user_cache_dir("regex", f"{sys.implementation.cache_tag}-{sys.version_info.micro}-{_sre.MAGIC}")
