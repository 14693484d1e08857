"""Tokens: every phrase of a question the planner knows, with its span.

Phrases come from the lexicon (lexicon.py), the taxonomy's interest names and synonyms, and the
city gazetteer (schema/geo.py). Recognizers are built once; where two tokens overlap the longer one
wins (ties by rank), and a second pass looks inside what the first left over ("没有流失风险":
有流失风险 wins over 没有, then 没 is found).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from agent.planner import date_anchors, date_ranges, seasons
from agent.planner import lexicon as lx
from agent.planner.spec import COLUMNS, Condition, Range, Window
from tools.regex_cache import compile_cached

FILLER_EN_WORDS = frozenset(lx.FILLER_EN)


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


# --- finding tokens --------------------------------------------------------------------------------------

def _tokens(text: str, lang: str) -> list[Token]:
    tokens: list[Token] = []
    for recognizer in _recognizers():
        tokens.extend(recognizer(text))
    tokens.extend(_interest_tokens(text))
    return tokens


def tokenize(text: str, lang: str, passes: int = 3, extra=None) -> list[Token]:
    """Tokens of ``text``; later passes look again inside what the longer tokens left over
    ("没有流失风险": 有流失风险 wins over 没有, then the second pass finds 没). ``extra``: a function
    text -> more tokens that compete with the lexicon's (the brands a database knows, brands.py)."""
    chosen: list[Token] = []
    taken: set[int] = set()
    masked = text
    for _ in range(passes):
        new = _select(_tokens(masked, lang) + (extra(masked) if extra else []), taken)
        if not new:
            break
        chosen += new
        for token in new:
            masked = masked[:token.start] + " " * token.length + masked[token.end:]
    return _places_judged(sorted(chosen, key=lambda t: t.start), text)


_PLACE_VERDICT_GAP = re.compile(lx.PLACE_VERDICT_GAP)


def _places_judged(tokens: list[Token], text: str) -> list[Token]:
    """An interest named right before a verdict on the place or on how it came ("the gym is too crowded",
    "健身房里太挤", 火锅店很脏, 外卖洒了, 饮料洒了) is where the complaint is or what spilled, not an interest of
    the people asked about: it is read as filler. So is 外卖 right before its delivery ("对外卖配送不满":
    negative on delivery, whoever wrote the word 外卖); right before or after an opinion ("对外卖不满",
    "吐槽外卖") it is the delivery."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        if _takeout(token) and before is not None and before.kind == "polarity" and before.data.get("polarity") \
                and not text[before.end:token.start].strip():
            out[i] = replace(token, kind="aspect", data={"aspect": "delivery"})   # 吐槽外卖: its delivery
            continue
        # "too" is a token of its own ("add men too"); the gap's words are checked as text
        after = next((t for t in tokens[i + 1:] if t.kind not in ("widen", "filler")), None)
        if after is None or not _PLACE_VERDICT_GAP.match(text[token.end:after.start]):
            continue
        place = (token.kind == "interest" or _takeout(token)) and after.kind == "polar" and _judges_the_place(after, text)
        if place or (_takeout(token) and after.kind in ("aspect", "polar") and after.data.get("aspect") == "delivery"):
            out[i] = replace(token, kind="filler", data={})
        elif _takeout(token) and after.kind == "polarity" and after.data.get("polarity"):
            out[i] = replace(token, kind="aspect", data={"aspect": "delivery"})   # 对外卖不满: its delivery
    return out


def _judges_the_place(verdict: Token, text: str) -> bool:
    """A verdict on the place (its environment or hygiene) or a spill (洒了, spilled: what spilled is named before)."""
    aspect = verdict.data.get("aspect")
    return aspect in ("environment", "hygiene") or (
        aspect == "packaging" and any(word in text[verdict.start:verdict.end] for word in lx.SPILL_WORDS))


def _takeout(token: Token) -> bool:
    """外卖: the dining-out interest, or the shop's delivery orders (event_types.py)."""
    return token.data.get("interest") == "dining_out" or token.data.get("deed") == "delivery"


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
        pattern = compile_cached(lx.phrase_pattern([p for words in table.values() for p in words]))
        lookup = {}
        for key, words in table.items():
            for word in words:
                lookup.setdefault(squash(word), key)

        def recognize(text: str) -> list[Token]:
            return [Token(m.start(), m.end(), kind, build(lookup[squash(m.group(0))], m.group(0)), rank)
                    for m in pattern.finditer(text) if squash(m.group(0)) in lookup]
        out.append(recognize)

    def regex(kind: str, pattern: str, rank: int, build) -> None:
        compiled = compile_cached(pattern)

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
        taken = {squash(w) for words in _all_other_words() for w in words}
        for node in taxonomy.of_kind(taxonomy_kind):
            for name in (node.name_zh, node.name_en, node.id.replace("_", " ")):
                # generic words ("new", "social") are not names when a question uses them
                if squash(name) not in taken and squash(name) not in FILLER_EN_WORDS and name not in lx.FILLER_ZH:
                    merged.setdefault(node.id, []).append(name)
        return merged

    cond = lambda kind: (lambda key, words: {"cond": Condition(kind, values=[key], words=words)})  # noqa: E731
    phrases("cond", with_names(lx.LIFECYCLE, "lifecycle"), 2, cond("lifecycle"))
    phrases("cond", with_names(lx.CONSUMPTION, "consumption"), 2, cond("consumption"))
    phrases("cond", _with_value_word(with_names(lx.VALUES, "value")), 3, cond("value"))
    phrases("polarity", {"negative": lx.COMPLAINT_VERBS}, 3,
            lambda key, words: {"polarity": "negative", "complaint": True, "review": False})
    phrases("buyer", {"buyer": lx.PAST_BUYERS}, 2, lambda key, words: {})
    regex("cond", lx.NEW_BEFORE_OLD, 2,
          lambda match: {"cond": Condition("lifecycle", values=["new"], words=match.group(0)), "apart": True})
    phrases("cond", lx.EMOTION, 6, cond("emotion"))
    phrases("cond", lx.GENDER, 4, cond("gender"))
    phrases("intent", with_names(lx.INTENT, "intent"), 4, lambda key, words: {"intent": key})
    phrases("intent_suffix", {"suffix": lx.INTENT_SUFFIX}, 6, lambda key, words: {})
    phrases("aspect", with_names(_with_people_and_place(lx.ASPECT), "aspect"), 5, lambda key, words: {"aspect": key})
    out.append(_staff_occupation_tokens)
    phrases("polar", {f"{a}|{p}": words for (a, p), words in lx.ASPECT_POLAR.items()}, 3,
            lambda key, words: {"aspect": key.split("|")[0], "polarity": key.split("|")[1]})
    phrases("polar", lx.COURIER_MANNER, 3, lambda key, words: {"aspect": "delivery", "polarity": key, "also": "service"})
    phrases("polar", {key: facet["asked"] for key, facet in lx.ASPECT_FACETS.items()}, 3,
            lambda key, words: {"aspect": lx.ASPECT_FACETS[key]["aspect"], "polarity": "negative", "facet": key})
    phrases("polarity", {str(k): v for k, v in lx.POLARITY.items()}, 4,
            lambda key, words: {"polarity": None if key == "None" else key,
                                "complaint": squash(words) in lx.COMPLAINT_WORDS or words.startswith("complaint"),
                                "review": key != "None" and any(mark in words for mark in lx.REVIEW_MARKS)})
    opinion = lambda *_: {"polarity": None, "complaint": False, "review": False, "opinion": True}  # noqa: E731
    phrases("polarity", {"ask": lx.OPINION_ASK_ZH}, 4, opinion)
    regex("polarity", lx.OPINION_THINK_ZH, 4, opinion)
    regex("polarity", lx.OPINION_ASK_EN, 4, opinion)
    phrases("cond", {(lo, hi): words for (lo, hi), words in lx.AGE_WORDS.items()}, 3,
            lambda key, words: {"cond": Condition("age", range=Range(gte=key[0], lte=key[1]), words=words)})
    phrases("verb", lx.VERBS, 4, lambda key, words: {"action": key})
    for action, words in lx.PARTICLE_IN_VERBS.items():
        regex("verb", rf"(?<![a-z])(?:{'|'.join(words)}){lx.PARTICLE_IN_WINDOW}", 4,
              lambda match, action=action: {"action": action})
    phrases("verb", {"click": lx.DISH_VERBS}, 4, lambda key, words: {"action": "click", "or_order": True})
    phrases("verb", {"order": lx.SERVICE_VERBS}, 5, lambda key, words: {"action": "order", "service": True})
    regex("verb", lx.NOT_COME, 4, lambda match: {"action": "order"})
    regex("verb", lx.NOT_BOOK, 4, lambda match: {"action": "booking"})
    phrases("verb", lx.VERBS_OBJ_BEFORE, 4, lambda key, words: {"action": key, "obj_before": True})
    phrases("verb", {"cart": lx.CART_ABANDON}, 3, lambda key, words: {"action": "cart", "abandon": True})
    phrases("verb", {"order": lx.REPEAT_ORDER}, 3, lambda key, words: {"action": "order", "count": _count(2, None)})
    phrases("again", {"again": lx.AGAIN}, 6, lambda key, words: {})
    regex("only", lx.ONLY_BEFORE_ORDER, 2, lambda match: {})
    phrases("active", {"active": lx.ACTIVE, "inactive": lx.INACTIVE}, 3,
            lambda key, words: {"inactive": key == "inactive"})
    phrases("registered", {"registered": lx.REGISTERED}, 5, lambda key, words: {"new": "新" in words})
    phrases("cond", {"vip": lx.VIP}, 3, lambda key, words: {"cond": Condition(
        "member_level", values=["gold", "platinum", "diamond"], words=words)})
    phrases("cond", {"lower": lx.LOWER_TIER}, 2, lambda key, words: {"cond": Condition(
        "city_tier", values=[3, 4, 5], words=words)})
    phrases("cond", {"new1": lx.NEW_TIER1}, 1, lambda key, words: {"cond": Condition(
        "new_tier1", values=_new_tier1_cities(), words=words)})
    phrases("neg", {"neg": lx.NEGATION}, 6, lambda key, words: {"exclude": squash(words) in _EXCLUDE,
                                                                 "except": squash(words) in _EXCEPT})
    phrases("neg_after", {"neg": lx.NEGATION_AFTER}, 6, lambda key, words: {})
    phrases("neg_after", {"liking": lx.LIKING_NEG_AFTER}, 6, lambda key, words: {"liking": True})
    phrases("or", {"or": lx.OR_WORDS}, 7, lambda key, words: {})
    phrases("output", {"count": lx.COUNT_OUTPUT}, 3, lambda key, words: {"output": "count"})
    phrases("output", {"overview": lx.OVERVIEW}, 3, lambda key, words: {"output": "overview"})
    phrases("output", {"interest": lx.INTEREST_BREAKDOWN, "complaint_aspect": lx.COMPLAINT_BREAKDOWN}, 2,
            lambda key, words: {"output": "breakdown", "group_by": key, "what": True})
    regex("output", lx.INTEREST_POPULAR, 2, lambda match: {
        "output": "breakdown", "group_by": "interest", "what": True,
        **({"top": int(lx.to_number(match.group("top")))} if match.group("top") else {})})
    regex("output", lx.POPULAR_GROUP, 2, lambda match: {"output": "breakdown", "group_by": _popular_group(match)})
    regex("output", lx.SEARCH_TOP, 2, lambda match: {"output": "breakdown", "group_by": "search_term"})
    regex("output", lx.LIST_NAMES, 2, lambda match: {"output": "list", "columns": []})
    regex("output", lx.LIST_IDS, 2, lambda match: {"output": "list", "columns": []})
    regex("output", lx.SEGMENT_LIST, 2, lambda match: {"output": "breakdown", "group_by": "segment"})
    regex("filler", lx.BRINGS_IN_MOST, 5, lambda match: {})   # "which categories bring in the most revenue": no widening
    for about, verb in lx.ABOUT_VERBS_ZH.items():
        regex("output", lx.ABOUT_ASK_ZH.format(verb=verb), 2, lambda match, about=about: _about(about))
    phrases("sort", {"sort": lx.SORT_FILLER, "low": lx.SORT_LOW_FILLER}, 6, lambda key, words: {})
    phrases("narrow", {"narrow": lx.NARROW}, 6, lambda key, words: {"strong": squash(words) not in _WEAK_NARROW})
    phrases("replace", {"replace": lx.REPLACE}, 7, lambda key, words: {})
    phrases("widen", lx.WIDEN, 6, lambda key, words: {"strong": key == "strong", "tail": key == "tail"})
    phrases("rank_dir", {"desc": lx.RANK_DESC, "asc": lx.RANK_ASC}, 5, lambda key, words: {"ascending": key == "asc"})
    phrases("reference", {"reference": lx.REFERENCE}, 8,
            lambda key, words: {"strong": squash(words) not in _WEAK_REFERENCE})
    # words that look like others: 买家 is no purchase, 有没有 (is there any) no negation
    # … and "w/" (with) is no "/" (or): "baby ppl w/ purchase intent" is both
    phrases("filler", {"filler": ["买家", "购物车里", "buyers'", "有没有", "有没有人", "是否有", "是不是", "有无", "w/"]}, 9,
            lambda key, words: {})
    phrases("cond", {"high": lx.HIGH_SPEND}, 2, lambda key, words: {"cond": Condition(
        "spend", range=Range(gte=high_spend_line()), words=words), "high_spend": True})
    phrases("metric", {f"{m}|{a}": words for (m, a), words in lx.METRIC_ALONE.items()}, 3,
            lambda key, words: {"metric": key.split("|")[0], "agg": key.split("|")[1]})
    phrases("ratio", {"ratio": lx.RATIO}, 3, lambda key, words: {})
    phrases("filler", {"share": lx.SHARE_VERBS}, 6, lambda key, words: {})
    phrases("amount_q", {"amount": lx.AMOUNT_QUESTION}, 4, lambda key, words: {})
    phrases("spend_word", {"spend": lx.SPEND_WORD}, 7, lambda key, words: {})
    phrases("filler", {"average": lx.AVERAGE_FILLER, "consumer": lx.NOT_SPEND_WORD}, 5,
            lambda key, words: {"average": key == "average"})
    cities = lx_city_table()
    phrases("cond", cities, 4, lambda key, words: {"cond": Condition("city", values=[key], words=words)})
    phrases("cond", {"|".join(names): words for names, words in lx.CITY_GROUPS.items()}, 3,
            lambda key, words: {"cond": Condition("city", values=key.split("|"), words=words)})
    phrases("breakdown_lead", {"lead": lx.BREAKDOWN_LEAD_EN}, 5, lambda key, words: {})
    regex("breakdown_lead", lx.BREAKDOWN_VERB_EN, 6, lambda match: {})
    regex("breakdown_lead", lx.BREAKDOWN_PARTICLE_EN, 6, lambda match: {})
    regex("breakdown_lead", lx.BREAKDOWN_VERB_END_ZH, 6, lambda match: {})
    phrases("cond", {key: words for key, (words, _) in lx.OCCUPATION.items()}, 5,
            lambda key, words: {"cond": Condition("occupation", values=[key], words=words)})

    out.append(_interest_question)
    out.append(_about_question)
    out.append(_group_question)
    out.append(_request_wrapper)
    regex("replace", lx.REPLACE_START, 5, lambda match: {"opener": match.group("w")})
    regex("replace", lx.CORRECTION_START, 4, lambda match: {"correction": True})
    regex("replace", lx.REPLACE_AFTER_DROP, 6, lambda match: {})
    regex("neg_after", lx.EXCLUDE_AFTER_ZH, 5, lambda match: {"exclude": True})
    regex("neg", lx.EXCLUDE_SPLIT_EN, 6, lambda match: {"exclude": True})
    regex("filler", lx.OPENER_START, 6, lambda match: {})
    for kind, pattern, rank, build in [*_REGEX_RECOGNIZERS, *_aspect_polar_patterns()]:
        regex(kind, pattern, rank, build)
    for kind, pattern, rank, build in _member_recognizers():
        regex(kind, pattern, rank, build)
    return tuple(out)


def _with_value_word(table: dict) -> dict:
    """Each value's phrases, also with the word "values" said around them ("frugal values", "价值观节俭",
    "节俭的价值观"): it names the kind of fact, which the value itself already is."""
    def said(word: str) -> list[str]:
        if lx.CJK_RE.search(word):
            return [word, *(form.format(word) for form in lx.VALUE_WORD_ZH)]
        return [word, *(form.format(word) for form in lx.VALUE_WORD_EN)]
    return {key: [form for word in words for form in said(word)] for key, words in table.items()}


_WHAT_HEAD = re.compile(r"^\s*what\s+(?:are|do|did|is|were|does)\b")
_WHAT_TAILS = ((re.compile(lx.INTEREST_BREAKDOWN_TAIL), "interest"),
               (re.compile(lx.COMPLAINT_BREAKDOWN_TAIL), "complaint_aspect"),
               (re.compile(lx.BOUGHT_WHAT_TAIL), "bought_interest"))


def _interest_question(text: str) -> list[Token]:
    """'what are churn-risk users interested in?' / 'what do gold members complain about?': the tail
    asks for their interests / what they complain about."""
    head = _WHAT_HEAD.search(text)
    for pattern, group in _WHAT_TAILS:
        tail = pattern.search(text)
        if head and tail and tail.start() >= head.end():
            return [Token(head.start(), head.end(), "filler", {}, 9),
                    Token(tail.start(), tail.end(), "output", {"output": "breakdown", "group_by": group, "what": True}, 2)]
    return []


def _about(about: str) -> dict:
    """The breakdown of what the audience's intents or events are about; ``about``: 'intent:compare',
    'behavior:cart' … (the condition the audience is given when it has none of that kind)."""
    return {"output": "breakdown", "group_by": "about", "about": about, "what": True}


_ABOUT_HEAD = re.compile(lx.ABOUT_HEAD_EN)
_ABOUT_TAILS = tuple((re.compile(rf"(?<![a-z]){lx.ABOUT_TAIL_EN.format(verb=verb)}"), about)
                     for about, verb in lx.ABOUT_VERBS_EN.items())


def _about_question(text: str) -> list[Token]:
    """'what are they comparing the most?' / 'which categories did gold members add to cart?': the tail asks
    what their intents or events are about."""
    head = _ABOUT_HEAD.search(text)
    for pattern, about in _ABOUT_TAILS:
        tail = pattern.search(text)
        if head and tail and tail.start() >= head.end():
            return [Token(head.start(), head.end(), "filler", {}, 9),
                    Token(tail.start(), tail.end(), "output", _about(about), 2)]
    return []


_GROUP_HEADS = tuple((re.compile(lx.WHAT_GROUP_EN.format(group=words)), group)
                     for group, words in lx.WHAT_GROUP_HEAD_EN.items())
_GROUP_TAIL = re.compile(lx.WHAT_GROUP_TAIL_EN)


def _group_question(text: str) -> list[Token]:
    """'what membership levels do those top 10 have?', 'which cities are they in?': the audience by that
    group (the words between are the audience, read as usual)."""
    tail = _GROUP_TAIL.search(text)
    for pattern, group in _GROUP_HEADS:
        head = pattern.search(text)
        if head and tail and tail.start() >= head.end():
            return [Token(head.start(), head.end(), "output", {"output": "breakdown", "group_by": group, "what": True}, 2),
                    Token(tail.start(), tail.end(), "filler", {}, 9)]
    return []


_REQUEST_WRAPPERS = (re.compile(lx.REQUEST_WRAPPER_ZH), re.compile(lx.REQUEST_WRAPPER_EN))
_REQUEST_WRAPPER_TAIL = re.compile(lx.REQUEST_WRAPPER_TAIL_ZH)


def _request_wrapper(text: str) -> list[Token]:
    """'能帮我查下' / 'could you pull up' in front of a question, '能查一下吗' after it: filler (the
    opener before it, if any, is its own token)."""
    found = []
    for pattern in _REQUEST_WRAPPERS:
        match = pattern.match(text)
        if match and match.group("w").strip():
            found.append(Token(match.start("w"), match.end("w"), "filler", {}, 9))
            break
    tail = _REQUEST_WRAPPER_TAIL.search(text)
    if tail and tail.group("w") and (not found or tail.start("w") >= found[0].end):
        found.append(Token(tail.start("w"), tail.end("w"), "filler", {}, 9))
    return found


def _aspect_polar_patterns() -> list[tuple]:
    """What every aspect can take beyond lexicon.ASPECT_POLAR, as two compact patterns (kind, pattern,
    rank, build): a degree word inside a Chinese verdict (续航短 -> 续航太短 / 续航很短), and "problems" /
    "问题" with an aspect's name (battery problems, issues with the packaging, 包装有问题): negative."""
    names = {squash(w): aspect for aspect, words in lx.ASPECT.items() for w in words}
    zh_names = sorted((w for w in names if not w.isascii()), key=len, reverse=True)
    # what follows a name -> polarity, for that name (性价比高 +, 价格高 -), and for its aspect when all
    # of the aspect's names that say it agree (物流慢, 发货慢 -> 配送很慢)
    by_name: dict[tuple[str, str], str] = {}
    by_aspect: dict[tuple[str, str], set] = {}
    for (aspect, polarity), words in lx.ASPECT_POLAR.items():
        for word in words:
            name = next((n for n in zh_names if word.startswith(n) and len(word) > len(n)), None)
            rest = word[len(name):] if name else ""
            if name and names[name] == aspect and not rest.startswith(tuple(lx.DEGREE_ZH) + ("不", "没")):
                by_name[(name, rest)] = polarity
                by_aspect.setdefault((aspect, rest), set()).add(polarity)

    def degree(match) -> dict | None:
        name, rest = squash(match.group("n")), match.group("r")
        polarity = by_name.get((name, rest))
        if polarity is None and len(by_aspect.get((names[name], rest), ())) == 1:
            polarity = next(iter(by_aspect[(names[name], rest)]))
        return {"aspect": names[name], "polarity": polarity} if polarity else None

    def problem(match) -> dict:
        name = match.group("n") or match.group("n2") or match.group("n3")
        return {"aspect": names[squash(name)], "polarity": "negative"}

    en_names = lx.phrase_pattern([w for w in names if w.isascii()])
    problems_en = lx.phrase_pattern(lx.PROBLEM_EN)
    return [
        ("polar", rf"(?P<n>{lx.phrase_pattern(zh_names)})(?:{lx.phrase_pattern(lx.DEGREE_ZH)})"
                  rf"(?P<r>{lx.phrase_pattern({rest for _, rest in by_name})})", 3, degree),
        ("polar", rf"(?P<n>{en_names})\s+{problems_en}|{problems_en}\s+with\s+(?:the\s+|their\s+|its\s+)?(?P<n2>{en_names})"
                  rf"|(?P<n3>{lx.phrase_pattern(zh_names)})\s*{lx.phrase_pattern(lx.PROBLEM_ZH)}", 3, problem),
    ]


@lru_cache(maxsize=1)
def _staff_after_opinion() -> re.Pattern:
    opinion = lx.phrase_pattern([*lx.POLARITY["negative"], *lx.POLARITY["positive"], *lx.COMPLAINT_WORDS, "对"])
    return compile_cached(rf"(?:{opinion})(?:\s+(?:about|with|of|by))?\s*(?:(?:the|their|our|his|her|a|an)\s+)?"
                          rf"(?P<w>{lx.phrase_pattern(lx.STAFF_OCCUPATIONS)})")


def _staff_occupation_tokens(text: str) -> list[Token]:
    """老师 / 销售 / teacher right after an opinion word ("对老师不满", "抱怨销售", "complained about the teacher"):
    the staff — who teaches the teacher aspect, sales staff the service; rank 4 wins over the occupation
    the same word is elsewhere."""
    aspects = {squash(word): aspect for word, aspect in lx.STAFF_OCCUPATIONS.items()}
    return [Token(m.start("w"), m.end("w"), "aspect", {"aspect": aspects[squash(m.group("w"))]}, 4)
            for m in _staff_after_opinion().finditer(text)]


@lru_cache(maxsize=1)
def service_words() -> tuple[str, ...]:
    """Every word a question may use for the service and the people who serve or teach (客服, 前台, 教练, coach)."""
    merged = _with_people_and_place(lx.ASPECT)
    return tuple(merged["service"] + merged["teacher"])


def _with_people_and_place(table: dict) -> dict:
    """``table`` plus the analyzers' words for who gives the service, for the place (前台, 教练,
    coach, 更衣室, changing rooms, showers) and for what is used (app, 小程序, website): what a review is read as naming, a question names
    too (one source of truth: the analyzers' ASPECT_TERMS and the taxonomy's aspect synonyms). The
    taxonomy's opinion cues (helpful, rude) are no aspect names; other aspects' words are left out
    (价, 量, value, 使用: a question uses them for other things), and so are the occupations (老师, teacher:
    the staff only after an opinion word, see _staff_occupation_tokens)."""
    from schema.taxonomy import load_taxonomy
    from tools.analyzers import lexicon as analyzers

    opinions = {*analyzers.GENERAL, *analyzers.MULTI, *(w for words, _ in analyzers.IMPLIED.values() for w in words)}
    merged = {key: list(words) for key, words in table.items()}
    named = [(term, aspect) for term, (aspect, _) in analyzers.ASPECT_TERMS.items()]
    named += [(term, node.id) for node in load_taxonomy().of_kind("aspect") for term in node.synonyms]
    # a place's fittings (淋浴, showers); one the shop may sell (空调: home appliances) stays an interest word
    sold = {term for node in load_taxonomy().of_kind("interest") for term in node.synonyms}
    named += [(term, "environment") for term in analyzers.VENUE_TERMS if term not in sold]
    # what a customer uses (app, 软件, 小程序, website): the analyzers' usability names, not its other senses
    named += [(term, aspect) for term, (aspect, _) in analyzers.ASPECT_TERMS.items()
              if aspect == "usability" and term not in lx.USABILITY_OTHER_SENSES]
    for term, aspect in named:
        if (aspect in _NAMED_IN_QUESTIONS and term not in opinions and term not in lx.STAFF_OCCUPATIONS
                and len(term) > 1 and term not in merged[aspect]):
            merged[aspect].append(term)
    return merged


# the aspects a question names with the analyzers' words: who serves, the place, what is used
_NAMED_IN_QUESTIONS = ("service", "teacher", "environment", "usability")


def _all_other_words():
    """Phrases other tables own; a taxonomy name equal to one of them is not added (购买 = bought)."""
    return [*lx.VERBS.values(), *lx.ASPECT.values(), *lx.LIFECYCLE.values(), *lx.GENDER.values(),
            lx.COUNT_OUTPUT, lx.NEGATION]


_WEAK_NARROW = {"only", "just", "just the", "further", "里面", "当中"}
_EXCLUDE = frozenset(" ".join(w.split()) for w in lx.EXCLUDE)
_EXCEPT = frozenset(" ".join(w.split()) for w in lx.EXCEPT)
# "users that like hiking": these words refer back only when nothing else is asked
_WEAK_REFERENCE = {"this", "that", "it", "those", "these"}


def strong_narrow(tokens: list[Token]) -> bool:
    """A narrowing phrase that cannot mean anything else (其中, of those), not just 'only'."""
    return any(t.kind == "narrow" and t.data.get("strong") for t in tokens)


def strong_reference(tokens: list[Token]) -> bool:
    """A pronoun for the previous audience (them, 这些人), not a plain 'that'."""
    return any(t.kind == "reference" and t.data.get("strong") for t in tokens)


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
    # English plurals: 'moms' -> 'mom', 'campers'... try the word without its final s. A plural
    # phrase longer than a term inside it is kept too ("electric vehicles" over "vehicles"): the
    # longest token wins when they are chosen.
    singular = re.sub(r"(?<=[a-z]{3})s(?![a-z])", " ", text)
    if singular != text:
        spans = [(t.start, t.end) for t in tokens]
        for node_id, matched, offset in taxonomy.find_terms(singular, "interest"):
            end = offset + len(matched)
            if end < len(text) and text[end] == "s" and \
                    not any(start <= offset and end + 1 <= stop for start, stop in spans):
                tokens.append(Token(offset, end + 1, "interest", {"interest": node_id}, 8))
    tokens += _singular_tokens(text, tokens, taxonomy)
    return tokens + _agent_noun_tokens(text, tokens, taxonomy)


_LATIN_WORD = re.compile(r"(?<![a-z])[a-z]{4,}(?![a-z])")


def _singular_tokens(text: str, tokens: list[Token], taxonomy) -> list[Token]:
    """One of a kind the taxonomy names in the plural only: 'sneaker' (sneakers), 'boot' (boots), as in
    "sneaker buyers"; a word no other token covers."""
    covered = {i for t in tokens for i in range(t.start, t.end)}
    return [Token(m.start(), m.end(), "interest", {"interest": node_id}, 9) for m in _LATIN_WORD.finditer(text)
            if m.start() not in covered and (node_id := taxonomy.lookup(m.group(0) + "s"))]


_AGENT_NOUN = re.compile(r"(?<![a-z])([a-z]{2,}?)(?:ers?|ists?)(?![a-z])")


def _agent_noun_tokens(text: str, tokens: list[Token], taxonomy) -> list[Token]:
    """English doers of an interest: 'hikers' (hiking), 'campers', 'runners', 'skiers', 'cyclists'.
    A word no other token covers, not a filler noun ('shoppers' are users), is read as its activity
    in -ing when the taxonomy knows that name."""
    covered = {i for t in tokens for i in range(t.start, t.end)}
    found = []
    for match in _AGENT_NOUN.finditer(text):
        if match.group(0) in FILLER_EN_WORDS or covered & set(range(match.start(), match.end())):
            continue
        activity = match.group(1) + "ing"
        node = next((node_id for node_id, matched, _ in taxonomy.find_terms(activity, "interest")
                     if matched == activity), None)
        if node:
            found.append(Token(match.start(), match.end(), "interest", {"interest": node}, 9))
    return found


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
    # "older than 200" is an age nobody has (it matches no one); "over 500" without an age word is no age
    if not 1 <= value <= 120 and not (value >= 0 and AGE_WORD.search(match.group(0))):
        return None
    return {"cond": Condition("age", range=Range(**{op: value}), words=match.group(0).strip())}


AGE_WORD = re.compile(r"older|younger|aged?\b|years?|yrs|\byo\b|y/o|岁|年龄")


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
    first, last = lx.GENERATIONS[squash(match.group(0))]
    year_now = datetime.now().year
    return {"cond": Condition("age", range=Range(gte=year_now - last, lte=year_now - first),
                              words=match.group(0).strip())}


def _decade(match) -> dict:
    base = int(_num(match.group(1)))
    if base % 10 or not 10 <= base <= 90:
        return None
    return {"cond": Condition("age", range=Range(gte=base, lte=base + 9), words=match.group(0).strip())}


_INCLUSIVE_OPS = {"至少", "最少", "起码", "不少于", "不低于", "大于等于", "达到", "满", ">=", "≥", "at least",
                  "no less than", "不超过", "最多", "至多", "at most", "no more than", "<=", "≤"}
_UPPER_OP = re.compile(f"{lx.LT_ZH}|{lx.LT_EN}")
_UPPER_POST = re.compile(f"{lx.POST_LT_ZH}|{lx.POST_LT_EN}")


def _bound(op: str, post: str, value: float) -> Range:
    """'超过1000' -> > 1000; '至少1000' / '1000以上' -> >= 1000; '不到100' -> < 100; '100以下' -> <= 100."""
    op, post = (op or "").strip(), (post or "").strip()
    upper = bool(_UPPER_OP.fullmatch(op) or _UPPER_POST.fullmatch(post))
    inclusive = op in _INCLUSIVE_OPS or bool(post)
    if upper:
        return Range(lte=value) if inclusive else Range(lt=value)
    return Range(gte=value) if inclusive else Range(gt=value)


def _money_cond(kind: str):
    def build(match) -> dict:
        groups = match.groupdict()
        values = [_num(groups[k]) for k in ("a", "b") if groups.get(k)]
        if len(values) == 2:
            rng = Range(gte=min(values), lte=max(values))
        else:
            rng = _bound(groups.get("op"), groups.get("post"), values[0])
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


_MONEY_A = r"(?:¥|rmb|cny|\$)?\s*(?P<a>" + NUM + r")\s*(?:元|块钱|块|rmb|cny|yuan|¥|dollars|bucks)?"
_MONEY_B = r"(?:¥|rmb|cny|\$)?\s*(?P<b>" + NUM + r")\s*(?:元|块钱|块|rmb|cny|yuan|¥|dollars|bucks)?"


def _bare_bound_patterns() -> list[tuple]:
    """A bound with no measure of its own right after "or" ("消费超过1000或者低于100", "spent over 1000 or
    below 200 yuan"): the assembly gives it the measure before the "or" (Assembly._continued_bounds).
    Only after "or": elsewhere a bare number is no condition."""
    after_or = r"(?:(?<=或)|(?<=或者)|(?<=或是)|(?<=还是)|(?<=(?<![a-z])or ))\s*"
    build = _money_cond("bound")
    return [
        ("bound", rf"{after_or}(?P<op>{lx.GT_ZH}|{lx.LT_ZH}|{lx.GT_EN}|{lx.LT_EN})\s*{_MONEY_A}", 9, build),
        ("bound", rf"{after_or}(?:在)?\s*{_MONEY_A}\s*(?P<post>{lx.POST_GT_ZH}|{lx.POST_LT_ZH})", 9, build),
    ]


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


def bounded_count(match) -> dict:
    """The count a match says in its groups ``n``, ``op`` or ``op2`` (超过, at least) and ``post`` or ``post2``
    (以上, or more): {"min", "max"} ("超过3单" -> at least 4)."""
    groups = match.groupdict()
    rng = _bound(groups.get("op") or groups.get("op2"), groups.get("post") or groups.get("post2"),
                 _num(match.group("n")))
    low = rng.gte if rng.gte is not None else (rng.gt + 1 if rng.gt is not None else 0)
    high = rng.lte if rng.lte is not None else (rng.lt - 1 if rng.lt is not None else None)
    return _count(low, high)


def _order_count_patterns() -> list[tuple]:
    n = rf"(?P<n>{NUM})"

    def build(match):
        return {"action": "order", "count": bounded_count(match)}

    noun_zh, noun_en = lx.ORDER_NOUN_ZH, lx.ORDER_NOUN_EN
    return [
        ("verb", rf"(?P<op>{lx.GT_ZH}|{lx.LT_ZH})\s*{n}\s*{noun_zh}", 2, build),
        ("verb", rf"{n}\s*{noun_zh}\s*(?P<post>{lx.POST_GT_ZH})", 2, build),
        ("verb", rf"{n}\s*{noun_zh}\s*(?P<post>{lx.POST_LT_ZH})", 2, build),
        ("verb", rf"(?:下过|下了|下单|买过|买了|购买过?|预[订定]过?|订过|订了)\s*{n}\s*(?:单|次)\s*(?P<post>{lx.POST_GT_ZH})?", 2,
         lambda m: {"action": "order", "count": _count(_num(m.group("n")), None)}),
        ("verb", rf"(?:下过|下了|下单|买过|买了|购买过?|预[订定]过?|订过|订了)\s*(?P<op>{lx.GT_ZH})\s*{n}\s*(?:单|次)", 2, build),
        # "只下过一单", "只订过1次": exactly that many
        ("verb", rf"(?:只|仅|就)\s*(?:下过|下了|买过|买了|购买过|预[订定]过|订过|订了)\s*{n}\s*(?:单|次)", 1,
         lambda m: {"action": "order", "count": _count(_num(m.group("n")), _num(m.group("n")))}),
        ("verb", rf"(?:订单数|订单量|下单次数|下单数|购买次数|订单数量)\s*(?P<op>{lx.GT_ZH}|{lx.LT_ZH})\s*{n}\s*(?:单|次|个)?",
         2, build),
        ("verb", rf"(?P<op>{lx.GT_EN}|{lx.LT_EN})\s+{n}\s+{noun_en}", 2, build),
        ("verb", rf"{n}\s*(?P<post>\+)\s*{noun_en}", 2, build),
        ("verb", rf"{n}\s+(?:(?P<post>or\s+more)\s+{noun_en}|{noun_en}\s+(?P<post2>{lx.POST_GT_EN}))", 2,
         lambda m: {"action": "order", "count": _count(_num(m.group("n")), None)}),
        ("verb", rf"(?:order\s+count|number\s+of\s+orders|orders)\s+(?:of\s+|is\s+)?(?P<op>{lx.GT_EN}|{lx.LT_EN})\s*{n}",
         2, build),
        ("verb", rf"(?<![\w.]){n}\s+{noun_en}", 3, lambda m: {"action": "order", "count": _count(_num(m.group("n")), None)}),
    ]


# 2026-10-01, 2026/10/1, 2026年10月1日, 2026年10月, 2026年, and in English a bare year (since 2025)
_DATE = (r"(?:(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*(?:日|号)?|\s*月(?:份)?)?"
         r"|(?P<year>(?:19|20)\d{2})\s*(?:年(?:份)?|(?![\d./-])))")


def _date_window(kind: str):
    def build(match) -> dict | None:
        groups = match.groupdict()
        try:
            day = date(int(groups["y"] or groups["year"]), int(groups["m"] or 1), int(groups["d"] or 1))
        except ValueError:
            return None
        return {"window": Window(kind, date=day.isoformat())}
    return build


# "9/15", "10/1" (month/day, the year left out): the latest such day that has begun
_MONTH_DAY = r"(?P<mon>1[0-2]|0?[1-9])\s*/\s*(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/])"


def _month_day(kind: str):
    def build(match) -> dict | None:
        start = _month_start(int(match.group("mon")), int(match.group("day")))
        return {"window": Window(kind, date=start.isoformat())} if start else None
    return build


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
        ("window", rf"(?:{lx.LONG_AGO_ZH}\s*)?{n}\s*(?:个)?\s*(?:多)?\s*{unit_zh}(?:多)?(?:以来|来|以上)?"
                   rf"(?=\s*(?:都|也|一直|从)?\s*(?:没|未|不))", 3, zh),
        ("window", rf"{lx.UNDER_ZH}\s*{n}\s*(?:个)?\s*{unit_zh}", 3, zh),
        ("window", rf"(?:(?:in|within|during|over|for|from)\s+)?(?:the\s+)?(?:last|past|previous|recent|prior)"
                   rf"\s+(?:{n}\s+)?{unit_en}", 2, en),
        ("window", rf"(?:in|within|for|over)\s+(?:the\s+)?(?:(?:more\s+than|over|at\s+least)\s+)?{n}\s+{unit_en}",
         2, en),
        ("window", rf"(?:less\s+than|under|within)\s+{n}\s+{unit_en}\s+ago", 2, en),
        # "半年前买过", "bought 6 months ago": before that day (the window a later "recently" leaves out)
        ("window", rf"(?<![最近过去往])(?:{lx.LONG_AGO_ZH}\s*)?{n}\s*(?:个)?\s*(?:多)?\s*{unit_zh}(?:多)?\s*(?:以前|之前|前)"
                   rf"(?!\s*(?:以内|之内|内))", 3, lambda match: _ago(zh(match))),
        ("window", rf"(?:(?:more\s+than|over|at\s+least)\s+)?(?:{n}|an?)\s+{unit_en}\s+ago", 2, lambda match: _ago(en(match))),
        ("window", rf"(?:{lx.LAPSED_ZH})(?=\s*(?:都|也|一直|还)?\s*(?:没|未|不))", 3, _lapsed),
        ("window", rf"(?<![a-z]){lx.LAPSED_EN}(?![a-z])", 2, _lapsed),
        *_month_windows(),
        *_fixed_windows(),
        *_periods_before(),
        *date_ranges.patterns(),
        *date_anchors.patterns(),
        *seasons.patterns(),
        ("window", rf"(?:since|after|from|starting(?:\s+from)?)\s+(?:the\s+)?{_DATE}", 2, _date_window("since")),
        ("window", rf"(?:since|after|from|starting(?:\s+from)?)\s+{_MONTH_DAY}", 2, _month_day("since")),
        ("window", rf"(?:before|until|prior\s+to)\s+{_MONTH_DAY}", 2, _month_day("before")),
        ("window", rf"(?:从|自|自从)?\s*{_DATE}\s*(?:以来|以后|之后|起|开始|后)", 2, _date_window("since")),
        ("window", rf"(?:before|until|prior\s+to)\s+{_DATE}", 2, _date_window("before")),
        ("window", rf"{_DATE}\s*(?:以前|之前|前)", 2, _date_window("before")),
    ]


def _periods_before() -> list[tuple]:
    """上周 / last month / 上个季度: the calendar week, month or quarter before this one; 上上个月 / the month
    before last: the one before that (n = 2). Ranked before "last <unit>" (the last n days); "in the last
    week / month" stay days ("the" is in the week's and month's own words where it belongs)."""
    out = []
    for kind, words, unit in (("last_week", lx.LAST_WEEK, "week"), ("last_month", lx.LAST_MONTH, "month"),
                              ("last_quarter", lx.LAST_QUARTER, "quarter")):
        said = lx.phrase_pattern(words)
        the = r"(?:the\s+)?" if kind == "last_quarter" else ""
        out += [("window", rf"(?:(?:in|during|over|for)\s+)?{the}{said}", 1, lambda _, k=kind: {"window": Window(k)}),
                ("window", rf"上\s*(?=上){said}|(?:(?:in|during|over|for)\s+)?(?:the\s+)?{unit}\s+before\s+last", 1,
                 lambda _, k=kind: {"window": Window(k, n=2)})]
    return out


def _ago(found: dict | None) -> dict | None:
    """A window of the last n days turned into "before n days ago" (``n`` kept, for the answer's words)."""
    if found is None:
        return None
    days = found["window"].n
    return {"window": Window("before", n=days, date=(date.today() - timedelta(days=days)).isoformat())}


def _lapsed(match) -> dict:
    """'in a while' / '好久': the window of a lapse ("haven't ordered in a while"), marked as one."""
    days = lx.LAPSED_LONG_DAYS if match.group("long") else lx.LAPSED_DAYS
    return {"window": Window.days(days), "lapsed": True}


def _month_start(month: int, day: int = 1) -> date | None:
    """The latest date with this month and day that is not in the future ("since October" in
    December is this year's October; in March, last year's)."""
    today = date.today()
    try:
        start = date(today.year, month, day)
        return start if start <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


def _month_windows() -> list[tuple]:
    """'since October', 'in november', 'before oct 15', '10月以来', '11月份', '3月之前'."""
    names = lx.phrase_pattern(lx.MONTHS_EN)
    en_month = rf"(?P<name>{names})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))?"

    def build(kind: str):
        def read(match) -> dict | None:
            groups = match.groupdict()
            month = lx.MONTHS_EN[groups["name"]] if groups.get("name") else int(_num(groups["mon"]))
            day = int(groups["day"]) if groups.get("day") else 1
            if not 1 <= month <= 12 or (kind == "month" and groups.get("day")):
                return None
            if groups.get("year"):   # "2026年11月的", "in November 2025": that year's
                return {"window": Window(kind, date=date(int(groups["year"]), month, day).isoformat())}
            start = _month_start(month, day)
            return {"window": Window(kind, date=start.isoformat())} if start else None
        return read

    zh_month = rf"(?<![\d年个.])(?:从|自|自从|在)?\s*{lx.MONTH_ZH}"
    year_month = r"(?<!\d)(?:在\s*)?(?P<year>(?:19|20)\d{2})\s*年\s*(?P<mon>1[0-2]|0?[1-9])\s*月(?:份)?"
    def year(match) -> dict:   # "2025年注册的", "monthly order count for 2026": that whole calendar year
        said = int(match.group("y"))
        return {"window": Window("between", date=date(said, 1, 1).isoformat(), end=date(said, 12, 31).isoformat())}

    return [
        ("window", r"(?<![\d.])(?:在\s*)?(?P<y>(?:19|20)\d{2})\s*年(?:度|全年|一整年|整年|一年)?(?:里|内|中|期间|当中)?"
                   r"(?!\s*(?:\d|[一二三四五六七八九十]|以来|之前|以前|前|后|之后|以后|起|开始))", 3, year),
        ("window", r"(?<![a-z])(?:in|during|for|of|throughout|over)\s+(?:the\s+(?:whole\s+|full\s+)?year\s+)?"
                   r"(?P<y>(?:19|20)\d{2})(?![\d-])", 2, year),
        ("window", rf"{year_month}(?:(?<=份)|(?=\s*{lx.IN_MONTH_ZH}))", 3, build("month")),   # 2026年11月的
        ("window", rf"(?:since|after|from|starting(?:\s+from)?)\s+(?:early\s+)?{en_month}", 2, build("since")),
        ("window", rf"(?:before|until|prior\s+to)\s+{en_month}", 2, build("before")),
        ("window", rf"(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?(?P<name>{names})"
                   rf"(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?(?![a-z0-9])", 2, build("month")),
        ("window", rf"{zh_month}\s*{lx.SINCE_AFTER_ZH}", 2, build("since")),
        ("window", rf"{zh_month}\s*{lx.BEFORE_AFTER_ZH}", 2, build("before")),
        ("window", rf"{zh_month}(?:(?<=份)|(?=\s*{lx.IN_MONTH_ZH}))", 3, build("month")),   # 11月份, 11月的
    ]


def _age_patterns() -> list[tuple]:
    n = rf"(?P<n>{NUM})"
    zh_unit, en_unit = lx.AGE_UNIT_ZH, lx.AGE_UNIT_EN
    not_age = r"(?!\s*(?:元|yuan|rmb|dollars|times|orders|purchases|days|weeks|months|%))"  # "under 100 yuan"
    range_zh = rf"({NUM})\s*(?:{zh_unit})?\s*(?:到|至|-|~|—)\s*({NUM})\s*{zh_unit}(?:之间|以内)?"
    range_zh2 = rf"年龄\s*(?:在|是|介于)?\s*({NUM})\s*(?:{zh_unit})?\s*(?:到|至|-|~|—)\s*({NUM})\s*(?:{zh_unit})?(?:之间)?"
    range_en = (rf"(?:(?:aged|ages?)(?:\s+(?:between|from))?|age\s+between|between\s+the\s+ages\s+of|between\s+ages)\s+"
                rf"({NUM})\s*(?:-|to|and)\s*"
                rf"({NUM})(?:\s*{en_unit})?")
    range_en2 = rf"(?:between\s+)?({NUM})\s*(?:-|to|and)\s*({NUM})\s*{en_unit}"
    range_en3 = rf"between\s+({NUM})\s+and\s+({NUM})(?!\s*(?:元|yuan|rmb|dollars|times|orders))"
    return [
        ("cond", range_zh, 2, _age_range),
        ("cond", range_zh2, 2, _age_range),
        ("cond", range_en, 2, _age_range),
        ("cond", range_en2, 2, _age_range),
        ("cond", range_en3, 3, _age_range),
        # 以上 includes the number (65岁以上: 65 too, as Chinese law and usage read it); 之上 and "+" do not
        ("cond", rf"{n}\s*{zh_unit}\s*(?:及以上|或以上|以上|之上|\+)", 2, lambda m: _age_bound(m, "gte")
         if "以上" in m.group(0) else _age_bound(m, "gt")),
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
        ("cond", rf"(?:aged\s+)?(?:under|below|younger\s+than|less\s+than)\s+{n}(?:\s*{en_unit})?{not_age}",
         3, lambda m: _age_bound(m, "lt")),
        ("cond", rf"(?:aged\s+)?(?:over|above|older\s+than|more\s+than)\s+{n}(?:\s*{en_unit})?{not_age}",
         3, lambda m: _age_bound(m, "gt")),
        ("cond", rf"(?:aged\s+)?{n}\s*(?:\+|(?:{en_unit}\s+)?(?:or|and)\s+(?:older|over|above|up))", 3,
         lambda m: _age_bound(m, "gte")),
        ("cond", rf"(?:aged\s+)?{n}\s*{en_unit}?\s+(?:or|and)\s+(?:younger|under|below)", 3,
         lambda m: _age_bound(m, "lte")),
        ("cond", rf"(?:at\s+least|aged\s+at\s+least)\s+{n}\s*{en_unit}", 2, lambda m: _age_bound(m, "gte")),
        ("cond", rf"in\s+their\s+({NUM})s", 2, _decade),
        # "the under-25s", "over-60s": the people of that side of an age
        ("cond", rf"(?<![a-z])(?:under|below)[\s-]*{n}s(?![a-z])", 2, lambda m: _age_bound(m, "lt")),
        ("cond", rf"(?<![a-z])over[\s-]*{n}s(?![a-z])", 2, lambda m: _age_bound(m, "gte")),
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
         lambda m: _tier(_SpacedMatch(m, "t", " ".join(re.findall(   # not the i of a second "tier"
             r"(?<![a-z])(?:[1-5]|one|two|three|four|five|i{1,3})(?![a-z])", m.group("t")))))),
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
    gw_zh = "(?P<g>" + _zh_group_words([w for w, key in zh_words.items() if key != "product"], zh_words) + ")"
    gw_en = "(?P<g>" + lx.phrase_pattern(en_words) + ")"
    n = rf"(?P<n>{NUM})"
    # an order's brand or product said bare, after what sells: "这个月卖得最好的品牌", "销量前十的商品是哪些",
    # "best-selling brands this month" (the figure is its own token: assemble.Assembly._measure)
    sold_zh = "(?P<g>" + _zh_group_words([w for g in ORDER_GROUP_KEYS for w in lx.GROUP_WORDS[g][0]
                                          if g != "product"], lx.GROUP_WORDS["product"][0]) + ")"
    sold_en = "(?P<g>" + lx.phrase_pattern([w for g in ORDER_GROUP_KEYS for w in lx.GROUP_WORDS[g][1]]) + ")"

    def build(match):
        word = squash(match.group("g"))
        key = zh_words.get(word) or en_words.get(word)
        data = {"output": "breakdown", "group_by": key, "each": bool(_EACH_GROUP.match(match.group(0)))}
        if match.groupdict().get("n"):
            data["top"] = int(_num(match.group("n")))
        return data

    def column(match):
        """"with their member level", "把他们的会员等级列出来": the users listed, with that attribute."""
        key = build(match)["group_by"]
        if key not in lx.LIST_COLUMN_GROUPS:
            return None
        return {"output": "list", "columns": [key] if key in COLUMNS else []}

    return [
        *[("output", pattern.format(gw_zh=gw_zh, gw_en=gw_en), 2, column) for pattern in lx.LIST_COLUMN_PATTERNS],
        ("output", rf"{lx.BREAKDOWN_BEFORE_ZH}\s*(?:各个|不同的?)?\s*{gw_zh}\s*(?:来)?\s*(?:看一下|看下)?\s*"
                   rf"(?:{lx.BREAKDOWN_AFTER_ZH})?", 2, build),
        # mixed: "按 age 分布", "按 city 看"
        ("output", rf"{lx.BREAKDOWN_BEFORE_ZH}\s*{gw_en}\s*(?:来)?\s*(?:看一下|看下)?\s*(?:{lx.BREAKDOWN_AFTER_ZH})?", 2, build),
        ("output", rf"{lx.BREAKDOWN_EACH_ZH}\s*{gw_zh}(?:\s*的?\s*{lx.BREAKDOWN_AFTER_ZH})?", 2, build),
        ("output", rf"{gw_zh}\s*(?:的)?\s*{lx.BREAKDOWN_AFTER_ZH}", 2, build),
        ("output", rf"{lx.BREAKDOWN_WHICH}\s*{gw_zh}", 2, build),
        ("output", rf"哪\s*{n}\s*(?:个|大)?\s*{gw_zh}", 1, build),   # 哪5个城市: the first five
        ("output", rf"(?:前|top\s*){n}\s*(?:个|名|大)?\s*{gw_zh}", 1, build),
        ("output", rf"的\s*{sold_zh}(?=\s*(?:是|有)?\s*(?:哪些|哪个|哪几个|哪几款|什么)?\s*(?:呢|呀|啊)?\s*[?？。!！]*\s*$)", 2, build),
        ("output", rf"(?:(?<=selling\s)|(?<=sellers\s)|(?<=sold\s)){sold_en}", 2, build),
        # the brand after the kind of goods it makes, before what it sold: 哪个奶粉品牌买的人最多, "which diaper brand
        # sells the most" (the kind is a condition of its own, the brands ranked within it)
        ("output", r"(?<=[\u3400-\u9fff])(?P<g>品牌|牌子)(?=\s*(?:的)?\s*(?:买的人|购买的人|卖得|卖的|销量|销售额|最|用户))", 2,
         build),
        ("output", r"(?<=[a-z]\s)(?P<g>brands?)(?=\s+(?:sells?|sold|selling|has|have|had|is|are|gets?|got|with)(?![a-z]))",
         2, build),
        ("output", rf"{gw_zh}\s*(?:前|top\s*){n}\s*(?:个|名)?", 1, build),
        ("output", rf"(?<![a-z]){lx.BREAKDOWN_BEFORE_EN}\s+{gw_en}", 2, build),   # not "baby products"
        ("output", rf"(?<![a-z])into\s+(?:(?:their|the|different|separate)\s+)?{gw_en}", 2, build),   # split … into age groups
        ("output", rf"{gw_en}\s+{lx.BREAKDOWN_AFTER_EN}", 2, build),
        ("output", rf"{lx.BREAKDOWN_AFTER_EN}\s+(?:by|of|per|across)\s+{gw_en}", 2, build),
        ("output", rf"which\s+{gw_en}", 2, build),
        # "segment sizes", "the size of each segment", "how big is each city": every group's own headcount
        ("output", rf"{gw_en}\s+sizes?", 2, lambda match: {**build(match), "each": True, "sizes": True}),
        ("output", rf"(?:the\s+)?(?:sizes?|how\s+big)\s+(?:of|is|are)\s+(?:each|every|all|the)\s+{gw_en}", 2,
         lambda match: {**build(match), "each": True, "sizes": True}),
        ("output", rf"which\s+{n}\s+{gw_en}", 1, build),
        # "list segments", "show me the segments", 有哪些分群: the saved segments themselves, each with its size
        ("output", r"^\s*(?:list|show(?:\s+me)?|see|what\s+are)\s+(?:all\s+)?(?:the\s+|our\s+|my\s+)?(?:saved\s+)?"
                   r"segments\s*[?.!]*\s*$|^\s*(?:列出|看看|看下)?(?:我们)?(?:有哪些|所有的?|全部的?)?(?:已保存的)?分群(?:列表)?"
                   r"(?:有哪些)?\s*[?？。!！]*\s*$", 1,
         lambda match: {"output": "breakdown", "group_by": "segment", "each": True, "sizes": True}),
        ("output", rf"{lx.BREAKDOWN_THEIR_EN}\s+{gw_en}\s*\??\s*$", 3, build),
        ("output", rf"{lx.BREAKDOWN_WHERE_ZH}\s*{gw_zh}", 2, build),
        ("output", lx.WHICH_MONTH_ZH, 2, lambda match: {"output": "breakdown", "group_by": "month", "each": False}),
        ("output", lx.MONTHLY, 2, lambda match: {"output": "breakdown", "group_by": "month", "each": True}),
        *[("output", pattern, 2, lambda match, group=group: {"output": "breakdown", "group_by": group, "each": False})
          for group, pattern in lx.TIME_BREAKDOWNS],
        # "他们主要买什么品类", "what categories do they buy": the data's own categories of their orders
        ("output", lx.WHAT_CATEGORY, 2, lambda match: {"output": "breakdown", "group_by": "category", "each": False}),
        # "这些人还喜欢买什么", "what else do they buy": the kinds of goods of their orders
        ("output", lx.phrase_pattern(lx.BOUGHT_WHAT), 1,
         lambda match: {"output": "breakdown", "group_by": "bought_interest", "each": False}),
        # "哪类用户", "什么类型的客户": the kinds of users are the consumption types
        ("output", lx.USER_KIND_ZH, 2, lambda match: {"output": "breakdown", "group_by": "consumption", "each": False}),
        ("output", rf"top\s+{n}\s+{gw_en}", 1, build),
        ("output", rf"(?<![a-z])top\s+{gw_en}", 1, build),   # "top cities by number of users": every city, most first
        ("output", rf"(?:最多|最高|最大|最少|最低|最小)的?\s*{gw_zh}", 2, build),
        ("output", rf"(?<![前第\d])\s*{n}\s*(?:个|大)\s*{gw_zh}", 2, build),   # 用户最多的5个城市
        ("output", rf"(?:(?:the|which)\s+)?(?:{n}\s+)?{gw_en}\s+(?:with|that\s+ha(?:ve|s)|having)\s+the\s+"
                   rf"(?:most|highest|largest)", 2, build),
    ]


def _popular_group(match) -> str:
    """The group a "most popular" question ranks: its brands or its categories."""
    word = next(g for g in match.groups() if g)
    return "brand" if word.startswith(("brand", "品牌")) else "category"


def _zh_group_words(words, products) -> str:
    """The Chinese group words; 商品 / 产品 only as a word of their own (按商品, 哪些商品, 卖得最好的商品), never the end
    of a kind of goods ("数码产品的比例" is a share of digital fans, no breakdown by product)."""
    product_words = [w for w in products if w in lx.GROUP_WORDS["product"][0]]
    return lx.phrase_pattern([w for w in words if w not in product_words]) + \
        "|" + lx.PRODUCT_WORD_BEFORE_ZH + "(?:" + lx.phrase_pattern(product_words) + ")"


_EACH_GROUP = re.compile(lx.EACH_GROUP)
# The groups an order has, not a user (compile.ORDER_GROUPS)
ORDER_GROUP_KEYS = ("brand", "product", "category")
_ORDER_COUNT_BEFORE_EN = re.compile(lx.ORDER_COUNT_BEFORE_EN)
_GOODS_BEFORE_EN = re.compile(r"(?<![a-z])(?:supplies|supply|products|goods|gear|items)\s+$")
_ORDER_NOT_CATEGORY = re.compile(lx.POPULATION + r"|(?<![a-z])(?:placed|made|did|do|does|have|has|had|who|that|with|"
                                 r"bought|ordered|were|was|are|is)(?![a-z])")


_PERCENT_AFTER_RE = re.compile(r"\s*(?:%|％|percent(?![a-z])|per\s+cent(?![a-z]))")


def _percent_after(match: re.Match) -> dict:
    """"前10%的用户", "top 10% of spenders": the number ranked is a percent of the users."""
    ends = [match.end(name) for name in ("n", "n2", "n3", "n4") if name in match.re.groupindex and match.group(name)]
    percent = any(_PERCENT_AFTER_RE.match(match.string, end) for end in [*ends, match.end()])
    return {"percent": True} if percent else {}


def _rank_patterns() -> list[tuple]:
    """Ranking single users by a figure: 'rank_by' (消费最高的, by total spend, 20 biggest spenders)
    and 'rank_top' (前10个, top 10). The assembly joins them; a 'how many' alone means nothing."""
    group_zh = lx.phrase_pattern([w for zh, _ in lx.GROUP_WORDS.values() for w in zh])
    metrics_zh = {w: key for key, words in lx.RANK_METRIC_ZH.items() for w in words}
    metrics_en = {" ".join(w.split()): key for key, words in lx.RANK_METRIC_EN.items() for w in words}
    m_zh, m_en = lx.phrase_pattern(list(metrics_zh)), lx.phrase_pattern(list(metrics_en))
    figures_zh = lx.phrase_pattern([w for w, key in metrics_zh.items() if key != ("last_order", "max")])
    num = rf"(?:{NUM})"
    ascending = {" ".join(w.split()) for w in lx.RANK_ASC}
    dir_zh = lx.phrase_pattern(lx.RANK_DESC + lx.RANK_ASC)

    def by(table: dict, low: bool = False):
        def build(match) -> dict:
            metric, agg = table[" ".join(match.group("m").split())]
            groups = match.groupdict()
            said = groups.get("dir")
            return {"metric": metric, "agg": agg, **({"top": int(_num(groups["n"]))} if groups.get("n") else {}),
                    **_percent_after(match),
                    **({"ascending": " ".join(said.split()) in ascending} if said else
                       {"ascending": True} if low else {})}
        return build

    def top(low: bool = False):
        def build(match) -> dict | None:
            groups = match.groupdict()
            number = groups["n"] or groups.get("n2") or groups.get("n3") or groups.get("n4")
            value = _num(number) if number else 0
            if not number or value != int(value):
                return None
            return {"top": int(value), **_percent_after(match),
                    **({"ascending": True} if low else {})}   # top 0: refused in assembly
        return build

    def fixed(metric: str, agg: str, low: bool = False):
        """A phrase that names the figure itself ("lowest spenders", "最近下单的"), with how many maybe."""
        def build(match) -> dict:
            groups = match.groupdict()
            number = groups.get("n") or groups.get("n2") or groups.get("n3")
            return {"metric": metric, "agg": agg, **({"top": int(_num(number))} if number else {}),
                    **({"ascending": True} if low else {})}
        return build

    def best(match) -> dict:
        """'best customers': the best are read as the biggest spenders (the answer names the figure)."""
        number = match.group("n") or match.group("n2") or match.group("n3")
        return {"metric": "spend", "agg": "sum", **({"top": int(_num(number))} if number else {})}

    def spenders(match) -> dict | None:
        number = match.group("n") or match.group("n2") or match.group("n3")
        return {"metric": "spend", "agg": "sum", "top": int(_num(number)), **_percent_after(match)} if number else None

    return [
        # 消费最高的 / 消费金额排名 / 下单次数最多的 — but not 消费最高的城市 (a figure per group)
        ("rank_by", rf"(?P<m>{m_zh})\s*{lx.RANK_HIGH_ZH}(?:\s*的)?(?!\s*的?\s*(?:{group_zh}))", 1, by(metrics_zh)),
        ("rank_by", rf"(?P<m>{m_zh})\s*{lx.RANK_LOW_ZH}(?:\s*的)?(?!\s*的?\s*(?:{group_zh}))", 1,
         by(metrics_zh, low=True)),
        # 消费最高的城市: the figure of each group (the group words follow), not a user ranking
        ("metric", rf"(?P<m>{figures_zh})(?=\s*{lx.RANK_HIGH_ZH}\s*的?\s*(?:{group_zh}))", 2,
         lambda m: dict(zip(("metric", "agg"), metrics_zh[m.group("m")]))),
        # 消费前五的用户 / 下单次数排名前10: the figure and how many in one
        ("rank_by", rf"(?:(?:按|根据|按照)\s*)?(?P<m>{m_zh})\s*(?:排名|排行)?\s*(?:前|top\s*)(?P<n>{num})\s*(?:个|位|名)?", 1, by(metrics_zh)),
        # 按消费金额从高到低排列 / 按下单次数从低到高 / 按最近下单时间排序
        ("rank_by", rf"(?:按|根据|按照)\s*(?P<m>{m_zh})\s*(?:(?P<dir>{dir_zh})\s*{lx.SORT_VERB_ZH}?|{lx.SORT_VERB_ZH})",
         1, by(metrics_zh)),
        ("rank_by", lx.RANK_RECENT_ZH.format(num=num), 1, fixed("last_order", "max")),
        ("rank_by", lx.RANK_RECENT_EN.format(num=num), 1, fixed("last_order", "max")),
        ("rank_by", lx.RANK_LOW_SPENDERS_EN.format(num=num), 1, fixed("spend", "sum", low=True)),
        ("rank_by", lx.RANK_LEAST_EN["spend"], 2, fixed("spend", "sum", low=True)),
        ("rank_by", lx.RANK_LEAST_EN["order_count"], 2, fixed("order_count", "sum", low=True)),
        ("rank_by", rf"(?<![a-z])(?:with|have|has|had|having)\s+(?:the\s+)?(?:lowest|smallest|fewest|least)\s+"
                    rf"(?P<m>{m_en})(?![a-z])", 2, by(metrics_en, low=True)),
        ("rank_by", rf"(?<![a-z])(?:lowest|smallest|fewest)\s+(?P<m>{m_en})\s+(?P<n>{num})(?![a-z0-9])", 2,
         by(metrics_en, low=True)),
        # 消费第一的用户 / 下单次数排名第一: the top one
        ("rank_by", rf"(?P<m>{m_zh})\s*(?:排名|排行)?\s*第\s*(?:一|1)\s*(?:名|位)?(?!\s*(?:次|单|笔|件|天|周|个|月|年|季))", 1,
         lambda m: {**by(metrics_zh)(m), "top": 1}),
        ("rank_by", rf"(?<![a-z])(?:by|in)\s+(?:their\s+|the\s+)?(?P<m>{m_en})(?![a-z])", 2, by(metrics_en)),
        # "highest spending 10 gold members": with its number only ("the highest order value" is one figure)
        ("rank_by", rf"(?<![a-z])(?:highest|most|biggest|largest)\s+(?P<m>{m_en})\s+(?P<n>{num})(?![a-z0-9])", 2,
         by(metrics_en)),
        # "which 5 gold members have the highest AOV", "the users with the most orders"
        ("rank_by", rf"(?<![a-z])(?:with|have|has|had|having)\s+(?:the\s+)?(?:highest|biggest|largest|top|most)\s+"
                    rf"(?P<m>{m_en})(?![a-z])", 2, by(metrics_en)),
        ("rank_by", lx.RANK_SPENDERS_EN.format(num=num), 1, spenders),
        ("rank_by", lx.RANK_BEST.format(num=num), 1, best),
        # "最贵的一笔订单", "the most expensive order": one order, unless a number says how many
        ("rank_by", lx.RANK_TOP_ORDER_ZH.format(num=num), 1, lambda m: {**fixed("order_value", "max")(m),
                                                                       "top": int(_num(m.group("n"))) if m.group("n") else 1}),
        ("rank_by", lx.RANK_TOP_ORDER_EN.format(num=num), 1, lambda m: {**fixed("order_value", "max")(m),
                                                                       **({} if m.group("n") or m.group("n2") else {"top": 1})}),
        ("rank_by", lx.RANK_SPENDER_EN, 2, lambda m: {"metric": "spend", "agg": "sum",
                                                       **({} if m.group("many") else {"top": 1})}),
        ("rank_by", lx.RANK_MOST_EN["spend"], 2, lambda m: {"metric": "spend", "agg": "sum"}),
        ("rank_by", lx.RANK_MOST_EN["order_count"], 2, lambda m: {"metric": "order_count", "agg": "sum"}),
        ("rank_top", lx.RANK_TOP_ZH.format(num=num), 3, top()),
        ("rank_top", lx.RANK_TOP_EN.format(num=num), 3, top()),
        ("rank_top", lx.RANK_WHICH_EN.format(num=num), 3, top()),
        ("rank_top", lx.RANK_BOTTOM_ZH.format(num=num), 2, top(low=True)),
        ("rank_top", lx.RANK_BOTTOM_EN.format(num=num), 2, top(low=True)),
    ]


def high_spend_line() -> float:
    """The lifetime spend of a "big spender" by the fixed RFM bands: where the monetary score reaches 4."""
    from tools.profile.explicit import MONETARY_SPEND

    return float(sorted(MONETARY_SPEND)[-2])


def at_spend_line(tokens: list[Token], line: float | None, text: str = "") -> None:
    """Big-spender words mean the shop's own line (``line``: the monetary bands the build settled on,
    rfm_bands.high_spend_line), not the fixed bands' — a café's big spenders spend hundreds. Said of one
    thing ("the biggest spenders on pet food") they rank its buyers: the line is of all their orders."""
    for token in tokens:
        if token.data.get("high_spend") and re.match(r"\s+on\s", text[token.end:]):
            token.kind, token.data = "rank_by", {"metric": "spend", "agg": "sum"}
        elif line is not None and token.data.get("high_spend"):
            token.data = {**token.data, "cond": replace(token.data["cond"], range=Range(gte=line))}


def _metric_patterns() -> list[tuple]:
    """An aggregate word with a metric noun: 平均客单价, 人均消费, 订单总数, average age, total spend."""
    def alternatives(table: dict) -> tuple[str, dict]:
        words = {" ".join(w.lower().split()): key for key, phrases in table.items() for w in phrases}
        return lx.phrase_pattern(list(words)), words

    noun_zh, nouns_zh = alternatives(lx.METRIC_NOUN_ZH)
    noun_en, nouns_en = alternatives(lx.METRIC_NOUN_EN)
    before_zh, aggs_before = alternatives(lx.AGG_BEFORE_ZH)
    after_zh, aggs_after = alternatives(lx.AGG_AFTER_ZH)
    agg_en, aggs_en = alternatives(lx.AGG_EN)

    def build(nouns: dict, aggs: dict):
        def read(match) -> dict:
            return {"metric": nouns[squash(match.group("m"))], "agg": aggs[squash(match.group("a"))]}
        return read

    def orders(match) -> dict:   # a new dict each time: the assembly adds the window to it
        return {"metric": "order_count", "agg": "sum"}

    def category_orders(match) -> dict | None:
        """"how many pet orders", "number of outdoor gear orders": a few words of a category between the count
        and the noun (not "how many users placed orders": people who did something); "pet supply orders last
        quarter": orders of goods, said as a noun phrase."""
        before = match.string[:match.start()]
        if _GOODS_BEFORE_EN.search(before) and not _ORDER_NOT_CATEGORY.search(before):
            return orders(match)
        count = None
        for count in _ORDER_COUNT_BEFORE_EN.finditer(match.string, 0, match.start()):
            pass
        between = match.string[count.end():match.start()] if count else ""
        if count is None or not re.fullmatch(r"(?:\s+[a-z&'-]+){1,4}\s+", between) or _ORDER_NOT_CATEGORY.search(between):
            return None
        return orders(match)

    def sold(match) -> dict | None:
        """"how many tablets did we sell": a count of the goods before the verb; "what sold" alone is no count."""
        return orders(match) if _ORDER_COUNT_BEFORE_EN.search(match.string, 0, match.start()) else None

    return [
        ("metric", lx.SOLD_EN, 1, sold),
        ("metric", lx.ORDER_NOUN_EN, 1, category_orders),
        ("metric", lx.ORDER_TOTAL_ZH, 1, orders),
        ("metric", lx.ORDER_TOTAL_EN, 1, orders),
        ("filler", lx.ORDER_TOTAL_TAIL_EN, 5, lambda m: {}),
        ("metric", rf"(?P<a>{before_zh})\s*(?:的|了)?\s*(?P<m>{noun_zh})", 2, build(nouns_zh, aggs_before)),
        # "订单的平均" — but in "订单的平均客单价" 平均 is the figure's after it
        ("metric", rf"(?P<m>{noun_zh})\s*(?:的)?\s*(?P<a>{after_zh})(?!\s*(?:{noun_zh}))", 2, build(nouns_zh, aggs_after)),
        ("metric", rf"(?<![a-z])(?P<a>{agg_en})\s+(?:the\s+)?(?P<m>{noun_en}){lx.PER_USER_EN}(?![a-z])", 2,
         build(nouns_en, aggs_en)),
    ]


def _membership_request(said: str) -> dict:
    """The request a phrase names ("想冻结年卡" -> 冻结) and all the words it is said with."""
    key = next(key for key, words in lx.MEMBERSHIP_REQUESTS.items()
               if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", said) for w in words))
    return {"request": key, "words": lx.MEMBERSHIP_REQUESTS[key]}


_REGEX_RECOGNIZERS = [
    *_metric_patterns(),
    *[("metric", p, 1, lambda m: {"metric": "order_count", "agg": "sum"}) for p in lx.SHARE_OF_ORDERS],
    ("metric", lx.ORDERS_PER_USER_ZH, 1, lambda m: {"metric": "order_count", "agg": "avg"}),
    # "平均每个下过单的用户下了几单": the per-user words before the people, how many orders after them
    ("filler", lx.PER_USER_LEAD_ZH, 2, lambda m: {}),
    ("metric", lx.ORDERS_ASKED_ZH, 0, lambda m: {"metric": "order_count", "agg": "avg"}
     if re.search(lx.PER_USER_LEAD_ZH, m.string) and m.string.find("平均每") < m.start() else None),
    *_window_patterns(),
    *_count_patterns(),
    *_order_count_patterns(),
    *[("cond", p, 2, _money_cond("spend")) for p in _money_patterns(lx.SPEND_ZH, lx.SPEND_EN)],
    *[("cond", p, 2, _money_cond("avg_order")) for p in _money_patterns(lx.AVG_ZH, lx.AVG_EN)],
    *_age_patterns(),
    *_bare_bound_patterns(),
    *_tier_patterns(),
    *_breakdown_patterns(),
    *_rank_patterns(),
    ("intent", lx.INTENT_BEFORE_SWAP, 4, lambda m: {"intent": "purchase"}),
    ("intent", lx.CHURN_WISH, 4, lambda m: {"intent": "churn_risk"}),
    ("intent", lx.RENEW_WISH, 4, lambda m: {"intent": "repurchase"}),
    # "职业是家长的用户", "users whose job is engineer": the occupation after it says it all
    ("filler", r"职业(?:是|为)|(?<![a-z])(?:whose\s+)?(?:occupation|job|profession)\s+is(?:\s+an?)?(?![a-z])", 6,
     lambda m: {}),
    ("request", lx.MEMBERSHIP_REQUEST, 4, lambda m: _membership_request(m.group(0))),
    ("filler", lx.NOT_EVEN_ONE, 5, lambda m: {}),
    ("filler", lx.EARLIER_FILLER_ZH, 6, lambda m: {}),
    ("verb", lx.ORDER_AFTER_NEG, 5, lambda m: {"action": "order"}),
    ("quoted", r"\"([^\"]{1,40})\"|'([^']{1,40})'", 0, lambda m: {"text": (m.group(1) or m.group(2)).strip()}),
]


def squash(text: str) -> str:
    return " ".join(text.lower().split())


def table_key(table: dict, words: str):
    """The key of ``table`` (key -> list of phrases) whose phrase is ``words``."""
    wanted = squash(words)
    for key, phrases in table.items():
        if any(squash(p) == wanted for p in phrases):
            return key
    raise KeyError(words)
