"""Which language a text is in: zh, en or mixed, from the share of Chinese characters.

Deliberately tiny (no model, no dependency): the analyzers only need to know whether to run
the Chinese path, the English path, or both.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

# One Chinese character carries about as much as three Latin letters (an English word is ~5
# letters, a Chinese word ~1.5 characters), so Latin letters are weighted down before comparing.
_LATIN_WEIGHT = 0.3
_ZH_AT_LEAST = 0.6   # Chinese share at or above this: zh ("我买了 iPhone 15 很好用" stays zh)
_EN_AT_MOST = 0.2    # Chinese share at or below this: en


def detect_lang(text: str | None) -> str:
    """'zh', 'en' or 'mixed' for a text.

    A text with neither Chinese characters nor Latin letters ("666", "👍") counts as zh, the
    shop's default language.

    Example:
        >>> detect_lang("鞋子很好穿,就是价格太贵了"), detect_lang("Great boots"), detect_lang("Great boots, 就是太贵")
        ('zh', 'en', 'mixed')
    """
    if not text:
        return "zh"
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text)) * _LATIN_WEIGHT
    if cjk == 0 and latin == 0:
        return "zh"
    share = cjk / (cjk + latin)
    if share >= _ZH_AT_LEAST:
        return "zh"
    if share <= _EN_AT_MOST:
        return "en"
    return "mixed"
