"""Life stage from what users write: 'student', and 'graduating' once they talk of theses and jobs.

The seed's example of a living profile: a 学生 (student) tag becomes 准毕业生 (graduating) months
later when the user writes about 找工作 / 写论文. When both are found, 'graduating' replaces
'student' (the store records ``replaced_by:graduating`` in tag_history).
"""

from __future__ import annotations

import re

from tools.profile.evidence import Evidence

GRADUATING_WORDS = ("找工作", "写论文", "毕业论文", "毕业设计", "答辩", "秋招", "春招", "校招", "求职", "实习offer",
                    "job hunting", "job search", "thesis", "dissertation", "graduation", "graduating")
# Not 上课 / "classes" alone: a gym, yoga or cooking class is taken by anyone (私教上课, "great value for
# the classes"); classes of a school are ("adult education classes", "college classes").
STUDENT_WORDS = ("宿舍", "室友", "期末", "考试周", "开学", "食堂", "校园", "大一", "大二", "大三", "学生党", "上学", "逃课", "翘课",
                 "dorm", "roommate", "semester", "finals week", "campus", "freshman", "sophomore", "lectures",
                 "education classes", "college classes", "university classes", "night classes", "evening classes")
TEXT_WEIGHT = 0.65


def _compile(words: tuple[str, ...]) -> list[tuple[str, re.Pattern | None]]:
    """(word, pattern) pairs: a cheap substring test first, a word-boundary check for Latin words."""
    return [(w.lower(), re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE) if w.isascii() else None) for w in words]


_STAGES = {"graduating": _compile(GRADUATING_WORDS), "student": _compile(STUDENT_WORDS)}


def life_stage_evidence(text_id: str, text: str, at: str | None) -> list[tuple[str, Evidence]]:
    """(tag id, evidence) for each life stage the text speaks of (undecayed weight)."""
    lowered = text.lower()
    found = []
    for tag_id, words in _STAGES.items():
        for word, boundary in words:
            if word in lowered and (boundary is None or boundary.search(text)):
                found.append((tag_id, Evidence(TEXT_WEIGHT, "text", text, f"text:{text_id}", at, "text",
                                               needle=text[lowered.index(word):][:len(word)])))
                break
    return found
