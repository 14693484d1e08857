"""Words -> plan: the offline planner's reading of an operator's question (Chinese or English).

How it reads, in four steps:

1. **Requests** that carry free text are cut out first: "save this as <name>", "写一条短信文案"
   (channel, tone, offer ...), "what tags are there for <words>", a user id ("show me u00042").
2. **Tokens**: every phrase the lexicon knows (lexicon.py, the taxonomy's interest synonyms, the city
   gazetteer) is found with its span; where two overlap, the longer wins.
3. **Assembly** binds tokens into conditions: a verb takes its object and count ("bought outdoor gear
   at least twice"), an opinion word its aspect ("对价格不满"), a time window the conditions it can
   apply to, a negation the condition after it, "or" the conditions on each side.
4. **Leftovers**: whatever text no token consumed, minus filler words ("please", "帮我查一下",
   "的用户"), is a part the planner did not understand. It then asks instead of guessing — a
   condition is never silently dropped.

A follow-up ("of those, only women", "那男性呢", "按城市分布呢") is read against the previous
audience specification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import (TIMED_KINDS, AudienceSpec, Clause, Condition, Group, Range, Window)

SINGLE_VALUED = {"gender", "city", "city_tier", "new_tier1", "member_level", "lifecycle", "consumption"}
MERGEABLE = SINGLE_VALUED | {"interest", "value", "emotion"}
# Follow-ups that replace ("what about men?") swap conditions in the same slot.
SLOTS = {"city": "place", "city_tier": "place", "new_tier1": "place"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z][a-z'\-]*")


class PlanError(Exception):
    """The question cannot be planned; ``unknown`` lists the words that were not understood."""

    def __init__(self, reason: str, unknown: list[str] | None = None, understood: AudienceSpec | None = None,
                 *, reason_zh: str | None = None, refused: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh or reason
        self.unknown = unknown or []
        self.understood = understood
        self.refused = refused


@dataclass
class Request:
    """What the question asks for, before SQL: an audience, or one of the agent's other tools."""

    kind: str                                   # audience | profile | generate_profile | lookup | copy | save
    spec: AudienceSpec | None = None            # the audience (copy/save: None = the previous one)
    args: dict = field(default_factory=dict)    # the tool's arguments
    lang: str = "zh"
    new_audience: bool = False                  # copy/save that first needs its audience selected


@dataclass
class Token:
    start: int
    end: int
    kind: str
    data: dict = field(default_factory=dict)
    rank: int = 5                               # breaks ties between equally long tokens: lower wins
    used: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


# --- entry point -------------------------------------------------------------------------------

def parse_question(question: str, history: AudienceSpec | None = None, *, now: datetime | None = None) -> Request:
    """Read one question (with the previous audience for follow-ups) into a :class:`Request`.

    Raises:
        PlanError: Part of the question was not understood (the error names it), or it asks for
            something the planner must not do (write to the database).
    """
    text = lx.normalize(question).strip()
    lang = detect_lang(text)
    if not text.strip(" ?.!,"):
        raise PlanError("the question is empty", reason_zh="问题是空的")
    now = now or datetime.now()
    reader = _Reader(text, lang, now)
    return reader.read(history)


def detect_lang(text: str) -> str:
    """'zh' when the question has at least as many Chinese characters as latin words, else 'en'."""
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk and cjk >= words else "en"


# --- the reader --------------------------------------------------------------------------------

class _Reader:
    def __init__(self, text: str, lang: str, now: datetime):
        self.text = text
        self.lang = lang
        self.now = now
        self.masked = text            # the text with cut-out spans blanked (same offsets)

    # -- requests with free text --

    def read(self, history: AudienceSpec | None) -> Request:
        if _REFUSE_RE.search(self.text) and not _USER_ID_RE.search(self.text):
            word = _REFUSE_RE.search(self.text).group(0).strip()
            raise PlanError(f"Persona only reads data: it cannot delete, change or add anything ('{word}')",
                            reason_zh=f"Persona 只读取数据，不能删除、修改或新增任何内容（“{word}”）",
                            unknown=[word], refused=True)
        save = self._cut_save()
        if save is not None:
            return self._with_audience("save", save, history)
        copy = self._cut_copy()
        if copy is not None:
            return self._with_audience("copy", copy, history)
        lookup = self._cut_lookup()
        if lookup is not None:
            return Request("lookup", args={"query": lookup, "kind": "any"}, lang=self.lang)
        user = _USER_ID_RE.search(self.text)
        if user:
            kind = "generate_profile" if _GENERATE_RE.search(self.text) else "profile"
            return Request(kind, args={"user_id": _original_case_id(user.group(1))}, lang=self.lang)
        spec, mode = self._audience(history)
        return Request("audience", spec=spec, lang=self.lang, new_audience=True)

    def _with_audience(self, kind: str, args: dict, history: AudienceSpec | None) -> Request:
        spec, mode = self._audience(history, allow_empty=True)
        if mode == "new" and not spec.where:
            if history is None:
                raise PlanError(
                    f"there is no audience yet to {'write copy for' if kind == 'copy' else 'save'}; first ask for one",
                    reason_zh=f"还没有可以{'写文案' if kind == 'copy' else '保存'}的人群，请先找出这群人")
            return Request(kind, spec=None, args=args, lang=self.lang)
        if mode == "reuse":
            return Request(kind, spec=None, args=args, lang=self.lang)
        return Request(kind, spec=replace(spec, output="list", group_by=None, top=None), args=args,
                       lang=self.lang, new_audience=True)

    def _blank(self, start: int, end: int) -> None:
        self.masked = self.masked[:start] + " " * (end - start) + self.masked[end:]

    def _cut_save(self) -> dict | None:
        for pattern in (_SAVE_ZH_RE, _SAVE_EN_RE, _SAVE_EN_NAME_RE):
            match = pattern.search(self.masked)
            if match:
                name = _clean_name(match.group(1))
                self._blank(match.start(), match.end())
                if name:
                    return {"name": name}
        for pattern in (_SAVE_ZH_BARE_RE, _SAVE_EN_BARE_RE):
            match = pattern.search(self.masked)
            if match:
                self._blank(match.start(), match.end())
                return {"name": None}
        return None

    def _cut_copy(self) -> dict | None:
        trigger = None
        for pattern in (_COPY_ZH_RE, _COPY_EN_RE, _COPY_NOUN_RE):
            trigger = pattern.search(self.masked)
            if trigger:
                break
        if trigger is None:
            return None
        args: dict = {"channel": "sms", "tone": "friendly", "language": self.lang, "offer": None, "n": 3}
        count = re.search(r"(" + lx.NUM + r"|几)\s*(?:条|个|段|版|份|则|句|variants?|versions?|options?|messages?"
                          r"|texts?|slogans?|emails?|posts?|taglines?|headlines?)", trigger.group(0))
        if count and count.group(1) != "几":
            args["n"] = max(1, min(5, int(lx.to_number(count.group(1)))))
        elif re.search(r"(?<![a-z])an?\s+(?:\w+\s+){0,3}(?:message|text|slogan|email|post|tagline|headline)\b",
                       trigger.group(0)):
            args["n"] = 1
        for key, table in (("channel", lx.CHANNEL), ("language", lx.LANGUAGE)):
            match = _phrase_map_re(key).search(self.masked)
            if match:
                args[key] = table_key(table, match.group(0))
                if not (trigger.start() <= match.start() < trigger.end()):
                    self._blank(match.start(), match.end())
        tone = _TONE_RE.search(self.masked)
        if tone:
            args["tone"] = table_key(lx.TONE, tone.group("tone"))
            self._blank(tone.start(), tone.end())
        offer = _OFFER_INLINE_RE.search(self.masked)
        if offer:
            args["offer"] = offer.group(0).strip()
            self._blank(offer.start(), offer.end())
        else:
            offer = (_OFFER_ZH_RE if self.lang == "zh" else _OFFER_EN_RE).search(self.masked, trigger.end())
            if offer and offer.group(1).strip() and not _REFERENCE_ONLY_RE.fullmatch(offer.group(1).strip()):
                args["offer"] = offer.group(1).strip()
                self._blank(offer.start(), offer.end())
        self._blank(trigger.start(), trigger.end())
        return args

    def _cut_lookup(self) -> str | None:
        if "标签" not in self.text and "tag" not in self.text:
            return None
        for pattern in _LOOKUP_RES:
            match = pattern.search(self.masked)
            if match:
                query = match.group(1).strip(" ?.,\"'的")
                query = re.sub(r"^(?:关于|跟|和|与)|(?:相关|有关)$", "", query).strip()
                return query
        return None

    # -- audiences --

    def _audience(self, history: AudienceSpec | None, *, allow_empty: bool = False) -> tuple[AudienceSpec, str]:
        tokens = _tokenize(self.masked, self.lang)
        assembly = _Assembly(self.masked, tokens, self.lang, self.now)
        clauses, output = assembly.build()
        problems = assembly.problems
        unknown = _leftovers(self.masked, tokens)
        markers = {kind for kind in ("narrow", "replace", "reference") if any(t.kind == kind for t in tokens)}
        windows = [t for t in tokens if t.kind == "window" and not t.used]
        spec = AudienceSpec(where=clauses, lang=self.lang, **output)
        mode = _follow_up_mode(history, clauses, markers, windows, output, tokens)
        if mode != "new":
            for window in windows:
                window.used = True
            problems = [p for p in problems if not p[1].startswith("window:")]
            spec = _apply_follow_up(history, spec, mode, windows, bool(output))
        elif "narrow" in markers and history is None and _strong_narrow(tokens):
            problems.append(("还没有可以继续筛选的人群，请把条件完整地问一遍",
                             "there is no earlier audience to narrow down; ask the whole question"))
        problems = [(zh, en.split(":", 1)[1] if en.startswith("window:") else en) for zh, en in problems]
        if unknown or problems:
            listed = ", ".join(f"'{w}'" for w in unknown)
            reason = "; ".join([en for _, en in problems] + ([f"not understood: {listed}"] if unknown else []))
            reason_zh = "；".join([zh for zh, _ in problems] + ([f"没有理解：{listed}"] if unknown else []))
            raise PlanError(reason, unknown=unknown, understood=spec, reason_zh=reason_zh)
        return spec, mode


# --- tokens --------------------------------------------------------------------------------------

def _tokens(text: str, lang: str) -> list[Token]:
    tokens: list[Token] = []
    for recognizer in _recognizers():
        tokens.extend(recognizer(text))
    tokens.extend(_interest_tokens(text))
    return tokens


def _tokenize(text: str, lang: str, passes: int = 3) -> list[Token]:
    """Tokens of ``text``; later passes look again inside what the longer tokens left over
    ("没有流失风险": 有流失风险 wins over 没有, then the second pass finds 没)."""
    chosen: list[Token] = []
    taken: set[int] = set()
    masked = text
    for _ in range(passes):
        new = _select(_tokens(masked, lang), taken)
        if not new:
            break
        chosen += new
        for token in new:
            masked = masked[:token.start] + " " * token.length + masked[token.end:]
    return sorted(chosen, key=lambda t: t.start)


def _select(tokens: list[Token], taken: set[int] | None = None) -> list[Token]:
    """Longest tokens first (ties by rank, then leftmost); no two chosen tokens overlap."""
    chosen: list[Token] = []
    taken = taken if taken is not None else set()
    for token in sorted(tokens, key=lambda t: (-t.length, t.rank, t.start)):
        span = range(token.start, token.end)
        if token.length <= 0 or any(i in taken for i in span):
            continue
        chosen.append(token)
        taken.update(span)
    return sorted(chosen, key=lambda t: t.start)


@lru_cache(maxsize=1)
def _recognizers():
    """Every token recognizer, built once: functions text -> tokens."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    out = []

    def phrases(kind: str, table: dict, rank: int, build) -> None:
        pattern = re.compile(lx.phrase_pattern([p for words in table.values() for p in words]))
        lookup = {}
        for key, words in table.items():
            for word in words:
                lookup.setdefault(_squash(word), key)

        def recognize(text: str) -> list[Token]:
            return [Token(m.start(), m.end(), kind, build(lookup[_squash(m.group(0))], m.group(0)), rank)
                    for m in pattern.finditer(text) if _squash(m.group(0)) in lookup]
        out.append(recognize)

    def regex(kind: str, pattern: str, rank: int, build) -> None:
        compiled = re.compile(pattern)

        def recognize(text: str) -> list[Token]:
            found = []
            for match in compiled.finditer(text):
                data = build(match)
                if data is not None:
                    found.append(Token(match.start(), match.end(), kind, data, rank))
            return found
        out.append(recognize)

    # profile facts: the lexicon plus the taxonomy's own names for each id
    def with_names(table: dict, taxonomy_kind: str) -> dict:
        merged = {key: list(words) for key, words in table.items()}
        taken = {_squash(w) for words in _all_other_words() for w in words}
        for node in taxonomy.of_kind(taxonomy_kind):
            for name in (node.name_zh, node.name_en, node.id.replace("_", " ")):
                # generic words ("new", "social") are not names when a question uses them
                if _squash(name) not in taken and _squash(name) not in _FILLER_EN and name not in lx.FILLER_ZH:
                    merged.setdefault(node.id, []).append(name)
        return merged

    cond = lambda kind: (lambda key, words: {"cond": Condition(kind, values=[key], words=words)})  # noqa: E731
    phrases("cond", with_names(lx.LIFECYCLE, "lifecycle"), 2, cond("lifecycle"))
    phrases("cond", with_names(lx.CONSUMPTION, "consumption"), 2, cond("consumption"))
    phrases("cond", with_names(lx.VALUES, "value"), 3, cond("value"))
    phrases("cond", lx.EMOTION, 6, cond("emotion"))
    phrases("cond", lx.GENDER, 4, cond("gender"))
    phrases("intent", with_names(lx.INTENT, "intent"), 4, lambda key, words: {"intent": key})
    phrases("intent_suffix", {"suffix": lx.INTENT_SUFFIX}, 6, lambda key, words: {})
    phrases("aspect", with_names(lx.ASPECT, "aspect"), 5, lambda key, words: {"aspect": key})
    phrases("polar", {f"{a}|{p}": words for (a, p), words in lx.ASPECT_POLAR.items()}, 3,
            lambda key, words: {"aspect": key.split("|")[0], "polarity": key.split("|")[1]})
    phrases("polarity", {str(k): v for k, v in lx.POLARITY.items()}, 4,
            lambda key, words: {"polarity": None if key == "None" else key,
                                "complaint": _squash(words) in lx.COMPLAINT_WORDS or words.startswith("complaint")})
    phrases("cond", {(lo, hi): words for (lo, hi), words in lx.AGE_WORDS.items()}, 3,
            lambda key, words: {"cond": Condition("age", range=Range(gte=key[0], lte=key[1]), words=words)})
    phrases("verb", lx.VERBS, 4, lambda key, words: {"action": key})
    phrases("verb", lx.VERBS_OBJ_BEFORE, 4, lambda key, words: {"action": key, "obj_before": True})
    phrases("verb", {"cart": lx.CART_ABANDON}, 3, lambda key, words: {"action": "cart", "abandon": True})
    phrases("active", {"active": lx.ACTIVE, "inactive": lx.INACTIVE}, 3,
            lambda key, words: {"inactive": key == "inactive"})
    phrases("registered", {"registered": lx.REGISTERED}, 5, lambda key, words: {"new": "新" in words})
    phrases("cond", {"vip": lx.VIP}, 3, lambda key, words: {"cond": Condition(
        "member_level", values=["gold", "platinum", "diamond"], words=words)})
    phrases("cond", {"lower": lx.LOWER_TIER}, 2, lambda key, words: {"cond": Condition(
        "city_tier", values=[3, 4, 5], words=words)})
    phrases("cond", {"new1": lx.NEW_TIER1}, 1, lambda key, words: {"cond": Condition(
        "new_tier1", values=_new_tier1_cities(), words=words)})
    phrases("neg", {"neg": lx.NEGATION}, 6, lambda key, words: {})
    phrases("neg_after", {"neg": lx.NEGATION_AFTER}, 6, lambda key, words: {})
    phrases("or", {"or": lx.OR_WORDS}, 7, lambda key, words: {})
    phrases("output", {"count": lx.COUNT_OUTPUT}, 3, lambda key, words: {"output": "count"})
    phrases("output", {"interest": lx.INTEREST_BREAKDOWN, "complaint_aspect": lx.COMPLAINT_BREAKDOWN}, 2,
            lambda key, words: {"output": "breakdown", "group_by": key})
    phrases("sort", {"sort": lx.SORT_FILLER}, 6, lambda key, words: {})
    phrases("narrow", {"narrow": lx.NARROW}, 6, lambda key, words: {"strong": _squash(words) not in _WEAK_NARROW})
    phrases("replace", {"replace": lx.REPLACE}, 7, lambda key, words: {})
    phrases("reference", {"reference": lx.REFERENCE}, 8, lambda key, words: {})
    phrases("filler", {"filler": ["买家", "购物车里", "buyers'"]}, 9, lambda key, words: {})
    cities = lx_city_table()
    phrases("cond", cities, 4, lambda key, words: {"cond": Condition("city", values=[key], words=words)})

    for kind, pattern, rank, build in _REGEX_RECOGNIZERS:
        regex(kind, pattern, rank, build)
    for kind, pattern, rank, build in _member_recognizers():
        regex(kind, pattern, rank, build)
    return tuple(out)


def _all_other_words():
    """Phrases other tables own; a taxonomy name equal to one of them is not added (购买 = bought)."""
    return [*lx.VERBS.values(), *lx.ASPECT.values(), *lx.LIFECYCLE.values(), *lx.GENDER.values(),
            lx.COUNT_OUTPUT, lx.NEGATION]


_WEAK_NARROW = {"only", "just", "just the", "further", "里面", "当中"}


def _strong_narrow(tokens: list[Token]) -> bool:
    return any(t.kind == "narrow" and t.data.get("strong") for t in tokens)


def lx_city_table() -> dict[str, list[str]]:
    """Canonical city -> every searchable alias (schema.geo, the ingest's gazetteer)."""
    from schema.geo import city_names

    table: dict[str, list[str]] = {}
    for alias, name in city_names().items():
        table.setdefault(name, []).append(alias)
    return table


@lru_cache(maxsize=1)
def _new_tier1_cities() -> tuple[str, ...]:
    from schema.geo import new_tier1_cities

    return tuple(new_tier1_cities())


def _interest_tokens(text: str) -> list[Token]:
    """Interest names and synonyms from the taxonomy (any level); English plurals too ("hikers")."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    tokens = [Token(offset, offset + len(matched), "interest", {"interest": node_id}, 8)
              for node_id, matched, offset in taxonomy.find_terms(text, "interest")]
    tokens += [Token(m.start(), m.end(), "interest", {"interest": node_id}, 9)
               for node_id, pattern in _extra_interest_patterns() for m in pattern.finditer(text)]
    # English plurals: 'moms' -> 'mom', 'campers'... try the word without its final s.
    singular = re.sub(r"(?<=[a-z]{3})s(?![a-z])", " ", text)
    if singular != text:
        covered = {i for t in tokens for i in range(t.start, t.end)}
        for node_id, matched, offset in taxonomy.find_terms(singular, "interest"):
            end = offset + len(matched)
            if end < len(text) and text[end] == "s" and not covered & set(range(offset, end + 1)):
                tokens.append(Token(offset, end + 1, "interest", {"interest": node_id}, 8))
    return tokens


@lru_cache(maxsize=1)
def _extra_interest_patterns() -> list[tuple[str, re.Pattern]]:
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return [(node_id, re.compile(lx.phrase_pattern(words))) for node_id, words in lx.EXTRA_INTEREST.items()
            if taxonomy.has(node_id)]


# --- regular-expression recognizers -----------------------------------------------------------

NUM = lx.NUM


def _num(text: str) -> float:
    return lx.to_number(text)


def _window_from(n: str | None, unit: str) -> dict | None:
    count = _num(n) if n else 1
    unit = unit.strip().rstrip("s") if unit.strip() not in ("days", "weeks", "months", "years") else unit.strip()
    days = lx.UNIT_DAYS.get(unit) or lx.UNIT_DAYS.get(unit + "s")
    if days is None or count <= 0:
        return None
    return {"window": Window.days(max(1, round(count * days)))}


def _fixed_windows() -> list[tuple]:
    table = {"|".join(map(str, key)): words for key, words in lx.WINDOW_FIXED.items()}

    def build(match):
        parts = table_key(table, match.group("w")).split("|")
        return {"window": Window(parts[0], int(parts[1]) if len(parts) > 1 else None)}
    return [("window", r"(?:(?:in|during|within|over|for|since)\s+)?(?:the\s+)?(?P<w>"
             + lx.phrase_pattern([w for words in table.values() for w in words]) + ")", 3, build)]


def _count(low: float | None, high: float | None) -> dict:
    return {"min": int(low) if low is not None else 0, "max": int(high) if high is not None else None}


def _age_range(match, low_group=1, high_group=2) -> dict:
    low, high = _num(match.group(low_group)), _num(match.group(high_group))
    if low > high:
        low, high = high, low
    if not (0 < low < 130 and 0 < high < 130):
        return None
    return {"cond": Condition("age", range=Range(gte=low, lte=high), words=match.group(0).strip())}


def _age_bound(match, op: str) -> dict | None:
    value = _num(match.group("n"))
    if not 1 <= value <= 120:
        return None
    return {"cond": Condition("age", range=Range(**{op: value}), words=match.group(0).strip())}


def _generation(match) -> dict | None:
    digits = match.group(1)
    start = int(digits)
    year_now = datetime.now().year
    century = 2000 if start + 2000 <= year_now else 1900
    first = century + start
    last = first + (4 if digits.endswith("5") else 9)
    return {"cond": Condition("age", range=Range(gte=year_now - last, lte=year_now - first),
                              words=match.group(0).strip())}


def _generation_en(match) -> dict:
    first, last = lx.GENERATIONS[_squash(match.group(0))]
    year_now = datetime.now().year
    return {"cond": Condition("age", range=Range(gte=year_now - last, lte=year_now - first),
                              words=match.group(0).strip())}


def _decade(match) -> dict:
    base = int(_num(match.group(1)))
    if base % 10 or not 10 <= base <= 90:
        return None
    return {"cond": Condition("age", range=Range(gte=base, lte=base + 9), words=match.group(0).strip())}


def _money_cond(kind: str):
    def build(match) -> dict | None:
        groups = match.groupdict()
        values = [_num(groups[k]) for k in ("a", "b") if groups.get(k)]
        op = groups.get("op") or ""
        post = groups.get("post") or ""
        if len(values) == 2:
            rng = Range(gte=min(values), lte=max(values))
        elif re.fullmatch(lx.LT_ZH + "|" + lx.LT_EN, op.strip()) or re.fullmatch(lx.POST_LT_ZH + "|"
                                                                                   + lx.POST_LT_EN, post.strip()):
            rng = Range(lte=values[0]) if op.strip() in ("不超过", "at most", "no more than", "<=", "≤") \
                or post.strip() else Range(lt=values[0])
        elif op.strip() in ("至少", "最少", "起码", "不少于", "不低于", "大于等于", "达到", "满", ">=", "≥", "at least",
                            "no less than") or post.strip():
            rng = Range(gte=values[0])
        else:
            rng = Range(gt=values[0])
        return {"cond": Condition(kind, range=rng, words=match.group(0).strip())}
    return build


def _tier(match) -> dict | None:
    tiers = sorted({lx.TIER_WORDS_ZH.get(c) or lx.TIER_WORDS_EN.get(c) for c in match.groupdict().get("t", "")
                    .replace("/", " ").replace("、", " ").replace("和", " ").replace("或", " ").split() if c})
    if not tiers or None in tiers:
        return None
    post = match.groupdict().get("post") or ""
    if "以上" in post or "above" in post or "higher" in post:
        tiers = list(range(1, max(tiers) + 1))
    elif "以下" in post or "below" in post or "lower" in post:
        tiers = list(range(min(tiers), 6))
    return {"cond": Condition("city_tier", values=tiers, words=match.group(0).strip())}


def _tiers_zh(text: str) -> str:
    return " ".join(text)


_MONEY_A = r"(?:¥|rmb|cny|\$)?\s*(?P<a>" + NUM + r")\s*(?:元|块钱|块|rmb|cny|yuan|¥|dollars|bucks)?"
_MONEY_B = r"(?:¥|rmb|cny|\$)?\s*(?P<b>" + NUM + r")\s*(?:元|块钱|块|rmb|cny|yuan|¥|dollars|bucks)?"


def _money_patterns(zh_word: str, en_word: str) -> list[str]:
    gt_lt_zh = f"(?P<op>{lx.GT_ZH}|{lx.LT_ZH})"
    gt_lt_en = f"(?P<op>{lx.GT_EN}|{lx.LT_EN})"
    return [
        rf"{zh_word}\s*(?:在|了|达到了?|有)?\s*{gt_lt_zh}\s*{_MONEY_A}\s*(?P<post>{lx.POST_GT_ZH}|{lx.POST_LT_ZH})?",
        rf"{zh_word}\s*(?:在|了|有)?\s*{_MONEY_A}\s*(?P<post>{lx.POST_GT_ZH}|{lx.POST_LT_ZH})",
        rf"{zh_word}\s*(?:在)?\s*{_MONEY_A}\s*{lx.RANGE_SEP}\s*{_MONEY_B}\s*(?:之间)?",
        rf"{en_word}\s*(?:of|is|was|a total of|in total)?\s*{gt_lt_en}\s*{_MONEY_A}",
        rf"{en_word}\s*(?:of)?\s*{_MONEY_A}\s*(?P<post>{lx.POST_GT_EN}|{lx.POST_LT_EN})",
        rf"{en_word}\s*(?:of)?\s*between\s*{_MONEY_A}\s*(?:and|to|-)\s*{_MONEY_B}",
        rf"{en_word}\s*(?:of)?\s*{_MONEY_A}\s*(?:-|to)\s*{_MONEY_B}",
    ]


def _count_patterns() -> list[tuple]:
    unit_zh, unit_en = lx.COUNT_UNIT_ZH, lx.COUNT_UNIT_EN
    n = rf"(?P<n>{NUM})"
    once = {"once": 1, "twice": 2, "thrice": 3}

    def val(match) -> float:
        return _num(match.group("n"))

    return [
        ("count", rf"(?:至少|最少|起码|不少于|不低于|大于等于|>=|≥)\s*{n}\s*{unit_zh}(?:{lx.POST_GT_ZH})?", 2,
         lambda m: _count(val(m), None)),
        ("count", rf"{n}\s*{unit_zh}\s*{lx.POST_GT_ZH}", 2, lambda m: _count(val(m), None)),
        ("count", rf"(?:超过|多于|大于|高于|>)\s*{n}\s*{unit_zh}", 2, lambda m: _count(val(m) + 1, None)),
        ("count", rf"(?:不到|少于|低于|小于|不足|<)\s*{n}\s*{unit_zh}", 2, lambda m: _count(0, val(m) - 1)),
        ("count", rf"(?:不超过|最多|至多|<=|≤)\s*{n}\s*{unit_zh}", 2, lambda m: _count(0, val(m))),
        ("count", rf"{n}\s*{unit_zh}\s*{lx.POST_LT_ZH}", 2, lambda m: _count(0, val(m))),
        ("count", rf"{n}\s*{unit_zh}", 3, lambda m: _count(val(m), None)),
        ("count", rf"at\s+least\s+{n}(?:\s*{unit_en})?", 2, lambda m: _count(val(m), None)),
        ("count", rf"{n}\s*\+\s*{unit_en}", 2, lambda m: _count(val(m), None)),
        ("count", rf"{n}\s+(?:or\s+more\s+{unit_en}|{unit_en}\s+(?:or\s+more|and\s+up|or\s+above|plus))", 2,
         lambda m: _count(val(m), None)),
        ("count", rf"(?:more\s+than|over)\s+{n}(?:\s*{unit_en})?(?!\s*(?:orders|purchases|days|weeks|months))", 2,
         lambda m: _count(val(m) + 1, None) if m.group(0).strip().endswith(("times", "time", "once", "twice"))
         else None),
        ("count", rf"(?:fewer|less)\s+than\s+{n}\s*{unit_en}?", 2,
         lambda m: _count(0, val(m) - 1) if m.group(0).strip().endswith(("times", "time", "once", "twice"))
         else None),
        ("count", rf"(?:at\s+most|no\s+more\s+than)\s+{n}\s*{unit_en}?", 2,
         lambda m: _count(0, val(m)) if m.group(0).strip().endswith(("times", "time", "once", "twice")) else None),
        ("count", rf"{n}\s+{unit_en}", 3, lambda m: _count(val(m), None)),
        ("count", r"(?<![a-z])(?:once|twice|thrice)(?![a-z])", 4, lambda m: _count(once[m.group(0)], None)),
    ] + [("count", lx.phrase_pattern(words), 3, (lambda lo, hi: (lambda m: _count(lo, hi)))(lo, hi))
         for (lo, hi), words in lx.COUNT_WORDS.items()]


def _order_count_patterns() -> list[tuple]:
    n = rf"(?P<n>{NUM})"

    def build(kind: str):
        def inner(match):
            value = _num(match.group("n"))
            low, high = {"gte": (value, None), "gt": (value + 1, None), "lt": (0, value - 1),
                         "lte": (0, value)}[kind]
            return {"action": "order", "count": _count(low, high)}
        return inner

    def by_op(match):
        op = match.group("op").strip()
        if re.fullmatch(lx.LT_ZH + "|" + lx.LT_EN, op):
            return build("lte" if op in ("不超过", "at most", "no more than", "<=", "≤") else "lt")(match)
        if op in ("至少", "最少", "起码", "不少于", "不低于", "大于等于", ">=", "≥", "at least", "no less than", "达到"):
            return build("gte")(match)
        return build("gt")(match)

    noun_zh, noun_en = lx.ORDER_NOUN_ZH, lx.ORDER_NOUN_EN
    return [
        ("verb", rf"(?P<op>{lx.GT_ZH}|{lx.LT_ZH})\s*{n}\s*{noun_zh}", 2, by_op),
        ("verb", rf"{n}\s*{noun_zh}\s*{lx.POST_GT_ZH}", 2, build("gte")),
        ("verb", rf"{n}\s*{noun_zh}\s*{lx.POST_LT_ZH}", 2, build("lte")),
        ("verb", rf"(?:下过|下了|下单|买过|买了|购买过?)\s*{n}\s*(?:单|次)\s*(?:{lx.POST_GT_ZH})?", 2, build("gte")),
        ("verb", rf"(?:下过|下了|下单|买过|买了|购买过?)\s*(?P<op>{lx.GT_ZH})\s*{n}\s*(?:单|次)", 2, by_op),
        ("verb", rf"(?:订单数|订单量|下单次数|下单数|购买次数|订单数量)\s*(?P<op>{lx.GT_ZH}|{lx.LT_ZH})\s*{n}\s*(?:单|次|个)?",
         2, by_op),
        ("verb", rf"(?P<op>{lx.GT_EN}|{lx.LT_EN})\s+{n}\s+{noun_en}", 2, by_op),
        ("verb", rf"{n}\s*\+\s*{noun_en}", 2, build("gte")),
        ("verb", rf"{n}\s+(?:or\s+more\s+{noun_en}|{noun_en}\s+{lx.POST_GT_EN})", 2, build("gte")),
        ("verb", rf"(?:order\s+count|number\s+of\s+orders|orders)\s+(?:of\s+|is\s+)?(?P<op>{lx.GT_EN}|{lx.LT_EN})\s*{n}",
         2, by_op),
        ("verb", rf"(?<![\w.]){n}\s+{noun_en}", 3, build("gte")),
    ]


def _window_patterns() -> list[tuple]:
    unit_zh = r"(?P<u>天|日|周|星期|礼拜|个?月|年|季度)"
    unit_en = r"(?P<u>days?|weeks?|fortnight|months?|quarters?|years?)"
    n = rf"(?P<n>{NUM})"

    def zh(match):
        return _window_from(match.group("n"), match.group("u").replace("个", ""))

    def en(match):
        return _window_from(match.groupdict().get("n"), match.group("u"))

    return [
        ("window", rf"(?:在)?(?:最近|近|过去|之前|前|这|往前)\s*的?\s*{n}\s*(?:个)?\s*{unit_zh}"
                   rf"(?:之内|以内|内|里|当中|中|来|以来)?", 3, zh),
        ("window", rf"{n}\s*(?:个)?\s*{unit_zh}\s*(?:之内|以内|内|里|当中)", 3, zh),
        ("window", rf"(?:(?:in|within|during|over|for|from)\s+)?(?:the\s+)?(?:last|past|previous|recent|prior)"
                   rf"\s+(?:{n}\s+)?{unit_en}", 2, en),
        ("window", rf"(?:in|within|for|over)\s+(?:the\s+)?{n}\s+{unit_en}", 2, en),
        *_fixed_windows(),
    ]


def _age_patterns() -> list[tuple]:
    n = rf"(?P<n>{NUM})"
    zh_unit, en_unit = lx.AGE_UNIT_ZH, lx.AGE_UNIT_EN
    range_zh = rf"({NUM})\s*(?:{zh_unit})?\s*(?:到|至|-|~|—)\s*({NUM})\s*{zh_unit}(?:之间|以内)?"
    range_zh2 = rf"年龄\s*(?:在|是|介于)?\s*({NUM})\s*(?:{zh_unit})?\s*(?:到|至|-|~|—)\s*({NUM})\s*(?:{zh_unit})?(?:之间)?"
    range_en = (rf"(?:aged|ages?|age\s+between|between\s+the\s+ages\s+of|between\s+ages)\s+({NUM})\s*(?:-|to|and)\s*"
                rf"({NUM})(?:\s*{en_unit})?")
    range_en2 = rf"(?:between\s+)?({NUM})\s*(?:-|to|and)\s*({NUM})\s*{en_unit}"
    range_en3 = rf"between\s+({NUM})\s+and\s+({NUM})(?!\s*(?:元|yuan|rmb|dollars|times|orders))"
    return [
        ("cond", range_zh, 2, _age_range),
        ("cond", range_zh2, 2, _age_range),
        ("cond", range_en, 2, _age_range),
        ("cond", range_en2, 2, _age_range),
        ("cond", range_en3, 3, _age_range),
        ("cond", rf"{n}\s*{zh_unit}\s*(?:及以上|或以上|以上|之上|\+)", 2, lambda m: _age_bound(m, "gte")
         if "及" in m.group(0) or "或" in m.group(0) else _age_bound(m, "gt")),
        ("cond", rf"{n}\s*{zh_unit}\s*(?:及以下|或以下|以下|之下|以内)", 2, lambda m: _age_bound(m, "lte")
         if "及" in m.group(0) or "或" in m.group(0) or "以内" in m.group(0) else _age_bound(m, "lt")),
        ("cond", rf"(?:年龄|岁数)?\s*(?:大于|超过|高于|多于|年满|满)\s*{n}\s*(?:{zh_unit})?", 2,
         lambda m: _age_bound(m, "gte" if re.search("满", m.group(0)) else "gt")
         if ("岁" in m.group(0) or "年龄" in m.group(0) or "岁数" in m.group(0)) else None),
        ("cond", rf"(?:年龄|岁数)?\s*(?:小于|不到|低于|未满|不满)\s*{n}\s*(?:{zh_unit})?", 2,
         lambda m: _age_bound(m, "lt")
         if ("岁" in m.group(0) or "年龄" in m.group(0) or "岁数" in m.group(0)) else None),
        ("cond", rf"({NUM})\s*多\s*岁", 2, _decade),
        ("cond", r"(?<!\d)(\d0|\d5)\s*后(?!\d)", 2, _generation),
        ("cond", rf"(?:under|below|younger\s+than|less\s+than)\s+{n}(?:\s*{en_unit})?(?!\s*(?:元|yuan|rmb|dollars|times|orders|purchases|days|weeks|months|%))",
         3, lambda m: _age_bound(m, "lt")),
        ("cond", rf"(?:over|above|older\s+than|more\s+than)\s+{n}(?:\s*{en_unit})?(?!\s*(?:元|yuan|rmb|dollars|times|orders|purchases|days|weeks|months|%))",
         3, lambda m: _age_bound(m, "gt")),
        ("cond", rf"(?:aged\s+)?{n}\s*(?:\+|{en_unit}\s+(?:or|and)\s+(?:older|over|above|up))", 3,
         lambda m: _age_bound(m, "gte")),
        ("cond", rf"(?:aged\s+)?{n}\s*{en_unit}?\s+(?:or|and)\s+(?:younger|under|below)", 3,
         lambda m: _age_bound(m, "lte")),
        ("cond", rf"(?:at\s+least|aged\s+at\s+least)\s+{n}\s*{en_unit}", 2, lambda m: _age_bound(m, "gte")),
        ("cond", rf"in\s+their\s+({NUM})s", 2, _decade),
        ("cond", r"in\s+their\s+(twenties|thirties|forties|fifties|sixties)", 2,
         lambda m: {"cond": Condition("age", range=Range(gte=_DECADES[m.group(1)], lte=_DECADES[m.group(1)] + 9),
                                      words=m.group(0))}),
        ("cond", lx.phrase_pattern(lx.GENERATIONS), 2, _generation_en),
    ]


_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60}


def _tier_patterns() -> list[tuple]:
    zh_digit = r"[一二三四五12345]"
    en_digit = r"(?:[1-5]|one|two|three|four|five|i{1,3})"
    return [
        ("cond", rf"(?P<t>{zh_digit}(?:\s*[、/和或]?\s*{zh_digit})*)\s*线\s*(?P<post>及以上|及以下|以上|以下)?\s*(?:城市|城)?",
         2, lambda m: _tier(_SpacedMatch(m, "t", " ".join(re.sub(r"[、/和或\s]", "", m.group("t")))))),
        ("cond", rf"tier[\s-]*(?P<t>{en_digit}(?:\s*(?:and|or|/|,|&)\s*(?:tier[\s-]*)?{en_digit})*)"
                 rf"(?:\s*(?P<post>(?:and|or)\s+(?:above|higher|below|lower)))?(?:\s+(?:cities|city|towns))?", 2,
         lambda m: _tier(_SpacedMatch(m, "t", " ".join(re.findall(r"[1-5]|one|two|three|four|five|i{1,3}",
                                                                  m.group("t")))))),
        ("cond", r"(?P<t>first|second|third|fourth|fifth)[\s-]*tier(?:\s+(?:cities|city|towns))?", 2, _tier),
    ]


class _SpacedMatch:
    """A match whose group ``name`` reads as ``value`` (tier digits split into words)."""

    def __init__(self, match, name: str, value: str):
        self.match, self.name, self.value = match, name, value

    def groupdict(self) -> dict:
        data = dict(self.match.groupdict())
        data[self.name] = self.value
        return data

    def group(self, index=0):
        return self.match.group(index)


def _member_recognizers() -> list[tuple]:
    out = []
    for level, words in lx.MEMBER.items():
        def build(match, level=level):
            up = bool(match.group("up"))
            values = lx.MEMBER_ORDER[lx.MEMBER_ORDER.index(level):] if up else [level]
            return {"cond": Condition("member_level", values=values, words=match.group(0).strip())}
        out.append(("cond", lx.phrase_pattern(words) + rf"(?:\s*(?:会员|用户|卡)?\s*(?P<up>{lx.MEMBER_UP}))?", 3,
                    build))
    return out


def _breakdown_patterns() -> list[tuple]:
    zh_words = {w: key for key, (zh, _) in lx.GROUP_WORDS.items() for w in zh}
    en_words = {w: key for key, (_, en) in lx.GROUP_WORDS.items() for w in en}
    gw_zh = "(?P<g>" + lx.phrase_pattern(zh_words) + ")"
    gw_en = "(?P<g>" + lx.phrase_pattern(en_words) + ")"
    n = rf"(?P<n>{NUM})"

    def build(match):
        word = _squash(match.group("g"))
        key = zh_words.get(word) or en_words.get(word)
        data = {"output": "breakdown", "group_by": key}
        if match.groupdict().get("n"):
            data["top"] = int(_num(match.group("n")))
        return data

    return [
        ("output", rf"{lx.BREAKDOWN_BEFORE_ZH}\s*{gw_zh}\s*(?:来)?\s*(?:{lx.BREAKDOWN_AFTER_ZH})?", 2, build),
        ("output", rf"{lx.BREAKDOWN_EACH_ZH}\s*{gw_zh}(?:\s*的?\s*{lx.BREAKDOWN_AFTER_ZH})?", 2, build),
        ("output", rf"{gw_zh}\s*(?:的)?\s*{lx.BREAKDOWN_AFTER_ZH}", 2, build),
        ("output", rf"{lx.BREAKDOWN_WHICH}\s*{gw_zh}", 2, build),
        ("output", rf"(?:前|top\s*){n}\s*(?:个|名|大)?\s*{gw_zh}", 1, build),
        ("output", rf"{gw_zh}\s*(?:前|top\s*){n}\s*(?:个|名)?", 1, build),
        ("output", rf"{lx.BREAKDOWN_BEFORE_EN}\s+{gw_en}", 2, build),
        ("output", rf"{gw_en}\s+{lx.BREAKDOWN_AFTER_EN}", 2, build),
        ("output", rf"{lx.BREAKDOWN_AFTER_EN}\s+(?:by|of|per|across)\s+{gw_en}", 2, build),
        ("output", rf"which\s+{gw_en}", 2, build),
        ("output", rf"top\s+{n}\s+{gw_en}", 1, build),
    ]


_REGEX_RECOGNIZERS = [
    *_window_patterns(),
    *_count_patterns(),
    *_order_count_patterns(),
    *[("cond", p, 2, _money_cond("spend")) for p in _money_patterns(lx.SPEND_ZH, lx.SPEND_EN)],
    *[("cond", p, 2, _money_cond("avg_order")) for p in _money_patterns(lx.AVG_ZH, lx.AVG_EN)],
    *_age_patterns(),
    *_tier_patterns(),
    *_breakdown_patterns(),
    ("quoted", r"\"([^\"]{1,40})\"|'([^']{1,40})'", 0, lambda m: {"text": (m.group(1) or m.group(2)).strip()}),
]


# --- assembly ------------------------------------------------------------------------------------

# Words allowed between a verb (or intent) and its object: "bought 过 the", "searched for some".
_OBJECT_GLUE = re.compile(r"^(?:\s|过|了|的|一些|一下|一次|相关|类|类目|品类|商品|产品|东西|用品|for|the|a|an|some|any|"
                          r"on|in|of|related|new|one|items?|products?|stuff|things|goods|category|categories|,)*$")
_ASPECT_GLUE = re.compile(r"^(?:\s|对|对于|在|的|都|很|非常|比较|有点|有些|太|特别|挺|有|方面|上|about|on|with|the|"
                          r"their|its|regarding|over|of|for|by|,)*$")
_NEG_GLUE = re.compile(r"^(?:\s|是|在|有|属于|被|曾|曾经|过|be|been|are|is|was|were|in|at|a|an|the|any|from|"
                       r"yet|ever|even|have|has|had|do|does|did|living|located|based|标记为|,)*$")
_CONNECT_GLUE = re.compile(r"^(?:\s|的|也|或者|或是|或|还是|和|跟|与|及|以及|、|,|/|and|or|either|as well as|plus|&|的人|"
                           r"用户|users|customers|people)*$")
_TARGET_GLUE = re.compile(r"^(?:\s|在|上|方面|类|类目|品类|on|for|in|the|of)*$")


class _Assembly:
    """Binds the chosen tokens into conditions; collects problems instead of guessing."""

    def __init__(self, text: str, tokens: list[Token], lang: str, now: datetime):
        self.text = text
        self.tokens = tokens
        self.lang = lang
        self.now = now
        self.problems: list[tuple[str, str]] = []   # (Chinese, English)
        # each built condition with the span it covers (for negation, or, windows)
        self.built: list[tuple[int, int, Condition]] = []

    def gap(self, left: Token, right: Token) -> str:
        return self.text[left.end:right.start]

    def neighbours(self, token: Token, direction: int, skip=("count", "window")):
        """Tokens next to ``token`` going left (-1) or right (+1), stepping over counts and windows."""
        index = self.tokens.index(token)
        out = []
        i = index + direction
        while 0 <= i < len(self.tokens):
            out.append(self.tokens[i])
            if self.tokens[i].kind not in skip:
                break
            i += direction
        return out

    def glued(self, left: Token, right: Token, glue: re.Pattern) -> bool:
        """Only glue words (and skipped counts/windows) between left and right."""
        i, j = self.tokens.index(left), self.tokens.index(right)
        between = self.tokens[i + 1:j]
        if any(t.kind not in ("count", "window") for t in between):
            return False
        pieces, cursor = [], left.end
        for token in between:
            pieces.append(self.text[cursor:token.start])
            cursor = token.end
        pieces.append(self.text[cursor:right.start])
        return all(glue.match(piece) for piece in pieces)

    def add(self, tokens: list[Token], condition: Condition) -> None:
        for token in tokens:
            token.used = True
        self.built.append((min(t.start for t in tokens), max(t.end for t in tokens), condition))

    def build(self) -> tuple[list[Clause], dict]:
        self._verbs()
        self._intents()
        self._opinions()
        self._plain_conditions()
        self._activity()
        self._windows()
        self._negations()
        self.built.sort(key=lambda item: item[0])
        clauses = self._connect()
        output = self._output()
        self._leftover_tokens()
        return clauses, output

    # -- behaviour: verb + object + count --

    def _object_of(self, verb: Token, kinds=("interest", "quoted")) -> list[Token]:
        """The interest(s) a verb is about: after it ('bought outdoor gear'), else just before it."""
        objects: list[Token] = []
        after = [t for t in self.neighbours(verb, +1) if t.kind not in ("count", "window")]
        if not verb.data.get("obj_before") and after and after[0].kind in kinds and not after[0].used \
                and self.glued(verb, after[0], _OBJECT_GLUE):
            objects.append(after[0])
            objects += self._or_chain(after[0], kinds)
            return objects
        before = [t for t in self.neighbours(verb, -1) if t.kind not in ("count", "window")]
        if before and before[0].kind in kinds and not before[0].used:
            gap = self.text[before[0].end:verb.start]
            if verb.data.get("obj_before") or gap.strip() in ("", "了", "过"):
                objects.append(before[0])
        return objects

    def _or_chain(self, first: Token, kinds) -> list[Token]:
        """'hiking or camping gear': further objects joined by or / 、."""
        chain, current = [], first
        while True:
            index = self.tokens.index(current)
            if index + 2 >= len(self.tokens):
                return chain
            joiner, nxt = self.tokens[index + 1], self.tokens[index + 2]
            if joiner.kind == "or" and nxt.kind in kinds and not nxt.used \
                    and not self.gap(current, joiner).strip() and not self.gap(joiner, nxt).strip(" 的"):
                joiner.used = True
                chain.append(nxt)
                current = nxt
            elif nxt.kind in kinds and "、" in self.gap(current, nxt) and not joiner.kind == "or":
                return chain
            else:
                return chain

    def _verbs(self) -> None:
        verbs = [t for t in self.tokens if t.kind == "verb"]
        counts = [t for t in self.tokens if t.kind == "count"]
        previous: Condition | None = None
        for verb in verbs:
            objects = self._object_of(verb)
            targets = [o.data["interest"] for o in objects if o.kind == "interest"]
            text = next((o.data["text"] for o in objects if o.kind == "quoted"), None)
            action = verb.data["action"]
            if not objects and previous is not None and action not in ("login", "any") and previous.action != "any":
                targets, text = list(previous.targets), previous.text   # "searched phones but didn't buy"
            condition = Condition("behavior", action=action, targets=targets, text=text,
                                  words=" ".join(self.text[t.start:t.end].strip() for t in [verb, *objects]))
            if "count" in verb.data:
                condition.min_count = verb.data["count"]["min"]
                condition.max_count = verb.data["count"]["max"]
            self.add([verb, *objects], condition)
            previous = condition
            if verb.data.get("abandon"):
                self.built.append((verb.start, verb.end, Condition("behavior", action="order", targets=targets,
                                                                   negate=True, words=condition.words)))
        # each count goes to the nearest verb (by position), preferring one it touches
        behaviours = [(s, e, c) for s, e, c in self.built if c.kind == "behavior" and c.min_count == 1
                      and c.max_count is None]
        for count in counts:
            if not behaviours:
                continue
            start, end, condition = min(behaviours, key=lambda b: min(abs(count.start - b[1]), abs(b[0] - count.end)))
            condition.min_count = count.data["min"]
            condition.max_count = count.data["max"]
            condition.words += " " + self.text[count.start:count.end].strip()
            count.used = True
            behaviours = [b for b in behaviours if b[2] is not condition]

    def _intents(self) -> None:
        for token in self.tokens:
            if token.kind == "intent_suffix" and not token.used:
                self._intent_from_verb(token)
        for token in self.tokens:
            if token.kind != "intent" or token.used:
                continue
            objects = self._object_of(token, kinds=("interest",))
            if not objects:  # "手机的购买意向": the object before, joined by 的
                before = [t for t in self.neighbours(token, -1) if t.kind == "interest" and not t.used]
                if before and self.text[before[0].end:token.start].strip() in ("的", "", "类"):
                    objects = before
            self.add([token, *objects], Condition("intent", values=[token.data["intent"]],
                                                  targets=[o.data["interest"] for o in objects],
                                                  words=" ".join(self.text[t.start:t.end] for t in [token, *objects])))

    def _intent_from_verb(self, suffix: Token) -> None:
        """'有购买手机的意向': a verb (and its object) followed by 意向 is an intent, not a purchase."""
        for index, (start, end, condition) in enumerate(self.built):
            if condition.kind == "behavior" and end <= suffix.start and not self.text[end:suffix.start].strip(" 的"):
                intent = {"order": "purchase", "search": "research", "view": "research"}.get(condition.action)
                if intent:
                    self.built[index] = (start, suffix.end, Condition("intent", values=[intent],
                                                                      targets=condition.targets,
                                                                      words=condition.words + "意向"))
                    suffix.used = True
                    return

    # -- opinions: aspect + polarity --

    def _opinions(self) -> None:
        for token in self.tokens:
            if token.kind == "polar" and not token.used:
                aspects = [t for t in self._adjacent_aspects(token) if t.data["aspect"] == token.data["aspect"]]
                self.add([token, *aspects], Condition("aspect", values=[token.data["aspect"]],
                                                      polarity=token.data["polarity"],
                                                      words=self.text[token.start:token.end]))
        for token in self.tokens:
            if token.kind != "polarity" or token.used:
                continue
            aspects = self._adjacent_aspects(token)
            if aspects:
                names = list(dict.fromkeys(a.data["aspect"] for a in aspects))
                for name in names:
                    group = [a for a in aspects if a.data["aspect"] == name]
                    self.add([token, *group], Condition("aspect", values=[name], polarity=token.data["polarity"],
                                                        words=" ".join(self.text[t.start:t.end] for t in [*group, token])))
            elif token.data.get("complaint"):
                self.add([token], Condition("intent", values=["complaint"], words=self.text[token.start:token.end]))
            elif token.data["polarity"] is not None:
                self.add([token], Condition("aspect", values=["overall"], polarity=token.data["polarity"],
                                            words=self.text[token.start:token.end]))
        for token in self.tokens:
            if token.kind == "aspect" and not token.used:
                words = self.text[token.start:token.end].strip()
                self.problems.append((f"“{words}”：请说明是满意还是不满，例如“对{words}不满”",
                                      f"'{words}': say whether positive or negative, e.g. 'negative on {words}'"))
                token.used = True

    def _adjacent_aspects(self, polarity: Token) -> list[Token]:
        """Aspect tokens right before the opinion word (对价格和物流不满), else right after it."""
        def run(direction: int) -> list[Token]:
            found, current = [], polarity
            index = self.tokens.index(polarity) + direction
            while 0 <= index < len(self.tokens):
                candidate = self.tokens[index]
                left, right = (candidate, current) if direction < 0 else (current, candidate)
                gap = self.gap(left, right)
                if candidate.kind == "aspect" and not candidate.used and (
                        _ASPECT_GLUE.match(gap) or (found and _CONNECT_GLUE.match(gap))):
                    found.append(candidate)
                    current = candidate
                elif candidate.kind == "or" and found:
                    candidate.used = True
                    current = candidate
                else:
                    break
                index += direction
            return found

        order = (-1, +1) if self.lang == "zh" else (+1, -1)
        for direction in order:
            found = run(direction)
            if found:
                return found
        return []

    # -- one-token conditions and interests --

    def _plain_conditions(self) -> None:
        for token in self.tokens:
            if token.used:
                continue
            if token.kind == "cond":
                self.add([token], replace(token.data["cond"]))
            elif token.kind == "interest":
                self.add([token], Condition("interest", values=[token.data["interest"]],
                                            words=self.text[token.start:token.end]))
        self._spend_targets()

    def _spend_targets(self) -> None:
        """'spent over 500 on outdoor gear' / '在户外上消费超过500': spend within an interest."""
        for index, (start, end, condition) in enumerate(self.built):
            if condition.kind not in ("spend", "avg_order"):
                continue
            for other_index, (s2, e2, other) in enumerate(self.built):
                if other.kind != "interest" or other.negate:
                    continue
                gap = self.text[end:s2] if s2 >= end else self.text[e2:start]
                if (s2 >= end and re.fullmatch(r"\s*(?:on|for|in)\s+(?:the\s+)?", gap)) or \
                        (e2 <= start and re.fullmatch(r"\s*(?:上|方面|类|品类|类目)?\s*(?:的)?\s*", gap)
                         and self.text[max(0, s2 - 1):s2] == "在"):
                    condition.targets = list(other.values)
                    self.built[other_index] = (s2, e2, replace(other, kind="_absorbed"))
        self.built = [item for item in self.built if item[2].kind != "_absorbed"]

    def _activity(self) -> None:
        windows = [t for t in self.tokens if t.kind == "window"]
        for token in self.tokens:
            if token.used:
                continue
            if token.kind == "active":
                if token.data["inactive"] and not windows:
                    self.add([token], Condition("lifecycle", values=["dormant"], words=self.text[token.start:token.end]))
                else:
                    self.add([token], Condition("behavior", action="any", negate=token.data["inactive"],
                                                words=self.text[token.start:token.end]))
            elif token.kind == "registered":
                if windows:
                    self.add([token], Condition("registered", words=self.text[token.start:token.end]))
                elif token.data.get("new"):
                    self.add([token], Condition("lifecycle", values=["new"], words=self.text[token.start:token.end]))
                else:
                    token.used = True  # every user is registered: nothing to filter

    # -- time windows --

    def _windows(self) -> None:
        windows = [t for t in self.tokens if t.kind == "window"]
        timed = [(s, e, c) for s, e, c in self.built if c.kind in TIMED_KINDS]
        if len(windows) == 1 and timed:
            for _, _, condition in timed:
                condition.window = windows[0].data["window"]
                condition.words += " " + self.text[windows[0].start:windows[0].end].strip()
            windows[0].used = True
        else:
            for window in windows:
                free = [(s, e, c) for s, e, c in timed if c.window is None]
                if not free:
                    break
                s, e, condition = min(free, key=lambda b: min(abs(window.start - b[1]), abs(b[0] - window.end)))
                condition.window = window.data["window"]
                condition.words += " " + self.text[window.start:window.end].strip()
                window.used = True
        for window in windows:
            if not window.used:
                words = self.text[window.start:window.end].strip()
                self.problems.append((f"“{words}”：看不出这个时间范围指的是哪个条件（购买、搜索、评价……）",
                                      f"window:'{words}': I could not tell what it applies to (orders, searches, "
                                      "reviews ...)"))
        for _, _, condition in self.built:
            if condition.kind == "behavior" and condition.action == "any" and condition.window is None:
                condition.window = Window.days(30)   # "active users" = active in the last 30 days
            if condition.kind == "registered" and condition.window is None:
                condition.window = Window.days(30)

    # -- negation --

    def _negations(self) -> None:
        for token in self.tokens:
            if token.kind == "neg":
                target = self._next_condition(token)
                if target is None:
                    if not token.used:
                        words = self.text[token.start:token.end].strip()
                        self.problems.append((f"“{words}”：看不出否定的是哪个条件",
                                              f"'{words}': I could not tell what it negates"))
                    token.used = True
                    continue
                target.negate = not target.negate
                token.used = True
            elif token.kind == "neg_after":
                before = [(s, e, c) for s, e, c in self.built if e <= token.start]
                if before:
                    s, e, condition = max(before, key=lambda b: b[1])
                    if not self._negated_by_prefix(s):
                        condition.negate = True
                token.used = True

    def _next_condition(self, neg: Token) -> Condition | None:
        after = [(s, e, c) for s, e, c in self.built if s >= neg.end]
        if not after:
            return None
        start, _, condition = min(after, key=lambda b: b[0])
        gap = self.text[neg.end:start]
        cleaned = gap
        for token in self.tokens:
            if neg.end <= token.start and token.end <= start and token.kind in ("window", "count", "neg", "filler"):
                cleaned = cleaned.replace(self.text[token.start:token.end], " ")
        return condition if _NEG_GLUE.match(cleaned) else None

    def _negated_by_prefix(self, start: int) -> bool:
        return any(t.kind == "neg" and t.end <= start and self.text[t.start:t.end] in ("除了", "除去", "except",
                                                                                        "except for", "apart from")
                   for t in self.tokens)

    # -- or / same-field lists --

    def _connect(self) -> list[Clause]:
        clauses: list[Clause] = []
        previous_end = None
        for start, end, condition in self.built:
            if not clauses:
                clauses.append(condition)
                previous_end = end
                continue
            gap_tokens = [t for t in self.tokens if previous_end <= t.start and t.end <= start]
            is_or = any(t.kind == "or" for t in gap_tokens)
            gap = self.text[previous_end:start]
            last = clauses[-1]
            joined = _CONNECT_GLUE.match(_strip_tokens(gap, gap_tokens, previous_end, ("or",)))
            if isinstance(last, Condition) and _same_field(last, condition) and joined and (
                    is_or or last.kind in SINGLE_VALUED):
                last.values = list(dict.fromkeys([*last.values, *condition.values]))
                last.words += " / " + condition.words
                for token in gap_tokens:
                    token.used = True
            elif is_or:
                for token in gap_tokens:
                    if token.kind == "or":
                        token.used = True
                items = last.items if isinstance(last, Group) else [last]
                clauses[-1] = Group(items=[*items, condition])
            else:
                clauses.append(condition)
            previous_end = end
        return clauses

    # -- what to show --

    def _output(self) -> dict:
        output: dict = {}
        for token in self.tokens:
            if token.kind == "output":
                token.used = True
                if token.data["output"] == "breakdown":
                    output.update(output="breakdown", group_by=token.data["group_by"])
                    if token.data.get("top"):
                        output["top"] = token.data["top"]
                elif output.get("output") != "breakdown":
                    output["output"] = "count"
            elif token.kind in ("sort", "narrow", "replace", "reference", "filler", "or"):
                token.used = True
        return output

    def _leftover_tokens(self) -> None:
        for token in self.tokens:
            if token.used:
                continue
            words = self.text[token.start:token.end].strip()
            if token.kind == "count":
                self.problems.append((f"“{words}”：看不出是做了什么这么多次（购买、浏览、搜索……）",
                                      f"'{words}': I could not tell what was done that many times "
                                      "(bought, viewed, searched ...)"))
            elif token.kind == "quoted":
                self.problems.append((f"“{words}”：看不出引号里的词是什么（搜索词？可以说“搜索过‘…’”）",
                                      f"'{words}': I could not tell what the quoted words are "
                                      "(a search query? say 'searched for \"…\"')"))
            elif token.kind == "intent_suffix":
                self.problems.append((f"“{words}”：看不出是什么意向（想买、想退货、比价……）",
                                      f"'{words}': I could not tell which intent (want to buy, refund, compare ...)"))
            token.used = True


def _strip_tokens(gap: str, tokens: list[Token], offset: int, kinds) -> str:
    out = gap
    for token in tokens:
        if token.kind in kinds:
            start, end = token.start - offset, token.end - offset
            out = out[:start] + " " * (end - start) + out[end:]
    return out


def _same_field(a: Condition, b: Condition) -> bool:
    if a.kind != b.kind or a.negate and not b.negate and a.kind not in SINGLE_VALUED:
        return False
    if a.kind not in MERGEABLE:
        return False
    if a.negate != b.negate:
        # "不在上海和北京": the negation before the first value covers the list
        if a.negate and not b.negate:
            return True
        return False
    return True


# --- follow-ups -----------------------------------------------------------------------------------

def _follow_up_mode(history, clauses, markers, windows, output, tokens) -> str:
    """new | narrow | replace | reuse: how this question relates to the previous audience."""
    if history is None:
        return "new"
    if not clauses:
        if windows and any(c.kind in TIMED_KINDS for c in history.conditions()):
            return "replace"
        return "reuse"
    if "narrow" in markers and (_strong_narrow(tokens) or "replace" not in markers):
        return "narrow"
    if "replace" in markers:
        return "replace"
    if "reference" in markers and _reference_only_words(tokens):
        return "narrow"
    return "new"


def _reference_only_words(tokens: list[Token]) -> bool:
    """'how many of them…' style: a reference word that is a pronoun for the last audience."""
    return any(t.kind == "reference" for t in tokens)


def _apply_follow_up(history: AudienceSpec, spec: AudienceSpec, mode: str, windows: list[Token],
                     has_output: bool) -> AudienceSpec:
    previous = AudienceSpec.from_dict(history.to_dict())   # a deep copy
    if mode == "reuse":
        where = previous.where
    elif mode == "narrow":
        where = previous.where + spec.where
    else:
        where = _replace_slots(previous.where, spec.where)
        if windows:
            window = windows[-1].data["window"]
            for condition in [c for clause in where for c in (clause.items if isinstance(clause, Group) else [clause])]:
                if condition.kind in TIMED_KINDS and not any(condition is c for c in spec.conditions()):
                    condition.window = window
    if has_output:
        return replace(spec, where=where)
    if mode == "narrow" or (mode == "reuse" and history.output == "breakdown"):
        return replace(spec, where=where, output="list", group_by=None, top=None)
    return replace(spec, where=where, output=previous.output, group_by=previous.group_by, top=previous.top)


def _slot(clause: Clause) -> str:
    first = clause.items[0] if isinstance(clause, Group) else clause
    return SLOTS.get(first.kind, first.kind)


def _replace_slots(old: list[Clause], new: list[Clause]) -> list[Clause]:
    new_slots = {_slot(clause) for clause in new}
    kept = [clause for clause in old if _slot(clause) not in new_slots]
    return kept + new


# --- leftovers ---------------------------------------------------------------------------------

def _leftovers(text: str, tokens: list[Token]) -> list[str]:
    """Words no token consumed and that are not filler: the parts the planner did not understand."""
    chars = list(text)
    for token in tokens:
        for i in range(token.start, token.end):
            chars[i] = " "
    rest = "".join(chars)
    unknown = []
    for chunk in re.split(r"[\s,.;:!?()\[\]\"'~、·…]+", rest):
        if not chunk:
            continue
        for piece in _split_scripts(chunk):
            if _CJK.search(piece):
                piece = _FILLER_ZH_RE.sub(" ", piece)
                unknown += [p for p in piece.split() if p.strip("-_/+*&%#@=$^")]
            else:
                word = re.sub(r"'s$", "", piece)
                if word and word not in _FILLER_EN and word.strip("-_/+*&%#@=$^<>"):
                    unknown.append(word)
    return list(dict.fromkeys(unknown))


def _split_scripts(chunk: str) -> list[str]:
    """'上海users' -> ['上海', 'users']: Chinese and latin runs are judged separately."""
    return [m.group(0) for m in re.finditer(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", chunk)]


# --- small helpers --------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def table_key(table: dict, words: str):
    """The key of ``table`` (key -> list of phrases) whose phrase is ``words``."""
    wanted = _squash(words)
    for key, phrases in table.items():
        if any(_squash(p) == wanted for p in phrases):
            return key
    raise KeyError(words)


@lru_cache(maxsize=None)
def _phrase_map_re(name: str) -> re.Pattern:
    table = {"channel": lx.CHANNEL, "language": lx.LANGUAGE}[name]
    return re.compile(lx.phrase_pattern([w for words in table.values() for w in words]))


def _clean_name(name: str) -> str:
    name = name.strip().strip("\"'“”‘’「」《》 .。,，!！?？")
    name = re.sub(r"^(?:a\s+segment\s+)?(?:called|named)\s+", "", name)
    return name[:60].strip()


def _original_case_id(user_id: str) -> str:
    return user_id


_FILLER_ZH_RE = re.compile("|".join(re.escape(w) for w in sorted(set(lx.FILLER_ZH) | {"把", "将", "年龄段", "年龄层",
                                                                                     "年龄", "岁数"},
                                                                   key=len, reverse=True)))
_FILLER_EN = {w for w in lx.FILLER_EN}
_REFUSE_RE = re.compile(r"(?:^|^(?:please|pls|请|帮我|麻烦|can you|could you)\s*)" + lx.REFUSE_WORDS
                        + r"|drop\s+table|delete\s+from|insert\s+into|update\s+\w+\s+set|truncate\s+table")
_USER_ID_RE = re.compile(lx.USER_ID)
_GENERATE_RE = re.compile(lx.GENERATE_WORDS)
_SAVE_ZH_RE = re.compile(lx.SAVE_ZH)
_SAVE_EN_RE = re.compile(lx.SAVE_EN)
_SAVE_EN_NAME_RE = re.compile(lx.SAVE_EN_NAME)
_SAVE_ZH_BARE_RE = re.compile(lx.SAVE_ZH_BARE)
_SAVE_EN_BARE_RE = re.compile(lx.SAVE_EN_BARE)
_COPY_ZH_RE = re.compile(lx.COPY_TRIGGER_ZH)
_COPY_EN_RE = re.compile(lx.COPY_TRIGGER_EN)
_COPY_NOUN_RE = re.compile(lx.COPY_NOUN_ZH + "|" + lx.phrase_pattern(["campaign copy", "marketing copy", "ad copy",
                                                                       "promo copy", "sms copy", "push copy",
                                                                       "email copy"]))
_TONE_RE = re.compile(r"(?:in\s+an?\s+|with\s+an?\s+|(?:语气|风格|口吻|调性)\s*(?:要|是|为|:)?\s*)?(?P<tone>"
                      + lx.phrase_pattern([w for words in lx.TONE.values() for w in words]) + r")\s*(?:"
                      + lx.TONE_MARK + r")?(?:\s*(?:的|点|些))?")
_OFFER_ZH_RE = re.compile(lx.OFFER_ZH)
_OFFER_EN_RE = re.compile(lx.OFFER_EN)
_OFFER_INLINE_RE = re.compile(lx.OFFER_INLINE)
_REFERENCE_ONLY_RE = re.compile(r"(?:(?:that|this|the|these|those|them|our|my)\s*)*(?:segment|audience|group|users|"
                                r"customers|people|list|them|they)?")
_LOOKUP_RES = [re.compile(p) for p in lx.LOOKUP_PATTERNS]
