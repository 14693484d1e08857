"""An opinion about a thing: "unhappy with the hotel", 对酒店不满意, 说iPhone不好, "complained about Sony"; and
about a role of who serves: 对美容师不满, "unhappy with the stylist" (name_staff_roles).

A thing is an interest of the taxonomy (酒店 / hotel) or a brand, not one of the aspects (price,
quality, service: those are aspect opinions, 对价格不满, and stay as they are). The analyzers store one
judgement per text and aspect (the emotions table) but not what the text is about, so an opinion
about a thing is read as a text with a judgement of that polarity that names the thing: one of the
interest's names and synonyms in either language (the words the build tags interests by), or the
brand under any of its spellings. Before, the opinion and the thing were two conditions (any negative
text AND an interest in hotels), which counted people who were unhappy with something else.
"""

from __future__ import annotations

import re

from agent.planner import lexicon as lx
from agent.planner.spec import Condition

# Between an opinion and the thing it is about: "unhappy with the hotel", "对酒店不满意", "说iPhone不好",
# "complained about our hotel", "吐槽过外卖"
_GLUE = re.compile(r"^(?:\s|对|对于|说|说过|觉得|认为|的|都|很|非常|比较|有点|有些|太|特别|挺|过|了|about|with|on|of|over|"
                   r"regarding|the|our|your|their|its|this|that|,)*$", re.IGNORECASE)
_THINGS = ("interest", "brand", "product")


def bind_opinion_objects(built: list[tuple[int, int, Condition]], text: str) -> None:
    """Fold a thing said right beside an opinion of anything into that opinion (in place): the
    opinion's texts must name it, and the thing is no condition of its own. A thing written as two
    ("Europe tour", "ski trip": a data word or interest, then an interest) is one name: its first part
    is what the texts must name."""
    for opinion in [item for item in built if _open_opinion(item[2])]:
        thing = _beside(opinion, built, text)
        if thing is None:
            continue
        things = [thing, *_rest_of_name(thing, built, text)]
        for item in things:
            built.remove(item)
        start, end, condition = opinion
        start, end = min(start, *(t[0] for t in things)), max(end, *(t[1] for t in things))
        condition.words = text[start:end].strip()
        interest = _interest_named(thing[2])
        if interest:
            condition.targets = interest
        else:
            condition.text = thing[2].values[0]
        built[built.index(opinion)] = (start, end, condition)


def name_staff_roles(built: list[tuple[int, int, Condition]]) -> None:
    """An opinion of who serves in person that names their role ("对美容师不满", "夸过发型师的", "unhappy with the
    stylist") is about that role, as an opinion about a thing is (in place): the opinion's texts must name the
    role in either language (lexicon.STAFF_ROLES), so 对美容师不满 counts no one who complained of a stylist. A
    word for anyone who serves (技师, technician, 老师) keeps the whole aspect."""
    for _, _, condition in built:
        if condition.kind == "aspect" and condition.values == ["teacher"] and not condition.text and not condition.negate:
            roles = [role for role, names in lx.STAFF_ROLES.items() if any(
                re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", condition.words.lower()) for name in names)]
            condition.text = _ROLES_JOINED.join(roles) or None   # 对美容师或发型师不满: either


# Between the roles of one opinion ("美容师或发型师") in ``Condition.text``
_ROLES_JOINED = "或"


def _roles(c: Condition) -> list[str]:
    """The roles of who serves an opinion is about (lexicon.STAFF_ROLES keys), none for another thing."""
    roles = (c.text or "").split(_ROLES_JOINED)
    return roles if all(role in lx.STAFF_ROLES for role in roles) else []


def _rest_of_name(thing, built, text) -> list:
    """Interests written right after the thing, only spaces between ("ski trip", "Sony headphones")."""
    rest, end = [], thing[1]
    for item in sorted(built, key=lambda i: i[0]):
        if item[0] >= end and item[2].kind == "interest" and not item[2].negate and not text[end:item[0]].strip():
            rest.append(item)
            end = item[1]
    return rest


def _interest_named(c: Condition) -> list[str]:
    """The interests a thing names: an interest's, or a data word that is an interest's name or synonym (the
    shop's category 酒店 is the hotels, so a text saying "hotel" is about it too)."""
    if c.kind == "interest":
        return list(c.values)
    from schema.taxonomy import load_taxonomy

    found = load_taxonomy().lookup(c.values[0]) if c.kind == "product" else None
    return [found] if found else []


def _open_opinion(c: Condition) -> bool:
    return c.kind == "aspect" and c.values == ["overall"] and c.polarity is not None and not c.negate \
        and not c.targets and not c.text


def _beside(opinion, built, text):
    """The interest, brand or data word (a product or category the orders name) right before or after the
    opinion, only glue words between."""
    start, end, _ = opinion
    for item in built:
        c = item[2]
        if c.kind not in _THINGS or c.negate or (c.kind != "interest" and len(c.values) != 1):
            continue
        gap = text[item[1]:start] if item[1] <= start else text[end:item[0]] if item[0] >= end else None
        if gap is not None and _GLUE.match(gap):
            return item
    return None


def with_details(clauses: list, unknown: list[str], text: str) -> list[str]:
    """Words not understood beside an opinion ("complained about diapers leaking", 吐槽红屁屁, 担心奶粉是假货) are
    what it is about in detail: the opinion's texts must say one of them, or a word of the same group in either
    language (lexicon.COMPLAINT_DETAILS), and the answer says so. A known complaint detail said with no opinion
    ("说纸尿裤漏尿的宝妈") is a complaint of itself: a negative opinion about the thing said right before it. Changes
    ``clauses`` in place; the words left (all of them when nothing reads them, or a word is a number) are still not
    understood."""
    opinions = [c for c in clauses if isinstance(c, Condition) and c.kind in ("aspect", "emotion") and not c.negate
                and (c.kind == "emotion" or c.polarity is not None)]
    if not opinions and unknown and all(len(_detail_group(w)) > 1 for w in unknown):
        opinions = [_complaint_of(clauses, unknown, text)]
    if not opinions or not unknown or not all(_detail_word(w) for w in unknown):
        return unknown
    opinions[0].details = list(dict.fromkeys(w for word in unknown for w in _detail_group(word)))
    return []


def _complaint_of(clauses: list, details: list[str], text: str) -> Condition:
    """A negative opinion (added to ``clauses``) about the interest said right before the first detail, if one is."""
    complaint = Condition("aspect", values=["overall"], polarity="negative", words=" ".join(details))
    at = text.find(details[0])
    thing = next((c for c in clauses if isinstance(c, Condition) and c.kind == "interest" and not c.negate and c.words
                  and 0 <= at - text.rfind(c.words, 0, at) - len(c.words) <= 1 and text.rfind(c.words, 0, at) >= 0),
                 None)
    if thing is not None:   # 纸尿裤漏尿: the leak is the diapers'
        clauses.remove(thing)
        complaint.targets, complaint.words = list(thing.values), f"{thing.words}{details[0]}"
    clauses.append(complaint)
    return complaint


def _detail_word(word: str) -> bool:
    return bool(lx.CJK_RE.search(word) and len(word) >= 2 or re.fullmatch(r"[a-z]{3,}", word))


def _detail_group(word: str) -> list[str]:
    return [word, *next((group for group in lx.COMPLAINT_DETAILS if word in group), [])]


def details_filter(builder, c: Condition) -> str:
    """The emotions row ``e`` is of a text that says one of the condition's detail words (any English form)."""
    from agent.planner.brands import containing

    return f"EXISTS (SELECT 1 FROM texts td WHERE td.text_id = e.text_id AND " \
           f"{containing(builder, ('td.text',), c.details, stems=True)})"


def details_description(c: Condition, lang: str) -> str:
    """'，且文本提到“漏尿”或“侧漏”…' / ', in texts that say "leaking" or "leak"…' (the first few words searched)."""
    shown = c.details[:4]
    more = "…" if len(c.details) > len(shown) else ""
    if lang == "zh":
        return "，且文本提到" + "或".join(f"“{w}”" for w in shown) + more
    return ", in texts that say " + " or ".join(f'"{w}"' for w in shown) + more


def about_words(c: Condition) -> list[str]:
    """The words a text must contain to be about the condition's thing (lower case)."""
    if _roles(c):   # a role of who serves, in either language
        return [name.lower() for role in _roles(c) for name in lx.STAFF_ROLES[role]]
    if c.text in lx.ASPECT_FACETS:   # a kind of complaint about the aspect ("flight delays")
        return list(lx.ASPECT_FACETS[c.text]["said"])
    if c.text:   # a brand (any spelling) or a data word
        from agent.planner.brands import spellings

        return list(dict.fromkeys([c.text.lower(), *spellings(c.text, in_texts=True)]))
    from agent.planner.compile import _descendants
    from schema.taxonomy import load_taxonomy

    ids = set(_descendants(c.targets))
    return [term for term, node in load_taxonomy().terms("interest").items() if node in ids]


def about_filter(builder, c: Condition) -> str:
    """The emotions row ``e`` is of a text (or its product) that names the thing."""
    from agent.planner.brands import containing

    test = containing(builder, ("tx.text", "tx.product"), about_words(c))
    return f"EXISTS (SELECT 1 FROM texts tx WHERE tx.text_id = e.text_id AND {test})"


def about_description(c: Condition, lang: str) -> str:
    """'对酒店住宿不满（负面文本中提到酒店住宿、酒店、宾馆、hotel…）' / 'negative about Hotels (negative texts that
    mention hotels, hotel, hostel, 酒店…)': the first few words of each script searched."""
    from agent.planner.describe import aspect_names, interest_names

    listed = _first_words(about_words(c), lang)
    if c.text in lx.ASPECT_FACETS:   # 对行程不满，说的是延误（负面文本中提到延误、晚点…）
        facet, aspect = lx.ASPECT_FACETS[c.text], aspect_names(c.values, lang)
        if lang == "zh":
            return f"对{aspect}不满，说的是{facet['zh']}（负面文本中提到{listed}）"
        return f"negative about {aspect.lower()}, about {facet['en']} (negative texts that mention {listed})"
    thing = c.text or interest_names(c.targets, lang)
    if _roles(c) and lang != "zh":   # "beautician or stylist": each role's first English name
        thing = " or ".join(next(n for n in lx.STAFF_ROLES[role] if not lx.CJK_RE.search(n)) for role in _roles(c))
    negative = c.polarity == "negative"
    if lang == "zh":
        return f"对{thing}{'不满' if negative else '满意'}（{'负面' if negative else '正面'}文本中提到{listed}）"
    judged = "negative" if negative else "positive"
    return f"{judged} about {thing} ({judged} texts that mention {listed})"


def _first_words(words: list[str], lang: str) -> str:
    """The first few words of each script, the question's language first ('延误、晚点、误点、delay…')."""
    chinese = [w for w in words if lx.CJK_RE.search(w)]
    latin = [w for w in words if w not in chinese]
    first, second = (chinese, latin) if lang == "zh" else (latin, chinese)
    shown = first[:3] + second[:3]
    return ("、" if lang == "zh" else ", ").join(shown) + ("…" if len(words) > len(shown) else "")
