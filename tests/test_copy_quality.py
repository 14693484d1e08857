"""Offline copy reads right for its audience: every interest × channel × language × tone.

The engine is run on a brief that supports every angle, once per interest of the phrase library
(and for an audience with no strong interest), so every angle it can write is written. Each
variant is then read the way a reviewer would, with word lists kept here, independent of the
library's own declarations:

- no phrase of a kind the audience's interest is not (a size remark for camping gear, "clear
  ingredients" for running shoes, "restock" for phones, "taste" for a phone);
- no sentence said twice in a variant (the e-mail body repeating its preheader, "Take a look now.
  Come take a look."), and two variants never share a hook or a support line;
- the channel's limits; English copy without Chinese; the tone's own words (您 throughout in
  polite tones, no "whenever you're ready" in urgent copy, no "戳这里" in luxury copy);
- small grammar slips: "新新书", "好母婴好物", a question ending in "。", two 的 in a title;
- the rules for any copy, shared with model-written copy (tools.copywriter.check_variant): no
  promise of something the message does not hold ("See the full list below", "点击下方按钮"), no
  sign-off without a sender ("Best wishes," then nothing), no deal announced without an offer
  ("Deals on ... are here", 优惠来了), and no one-to-one line in a public post ("We've missed
  you", 你看过的…);
- no presenting opener before a question ("Curated for you:
  battery anxiety?") or before a hook that starts with its own word ("For the discerning, for ...").
"""

import itertools
import re

import pytest

from schema.taxonomy import load_taxonomy
from tools.copywriter import CHANNELS, LANGUAGES, LIMITS, TONES, check_variant
from tools.copywriter.brief import Angle, SegmentBrief
from tools.copywriter.channels import OPT_OUT
from tools.copywriter.offline import ANGLE_NAMES, SERVICE_LINES, compose, imagery_for, load_phrases, plan_variants

# Words that only make sense for one kind of interest (phrases.yaml `kinds`).
KIND_WORDS = {
    "apparel": ("size", "sizes", "sizing", "the fit", "your fit", "comfortable fit", "尺码", "合身", "尺寸", "穿着"),
    "device": ("battery", "charge", "set-up", "specs", "new features", "new tech", "续航", "电量", "充电", "参数",
               "新功能", "新技术", "黑科技"),
    "consumable": ("restock", "reorder", "running low", "补货", "回购", "用完"),
    "ingredients": ("ingredient", "成分"),
    "food": ("taste", "flavour", "palate", "口味", "味道", "味蕾"),
    "trip": ("outing", "go further", "adventure", "next trip", "出发", "冒险", "走得更远", "说走就走"),
    "crafted": ("material", "making", "craft", "用料", "做工", "材质", "精工"),
}
# Words a tone must not use.
TONE_CLASHES = {
    "urgent": ("whenever", "when you're ready", "take your time", "慢慢", "不急"),
    "professional": ("戳", "冲鸭", "嘿", "哇", "psst", "hey you", "走起", "～"),
    "luxury": ("戳", "冲鸭", "嘿", "哇", "psst", "hey you", "走起", "～"),
}
# A presenting opener ("Curated for you:") before a thank-you or an apology reads wrong.
PRESENTING = ("curated for you:", "for the discerning,", "don't miss this:", "heads up:", "psst!", "guess what?",
              "为您甄选，", "致讲究的您，", "别错过，", "注意啦，", "叮咚～", "哇，")
# Openers that run into the hook: they present what follows, so a question cannot follow them.
RUNNING_OPENERS = ("curated for you:", "for the discerning,", "don't miss this:", "heads up:", "hi there,",
                   "hello,", "hello again,", "dear friend,", "good day,", "为您甄选，", "致讲究的您，", "别错过，",
                   "注意啦，", "您好，", "你好，", "嘿，", "哇，", "你好呀，", "亲爱的你，", "尊敬的用户，")
SORRY_OR_THANKS = ("we heard", "took too long", "thank you", "it's been a while", "missed you", "no fun",
                   "我们记下了", "谢谢", "一直在改进", "等太久", "好久不见", "心情，我们懂")
FIELDS = ("title", "subject", "preheader", "body")
STOP = set("the and for you your our are with that this what from just one all has have can new now "
           "out how get got see let let's we're you're we've here there its it's".split())

TAXONOMY = load_taxonomy()
INTERESTS = [i for i in load_phrases()["interests"] if not i.startswith("_")] + [None]


def full_brief(interest: str | None) -> SegmentBrief:
    """An audience whose data supports every angle, and whose reviews praise every aspect."""
    interests = [] if interest is None else [
        {"id": interest, "name_zh": TAXONOMY.name(interest, "zh"), "name_en": TAXONOMY.name(interest, "en"),
         "share": 0.9, "base_share": 0.1}]
    angles = [Angle(a, 2.0 - k * 0.05, [{"zh": f"{a} 的理由", "en": f"reason for {a}"}])
              for k, a in enumerate(ANGLE_NAMES)]
    praises = [{"aspect": a, "name_zh": a, "name_en": a, "share": 0.5, "mean_polarity": 0.5}
               for a in ("quality", "appearance", "taste", "battery", "usability")]
    return SegmentBrief(size=10, population=100, interests=interests, praises=praises, angles=angles,
                        discount_ok=True)


def says(text: str, word: str) -> bool:
    """Whether the text has the word (a whole English word: "taste" is not in "tastes")."""
    return word in text if re.search(r"[\u4e00-\u9fff]", word) else bool(re.search(rf"\b{re.escape(word)}\b", text))


def text_of(variant: dict) -> str:
    return "\n".join(str(variant.get(f) or "") for f in FIELDS)


def sentences(variant: dict) -> list[str]:
    out = []
    for field in FIELDS:
        text = str(variant.get(field) or "")
        for fixed in (OPT_OUT["sms"]["zh"], OPT_OUT["sms"]["en"], OPT_OUT["email"]["zh"], OPT_OUT["email"]["en"]):
            text = text.replace(fixed, "")
        text = re.sub(r"#\S+", "", text)
        out += [s.strip() for s in re.split(r"(?<=[。！？!?.～])\s*|\n+", text) if s.strip()]
    return [s for s in out if not s.endswith(("：", ","))]


def content_words(sentence: str, zh: bool, imagery_words: set[str]) -> set[str]:
    for word in sorted(imagery_words, key=len, reverse=True):
        sentence = sentence.replace(word, " ") if zh else re.sub(rf"\b{re.escape(word)}\b", " ", sentence.lower())
    if zh:
        return {run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", sentence) for i in range(len(run) - 1)}
    return {w for w in re.findall(r"[a-z']+", sentence.lower()) if len(w) >= 3 and w not in STOP}


def defects(variant: dict, channel: str, language: str, tone: str) -> list[str]:
    """Everything a reviewer would object to in one variant."""
    zh = language == "zh"
    imagery = imagery_for(variant["imagery"], language)
    words = {w for w in imagery.words()}
    text = text_of(variant)
    plain = text
    for word in sorted(words, key=len, reverse=True):
        plain = plain.replace(word, " ")
    lowered = plain.lower()
    found = [f"{kind} word {w!r} for an interest of kinds {sorted(imagery.kinds)}"
             for kind, ws in KIND_WORDS.items() if kind not in imagery.kinds for w in ws if says(lowered, w)]
    found += [f"{tone} tone says {w!r}" for w in TONE_CLASHES.get(tone, ()) if w in text.lower()]
    found += check_variant(variant, channel, language)   # the rules for any copy, offline or a model's
    found += [f"{o!r} before {w!r}" for o in PRESENTING for w in SORRY_OR_THANKS
              if re.search(re.escape(o) + r"\s*" + re.escape(w), text.lower())]
    found += [f"{o!r} runs into a question" for o in RUNNING_OPENERS
              if re.search(re.escape(o) + r" ?[^.!?。！？\n]*[?？]", text.lower())]
    found += [f"{o!r} before a hook that starts the same way" for o in RUNNING_OPENERS if o[0] not in "你您"
              and re.search(re.escape(o) + r" ?" + re.escape(o[0] if says(o, o[0]) else o.split()[0]) + r"(?![a-z])",
                            text.lower())]   # "For the discerning, formula ..." starts with another word
    said = sentences(variant)
    imagery_words = words if zh else {w for phrase in words for w in phrase.lower().split()}
    for a, b in itertools.combinations(said, 2):
        wa, wb = content_words(a, zh, imagery_words), content_words(b, zh, imagery_words)
        if a == b or (wa and wb and len(wa & wb) / len(wa | wb) >= 0.5):
            found.append(f"said twice: {a!r} / {b!r}")
    if zh:
        if "你" in text and "您" in text:
            found.append("mixes 你 and 您")
        if tone in ("professional", "luxury") and "你" in text:
            found.append("a polite tone says 你")
        found += [f"slip {m!r}" for m in re.findall(r"新新|好好|的的|好[\u4e00-\u9fff]{0,5}好物|新品新|[吗呢]。", text)]
        title = variant.get("title") or variant.get("subject") or ""
        if title.count("的") > 1:
            found.append(f"two 的 in the title {title!r}")
    else:
        if re.search(r"[\u3400-\u9fff]", text):
            found.append("Chinese in English copy")
        found += [f"word repeated: {m!r}" for m in re.findall(r"\b(\w+) \1\b", text.lower())]
        for sentence in said:   # "for the discerning, new serums for discerning tastes"
            long = [w[:6] for w in re.findall(r"[a-z]+", sentence.lower()) if len(w) >= 6]
            if len(long) != len(set(long)):
                found.append(f"a word repeated in {sentence!r}")
    body = variant["body"]
    exclaims = body.count("!") + body.count("！")
    if tone not in ("playful", "urgent") and exclaims:
        found.append(f"{tone} copy exclaims")
    if exclaims > 3:
        found.append(f"{exclaims} exclamation marks")
    return found


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_every_phrase_fits_its_audience_and_says_things_once(channel, language, tone):
    problems = []
    for interest in INTERESTS:
        brief = full_brief(interest)
        plan = plan_variants(brief, language, tone, channel)
        variants = compose(brief, channel=channel, tone=tone, language=language, n=len(plan))
        assert [v["angle"] for v in variants] == [angle for angle, _ in plan]
        for variant in variants:
            problems += [f"{interest} {variant['angle']}: {p}: {text_of(variant)!r}"
                         for p in defects(variant, channel, language, tone)]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_variants_differ_in_angle_hook_and_support(channel, language):
    """Three variants for a real mix of angles never share a sentence other than the call to action."""
    library = load_phrases()
    common = {c.text for c in library["ctas"][channel][language]}   # calls to action and the tone's words
    common |= {line for tone in library["tones"].values() for line in tone[language]["closers"]}
    for interest, tone in itertools.product(INTERESTS, ("friendly", "luxury")):
        brief = full_brief(interest)
        for start in range(0, len(ANGLE_NAMES), 3):    # every angle leads once
            brief.angles = brief.angles[start:] + brief.angles[:start]
            variants = compose(brief, channel=channel, tone=tone, language=language, n=3)
            assert len({v["angle"] for v in variants}) == 3
            said = [set(sentences(v)) for v in variants]
            for a, b in itertools.combinations(said, 2):
                shared = {s for s in a & b if not {s, s.replace("您", "你").rstrip("。.")} & common}
                assert not shared, (interest, tone, [v["body"] for v in variants])


def test_kind_words_are_declared_by_every_phrase_that_uses_them():
    """A phrase with a size, battery, restock ... word declares that it fits only that kind (or a service
    kind whose audience always is of it: a restaurant's `meal` lines speak of taste, its audience eats)."""
    library = load_phrases()
    undeclared = []
    for angle, spec in library["angles"].items():
        for lang, part in itertools.product(LANGUAGES, ("title", "hook", "support")):
            for phrase in spec[lang][part]:
                for kind, words in KIND_WORDS.items():
                    implied = {own for own, _, imagery in SERVICE_LINES.values()
                               if kind in library["interests"][imagery]["kinds"]}
                    if any(says(phrase.text.lower(), w) for w in words) and (phrase.fits is None
                                                                              or phrase.fits - {kind} - implied):
                        undeclared.append(f"{angle}.{lang}.{part}: {phrase.text!r} should fit only {kind}")
    assert not undeclared, "\n".join(undeclared)


def test_interest_words_read_as_written():
    """Items are plain nouns (no 新/好 to double up with a phrase), titles stay short, topics are words."""
    for interest, spec in load_phrases()["interests"].items():
        for item in spec["zh"]["items"]:
            assert not item.startswith(("新", "好")), (interest, item)
        assert set(spec["kinds"]) <= set(load_phrases()["kinds"]), interest
    for angle, spec in load_phrases()["angles"].items():
        for title in spec["zh"]["title"]:
            assert len(re.sub(r"\{\w+\}", "", title.text)) <= 12, (angle, title.text)
        for title in spec["en"]["title"]:
            assert len(re.sub(r"\{\w+\}", "", title.text)) <= 30, (angle, title.text)


def test_a_camping_audience_with_size_complaints_gets_its_fit_line_from_its_hiking_interest():
    brief = full_brief("camping")
    brief.interests.append({"id": "hiking", "name_zh": "徒步", "name_en": "Hiking", "share": 0.5, "base_share": 0.1})
    brief.angles = [a for a in brief.angles if a.id in ("size_fit", "value", "discover")]
    by_angle = {angle: img.interest for angle, img in plan_variants(brief, "en", "friendly", "push")}
    assert by_angle == {"value": "camping", "size_fit": "hiking", "discover": "camping"}
    brief.interests.pop()
    assert "size_fit" not in dict(plan_variants(brief, "en", "friendly", "push"))   # no apparel: no size remark


def test_lengths_hold_for_the_longest_words():
    """The longest item and scene of every interest still fit every channel (checked via compose)."""
    for interest in INTERESTS:
        for channel, language in itertools.product(CHANNELS, LANGUAGES):
            for variant in compose(full_brief(interest), channel=channel, tone="luxury", language=language, n=3):
                for field, limit in LIMITS[channel][language].items():
                    assert len(variant[field]) <= limit or channel == "sms"


def test_the_interests_an_audience_was_selected_by_lead_its_imagery():
    """Pet owners who all also like cars: copy for "pet owners" speaks of pets, not cars."""
    from tools.agent_tools import selected_interests
    from tools.copywriter.brief import brief_from_profile

    def interest(id_, share):
        return {"id": id_, "name_zh": id_, "name_en": id_, "share": share, "base_share": 0.1}

    profile = {"size": 10, "population": 100, "interests": [interest("automotive", 1.0), interest("pets", 1.0)],
               "aspects": [], "consumption": [], "lifecycle": [], "values": [], "intents": []}
    spec = {"type": "group", "op": "and", "items": [
        {"type": "condition", "kind": "interest", "values": ["pets"]},
        {"type": "condition", "kind": "behavior", "action": "order", "targets": ["travel"]},
        {"type": "group", "op": "and", "negate": True,
         "items": [{"type": "condition", "kind": "interest", "values": ["automotive"]}]}]}
    assert selected_interests({"where": spec}) == ["pets", "travel"]
    assert brief_from_profile(profile).top_interest == "automotive"   # a tie, without a focus
    assert brief_from_profile(profile, focus=["pets"]).top_interest == "pets"


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_to_one_lines_go_in_messages_and_public_posts_speak_to_everyone(language):
    """Win-back ("We've missed you", 我们想你了) is written for one reader; a post has no win-back,
    and its delivery / service / loyalty lines are the ones said to the public."""
    brief = full_brief("travel")
    for tone in TONES:
        assert "winback" in dict(plan_variants(brief, language, tone, "push"))
        social = dict(plan_variants(brief, language, tone, "social"))
        assert "winback" not in social and {"delivery", "service", "loyalty"} <= set(social)
    posts = compose(brief, channel="social", tone="warm", language=language, n=len(ANGLE_NAMES))
    personal = ("missed you", "you looked at", "your feedback", "heard you", "想你了", "你看过", "你关注过", "你的意见",
                "老朋友", "好久不见")
    assert not [p["body"] for p in posts if any(w in p["body"].lower() for w in personal)]
