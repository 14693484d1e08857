"""The per-user cache directory: $XDG_CACHE_HOME/persona, else ~/.cache/persona.

What is kept there can always be rebuilt (jieba's dictionary, compiled regular expressions), so
a home that cannot be written only makes start-up slower: callers get None and do without.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir(*parts: str) -> Path | None:
    """The cache directory (or a folder inside it), created if needed; None when it cannot be."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base, "persona", *parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path
