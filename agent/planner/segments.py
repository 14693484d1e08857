"""Segments named in a question: "users in segment 高价值客户", "高价值客户里女性有多少", "c3 里的用户".

A saved, rule or discovered segment is a fixed list of members (``segment_members``). When a
question names one, the audience is those members — not a look-alike condition the lexicon also
knows ("高价值客户" is the RFM rule segment, while "高价值用户" / "big spenders" is a spend line).
An exact name or id wins anywhere in the question; a loose name (without "customers" / "客户", with
spaces for hyphens: "the high value segment") or an unknown one counts only next to a segment word
("segment", "分群", "人群包"), and a discovered cluster's short id ("c3") next to a segment word or
"里 / 中 / in".

The planner has no database: the agent hands it the segments of its database (:func:`load_segments`);
without them (tests, ``planner_answer`` alone) the built-in rule segments are known.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from agent.planner import lexicon as lx

_MARK = r"(?:segments?|分群|人群包|客群|细分人群)"
# "in segment 高价值客户" / "in the segment c3" / "分群“我的人群”": a segment word that leads a name
# (a bare English "segment" is also a verb: "segment churn-risk users by age")
_LEAD = r"(?:(?:in|from|of)\s+(?:the\s+)?segment|分群|人群包)\s*[:：]?\s*"
_LEAD_RE = re.compile(_LEAD)
_LEAD_BEFORE_RE = re.compile(_LEAD + "$")
_SHORT_ID_RE = re.compile(r"(?<![a-z0-9])c(\d{1,2})(?![a-z0-9])")
# a short id said as a place: "c3 里的用户", "c3中", "users in c3", "members of c3"
_SHORT_ID_AFTER_RE = re.compile(r"^\s*(?:里|中|内|当中|里面|的成员|的用户)")
_SHORT_ID_BEFORE_RE = re.compile(r"(?:in|from|of)\s+(?:the\s+)?(?:cluster\s+)?$")
_QUOTED_RE = re.compile(r"[\"'“‘「《]([^\"'”’」》]+)[\"'”’」》]")
# a name followed by its own definition in brackets, with an amount ("(spent more than 8000)")
_DEFINED_RE = re.compile(r"\s*[（(][^）)]*\d")
_GENERIC_TAIL = re.compile(r"[\s-]*(?:customers?|users?|members?|segment|客户|用户|会员|人群)$")
HIGH_VALUE_SEGMENT = "rule_high_value"   # what "高价值用户" / "high value users" mean (lexicon.HIGH_VALUE)
# the rule segments the profile build makes stand for a lifecycle stage by definition (same members)
_LIFECYCLE_RULE = re.compile(r"^SELECT user_id FROM profiles WHERE lifecycle = '(\w+)'$")


# an unknown name before a segment word: "foo分群里的", "高端人群包中", "in the foo segment"
_UNKNOWN_ZH_RE = re.compile(r"(?<![^\s的，,、])(?P<name>[a-z0-9][a-z0-9_\-]*|(?:(?!的)[\u4e00-\u9fff]){2,8})\s*"
                            r"(?:分群|人群包)(?=\s*(?:里|中|内|当中|里面|的用户|的成员|的人))")
_UNKNOWN_EN_RE = re.compile(r"(?:in|from|of)\s+(?:the\s+)?(?P<name>[a-z0-9][a-z0-9_\-]*)\s+segment(?![a-z])")
_NOT_NAMES = {"each", "every", "any", "which", "what", "that", "this", "same", "other", "a", "one", "another",
              "所有", "全部", "这个", "那个", "其他", "不同", "同一", "某个"}


@dataclass(frozen=True)
class Segment:
    """A segment as the planner knows it."""

    segment_id: str
    name: str
    name_zh: str
    name_en: str
    kind: str
    lifecycle: str | None = None   # a rule segment that is exactly this lifecycle stage
    description: str = ""          # what its members have in common (the rule, for rule segments)
    description_zh: str = ""       # the same in Chinese (the built-in rule segments have it)

    def describe(self, lang: str) -> str:
        """What its members have in common, in ``lang`` when there are words for it in ``lang``."""
        return (self.description_zh or self.description) if lang == "zh" else self.description

    def label(self, lang: str) -> str:
        """Its name in ``lang``, with the id when the id says something else ("高价值客户（rule_high_value）")."""
        name = (self.name_zh or self.name) if lang == "zh" else (self.name_en or self.name)
        return name if name == self.segment_id else f"{name} ({self.segment_id})" if lang != "zh" else \
            f"{name}（{self.segment_id}）"


@dataclass
class Found:
    """A segment (or an unknown segment name) said in a question, and where."""

    start: int
    end: int
    segment: Segment | None   # None: a name after a segment word that no known segment has
    key: str                  # what was said (the id pattern "c3-%" for a short id not resolved)
    alias: bool = False       # said by a word that is not its name ("高价值用户"): the answer defines it


def load_segments(db_path: str) -> list[Segment]:
    """Every segment of the database (read-only; a database that cannot be read: none, and the
    question is answered without segment names)."""
    from schema.db import SchemaError, connect_readonly

    try:
        conn = connect_readonly(db_path)
        try:
            rows = conn.execute("SELECT segment_id, name, name_zh, name_en, kind, sql, description "
                                "FROM segments").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, SchemaError):
        return []
    return [_segment(*row) for row in rows]


def builtin_segments() -> list[Segment]:
    """The rule segments every profile build makes (tools/profile/rule_segments.py)."""
    from tools.profile.rule_segments import RULE_SEGMENTS

    return [_segment(r.segment_id, r.segment_id, r.name_zh, r.name_en, "rule", r.sql, r.description)
            for r in RULE_SEGMENTS]


def _segment(segment_id, name, name_zh, name_en, kind, sql, description=None) -> Segment:
    from tools.profile.rule_segments import RULE_SEGMENTS

    stage = _LIFECYCLE_RULE.match((sql or "").strip()) if kind == "rule" else None
    builtin = next((r for r in RULE_SEGMENTS if r.segment_id == segment_id), None) if kind == "rule" else None
    return Segment(segment_id, name or segment_id, name_zh or "", name_en or "", kind or "",
                   stage.group(1) if stage else None, description or "",
                   builtin.description_zh if builtin and description == builtin.description else "")


def find_segment(text: str, segments: list[Segment]) -> Found | None:
    """The segment a question (normalized, lower case) names, or None.

    Example:
        >>> found = find_segment("高价值客户里女性有多少", builtin_segments())
        >>> found.segment.segment_id, found.start, found.end
        ('rule_high_value', 0, 5)
    """
    return (_exact(text, segments) or _after_mark(text, segments) or _loose_before_mark(text, segments)
            or _short_id(text, segments) or _high_value(text, segments) or _unknown_before_mark(text))


def _names(segment: Segment) -> list[str]:
    names = {segment.segment_id.lower(), segment.name.lower(), segment.name_zh.lower(), segment.name_en.lower()}
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def _loose_names(segment: Segment) -> set[str]:
    """Its names without a generic tail, spaces for hyphens: "high value", "高价值"."""
    names = {_GENERIC_TAIL.sub("", n.replace("-", " ").replace("_", " ")).strip() for n in _names(segment)}
    return {n for n in names if len(n) >= 2 and n not in ("rule", "c")}


def _exact(text: str, segments: list[Segment]) -> Found | None:
    best = None
    for segment in segments:
        for name in _names(segment):
            for match in re.finditer(_bounded(name), text):
                lead = _LEAD_BEFORE_RE.search(text[:match.start()])
                if lead is None and not _distinctive(name):
                    continue   # a saved segment called "women" is no reason to read every "women" as it
                if segment.lifecycle and lead is None:
                    continue   # "new customers" is that lifecycle stage (the same members), said plainly
                if lead is None and _DEFINED_RE.match(text, match.end()):
                    continue   # "高价值客户（消费超过2万）": the operator defines the word, it is no segment
                start = lead.start() if lead else match.start()
                if best is None or match.end() - match.start() > best.end - best.start:
                    best = Found(start, match.end(), segment, segment.segment_id)
    if best is not None:
        tail = re.match(r"\s*" + _MARK, text[best.end:])   # "高价值客户分群": the segment word belongs to it
        best.end += tail.end() if tail else 0
    return best


def _distinctive(name: str) -> bool:
    """Is a name specific enough to mean the segment without a segment word: three Chinese characters
    or more, two words or more, or an id-like name (digits, underscores)."""
    if lx.CJK_RE.search(name):
        return len(lx.CJK_RE.findall(name)) >= 3
    return len(re.split(r"[\s\-]+", name.strip())) >= 2 or bool(re.search(r"[\d_]", name))


def _after_mark(text: str, segments: list[Segment]) -> Found | None:
    """'in segment <name>' / '分群“<name>”': a known segment by a loose name or short id, or a name
    (one word, or quoted) that no known segment has."""
    for lead in _LEAD_RE.finditer(text):
        quoted = _QUOTED_RE.match(text, lead.end())
        if quoted:   # 分群“女性”: the name as quoted
            name = quoted.group(1).strip()
            segment = next((s for s in segments if name in _names(s) or name in _loose_names(s)), None)
            return Found(lead.start(), quoted.end(), segment, segment.segment_id if segment else name)
        rest = text[lead.end():]
        for segment in segments:
            for name in sorted(_loose_names(segment), key=len, reverse=True):
                match = re.match(_bounded(name), rest)
                if match:
                    return Found(lead.start(), lead.end() + match.end(), segment, segment.segment_id)
        short = re.match(r"c(\d{1,2})(?![a-z0-9])", rest)
        if short:
            return _resolve_short(lead.start(), lead.end() + short.end(), short.group(1), segments)
        said = re.match(r"([a-z0-9][a-z0-9_\-]*)", rest) if lead.group(0)[0].isascii() else None
        if said:
            return Found(lead.start(), lead.end() + said.end(), None, said.group(1).strip())
    return None


def _loose_before_mark(text: str, segments: list[Segment]) -> Found | None:
    """'the high value segment' / '高价值分群': a loose name right before a segment word."""
    for segment in segments:
        for name in _loose_names(segment):
            match = re.search(r"(?:(?:in|from|of)\s+)?(?:the\s+)?" + _bounded(name) + r"\s*" + _MARK, text)
            if match:
                return Found(match.start(), match.end(), segment, segment.segment_id)
    return None


def _high_value(text: str, segments: list[Segment]) -> Found | None:
    """'高价值用户' / 'high value users': the rule segment rule_high_value, when it is known
    (lexicon.HIGH_VALUE says why), unless the question defines the word on the spot."""
    segment = next((s for s in segments if s.segment_id == HIGH_VALUE_SEGMENT), None)
    if segment is None:
        return None
    longest: dict[int, int] = {}   # start -> end of the longest word said there
    for word in lx.HIGH_VALUE:
        for match in re.finditer(_bounded(word), text):
            longest[match.start()] = max(longest.get(match.start(), 0), match.end())
    for start, end in sorted(longest.items()):
        if not _DEFINED_RE.match(text, end):
            return Found(start, end, segment, segment.segment_id, alias=True)
    return None


def _unknown_before_mark(text: str) -> Found | None:
    """'foo分群里的用户' / 'users in the foo segment': a name no known segment has, right before a segment
    word (checked after every known name, so what is left is unknown). Words that ask about segments
    in general ("各个分群", "in each segment") are no name."""
    for pattern in (_UNKNOWN_ZH_RE, _UNKNOWN_EN_RE):
        for match in pattern.finditer(text):
            name = match.group("name")
            if name not in _NOT_NAMES and not name.startswith(("按", "各", "每", "哪")) \
                    and not name.endswith(("个", "些")):   # 这些分群, 几个分群: no name
                return Found(match.start(), match.end(), None, name)
    return None


def _short_id(text: str, segments: list[Segment]) -> Found | None:
    """'c3 里的用户' / 'users in c3': the current third discovered cluster."""
    for match in _SHORT_ID_RE.finditer(text):
        if _SHORT_ID_AFTER_RE.search(text[match.end():]) or _SHORT_ID_BEFORE_RE.search(text[:match.start()]):
            return _resolve_short(match.start(), match.end(), match.group(1), segments)
    return None


def _resolve_short(start: int, end: int, number: str, segments: list[Segment]) -> Found:
    prefix = f"c{int(number)}-"
    hits = [s for s in segments if s.kind == "discovered" and s.segment_id.startswith(prefix)]
    if len(hits) == 1:
        return Found(start, end, hits[0], hits[0].segment_id)
    return Found(start, end, None, prefix + "%")


def _bounded(name: str) -> str:
    """A name as a pattern; a latin name only as whole words, spaces and hyphens alike."""
    body = r"[\s\-_]*".join(re.escape(part) for part in re.split(r"[\s\-_]+", name) if part)
    if lx.CJK_RE.search(name):
        return body
    return r"(?<![a-z0-9])" + body + r"(?![a-z0-9])"
