"""The per-user cache directory: $XDG_CACHE_HOME/persona, else ~/.cache/persona.

What is kept there can always be rebuilt (jieba's dictionary, compiled regular expressions, the
parsed YAML files), so a home that cannot be written only makes start-up slower: callers get None
and do without.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def user_cache_dir(*parts: str) -> Path | None:
    """The cache directory (or a folder inside it), created if needed; None when it cannot be."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base, "persona", *parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def parsed_file(path: Path, parse: Callable[[], T]) -> T:
    """``parse()``, the data read from the file at ``path``, kept in the cache under a hash of the
    file's bytes (and of which reader made it): an edited file is parsed anew, and temporary copies
    of one file share one entry. For plain data (dicts, lists, text, numbers): other values are
    returned without being kept, as is everything when the cache cannot be used. ``parse`` raises
    what it raises: a missing or bad file is reported by its own reader."""
    folder = user_cache_dir("parsed")
    try:
        content = path.read_bytes()
    except OSError:
        return parse()
    if folder is None:
        return parse()
    digest = hashlib.sha256(f"{marshal.version}\0{parse.__module__}.{parse.__qualname__}\0".encode())
    digest.update(content)
    entry = folder / (digest.hexdigest() + ".marshal")
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = parse()
    write_atomically(entry, data)
    return data


def write_atomically(entry: Path, value: object) -> None:
    """``value`` as marshal data in ``entry``, whole or not at all (a reader never sees half of it);
    failure, and a value marshal cannot hold, leave no entry."""
    try:
        content = marshal.dumps(value)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
