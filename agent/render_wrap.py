"""Line breaks for text that mixes Chinese and English, which rich wraps only at spaces.

rich breaks lines at whitespace alone, so a Chinese sentence after a space is one long "word": it
is moved whole to the next line and folded there, leaving a short line behind ("Olivia" alone,
then "Taylor,30岁,女,…"). Chinese may break between any two characters, so ``wrap_mixed`` puts the
breaks in itself: after any Chinese character (not before closing punctuation), or at a space,
and never inside an English word.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

# One unit that must stay on one line: a CJK character with the punctuation that closes after it,
# an English word (or number) with its punctuation, or a run of spaces.
_UNIT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef][、。，；：！？）》」』,.;:!?)\]]*"
                   r"|[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+|\s+")


def wrap_mixed(text: Text, width: int) -> Text:
    """``text`` with a newline wherever a line of ``width`` cells must end (styles are kept).

    Units longer than a line are left for rich to fold. Existing newlines start a new line.

    Example:
        >>> wrap_mixed(Text("Olivia Taylor,30岁,女,上海"), 16).plain
        'Olivia Taylor,30\\n岁,女,上海'
    """
    if width < 2:
        return text
    breaks, drops = [], []
    line_start_cells = 0
    for match in _UNIT.finditer(text.plain):
        unit = match.group()
        if "\n" in unit:   # a line break of the text's own: count from it
            line_start_cells = cell_len(unit.rsplit("\n", 1)[1])
            continue
        cells = cell_len(unit)
        if unit.isspace():
            line_start_cells += cells
            continue
        if line_start_cells and line_start_cells + cells > width:
            start = match.start()
            spaces = len(text.plain[:start]) - len(text.plain[:start].rstrip(" "))
            breaks.append(start - spaces)
            drops.append(spaces)
            line_start_cells = 0
        line_start_cells += cells
    return _break_at(text, breaks, drops)


def _break_at(text: Text, breaks: list[int], drops: list[int]) -> Text:
    """``text`` with the spaces before each break replaced by one newline."""
    if not breaks:
        return text
    pieces, start = [], 0
    for offset, spaces in zip(breaks, drops):
        pieces.append(text[start:offset])
        start = offset + spaces
    pieces.append(text[start:])
    return Text("\n").join(pieces)
