"""The offline copy engine: variants composed from the phrase library and the segment brief.

Each variant takes a different angle from the brief's ranking (a price-sensitive outdoor segment
opens with value, then adventure, then new gear; a quality-seeking skincare segment with quality,
then health ...). Its hook comes from that angle; its support line answers the segment's strongest
need (the top angle), so every variant speaks to what the data says matters most; the imagery
comes from the top interest; tone sets opener and closer; the channel sets the call to action and
the form. Parts are dropped or swapped for shorter phrasings, in a fixed order of preference,
until the variant passes every channel check. The same inputs always give the same copy.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from tools.copywriter.brief import SegmentBrief
from tools.copywriter.channels import OPT_OUT, Forbidden, check_variant, mentions_discount
from tools.copywriter.errors import CopyError

PHRASES_PATH = Path(__file__).with_name("phrases.yaml")

TONES = ("friendly", "playful", "warm", "professional", "urgent", "luxury")
TONE_ALIASES = {
    "活泼": "playful", "俏皮": "playful", "fun": "playful", "温暖": "warm", "温馨": "warm", "专业": "professional",
    "formal": "professional", "紧迫": "urgent", "紧急": "urgent", "高端": "luxury", "奢华": "luxury",
    "友好": "friendly", "亲切": "friendly",
}
ANGLE_NAMES = {
    "value": ("性价比 / 优惠", "value / discount"), "quality": ("品质", "quality"), "premium": ("高端臻选", "premium"),
    "discover": ("新品发现", "discovery"), "guide": ("选购指南", "buying guide"), "winback": ("召回", "win-back"),
    "welcome": ("新客欢迎", "welcome"), "loyalty": ("老客回购", "loyalty / restock"),
    "delivery": ("物流体验", "delivery"), "service": ("服务", "service"), "packaging": ("包装", "packaging"),
    "battery": ("续航", "battery life"), "size_fit": ("尺码合身", "fit"), "usability": ("易用", "ease of use"),
    "taste": ("口味", "taste"), "design": ("颜值设计", "design"), "eco": ("环保", "sustainability"),
    "family": ("家庭", "family"), "health": ("健康", "wellbeing"), "tech": ("新科技", "new tech"),
    "adventure": ("冒险出发", "adventure"),
}


def normalize_tone(tone: str | None) -> str:
    """'活泼' -> 'playful'; unknown tones are refused with the list of known ones."""
    key = (tone or "friendly").strip()
    key = TONE_ALIASES.get(key, key.lower())
    if key not in TONES:
        raise CopyError(f"unknown tone {tone!r}; choose one of {', '.join(TONES)} "
                        f"(or {', '.join(TONE_ALIASES)})")
    return key


@lru_cache(maxsize=1)
def load_phrases() -> dict:
    """The phrase library, checked for the sections and languages the engine needs."""
    import yaml

    data = yaml.safe_load(PHRASES_PATH.read_text(encoding="utf-8"))
    missing = [f"angles.{a}" for a in ANGLE_NAMES if a not in data["angles"]]
    missing += [f"tones.{t}" for t in TONES if t not in data["tones"]]
    for angle, spec in data["angles"].items():
        for lang in ("zh", "en"):
            for part in ("title", "hook", "support"):
                if not spec.get(lang, {}).get(part):
                    missing.append(f"angles.{angle}.{lang}.{part}")
    if missing:
        raise CopyError(f"{PHRASES_PATH}: phrase library lacks {', '.join(missing)}")
    return data


@dataclass(frozen=True)
class Imagery:
    topic: str
    scenes: tuple[str, ...]
    items: tuple[str, ...]


def imagery_for(interest_id: str | None, language: str) -> Imagery:
    """The words a variant paints with: the interest's own entry, else its nearest ancestor's."""
    from schema.taxonomy import load_taxonomy

    interests = load_phrases()["interests"]
    taxonomy = load_taxonomy()
    chain = []
    if interest_id and taxonomy.has(interest_id):
        chain = list(reversed(taxonomy.ancestors(interest_id)))
    elif interest_id:
        chain = [interest_id]
    for node in chain:
        if node in interests:
            spec = interests[node][language]
            return Imagery(spec["topic"], tuple(spec["scenes"]), tuple(spec["items"]))
    if interest_id:
        name = taxonomy.name(interest_id, language)
        name = name if language == "zh" else name.lower()
    else:
        name = "精选" if language == "zh" else "our"
    spec = interests["_default"][language]
    fill = lambda s: s.replace("{name}", name)  # noqa: E731 - a one-line substitution
    return Imagery(fill(spec["topic"]), tuple(map(fill, spec["scenes"])), tuple(map(fill, spec["items"])))


def plan_angles(brief: SegmentBrief, n: int) -> list[str]:
    """n angles for n variants: the brief's ranking, cycled when it has fewer than n."""
    ranked = [a.id for a in brief.angles] or ["discover"]
    return [ranked[i % len(ranked)] for i in range(n)]


def compose(brief: SegmentBrief, *, channel: str, tone: str, language: str, offer: str | None = None,
            n: int = 3, forbidden: Forbidden | None = None, skip: int = 0) -> list[dict]:
    """n variants for the channel, each passing every channel check.

    ``skip``: variants already shown for this audience ("再来三条"): the n returned are the ones
    that come after them, so asking for more never repeats (the writer is deterministic).

    Raises:
        CopyError: when even the shortest form of a variant does not fit (a long offer on SMS).
    """
    tone = normalize_tone(tone)
    discount_ok = brief.discount_ok or mentions_discount(offer or "")
    angles = plan_angles(brief, n + skip)
    primary = angles[0]
    ranking = [a.id for a in brief.angles] or ["discover"]
    variants, used = [], set()
    for i, angle in enumerate(angles):
        cycle = i // max(len(ranking), 1)
        support_angle = primary if angle != primary else (ranking[1] if len(ranking) > 1 else primary)
        ctx = _Context(brief, channel, tone, language, offer, angle, support_angle, i, cycle)
        variant = _first_fitting(ctx, used, discount_ok, forbidden)
        used.add(variant["body"])
        variant["reasoning"] = _reasoning(brief, angle, support_angle, language)
        variants.append(variant)
    return variants[skip:]


@dataclass
class _Context:
    brief: SegmentBrief
    channel: str
    tone: str
    language: str
    offer: str | None
    angle: str
    support_angle: str
    index: int
    cycle: int

    def pick(self, options: list[str], shift: int = 0) -> list[str]:
        """Options rotated to start at a place that depends on the variant, so variants differ."""
        seed = zlib.crc32(f"{self.angle}|{self.index}|{self.cycle}|{self.tone}".encode())
        start = (seed + self.cycle + shift) % len(options)
        return options[start:] + options[:start]


def _fill(template: str, img: Imagery, ctx: _Context) -> str:
    scene = img.scenes[(ctx.index + ctx.cycle) % len(img.scenes)]
    item = img.items[ctx.index % len(img.items)]
    text = template.format(topic=img.topic, scene=scene, item=item, offer=ctx.offer or "")
    return text[:1].upper() + text[1:] if ctx.language == "en" else text


def _first_fitting(ctx: _Context, used: set[str], discount_ok: bool, forbidden: Forbidden | None) -> dict:
    phrases = load_phrases()
    lang = ctx.language
    img = imagery_for(ctx.brief.top_interest, lang)
    angle = phrases["angles"][ctx.angle][lang]
    support_lines = phrases["angles"][ctx.support_angle][lang]["support"]
    tone = phrases["tones"][ctx.tone][lang]
    ctas = phrases["ctas"][ctx.channel][lang]
    hooks = [_fill(t, img, ctx) for t in ctx.pick(angle["hook"])]
    supports = [_fill(t, img, ctx) for t in ctx.pick(support_lines, shift=1)]
    titles = [_fill(t, img, ctx) for t in ctx.pick(angle["title"], shift=2)]
    openers, closers, cta_list = ctx.pick(tone["openers"]), ctx.pick(tone["closers"]), ctx.pick(ctas)
    proofs = [_fill(t, img, ctx) for t in _proof_lines(ctx.brief, lang)] or [""]
    problems: list[str] = []
    for shape in _SHAPES[ctx.channel]:
        for hook, support, title, opener, closer, cta in product(
            hooks, supports, titles, openers[:1], closers[:1], cta_list[:2]
        ):
            parts = dict(hook=hook, support=support, title=title, opener=opener, closer=closer, cta=cta,
                         proof=proofs[ctx.index % len(proofs)])
            variant = _build(ctx, shape, parts, img)
            if variant["body"] in used:
                continue
            problems = check_variant(variant, ctx.channel, lang, offer=ctx.offer, discount_ok=discount_ok,
                                     forbidden=forbidden)
            if not problems:
                variant["angle"] = ctx.angle
                return variant
    raise CopyError(f"no {ctx.channel} {lang} variant fits the channel rules"
                    f"{' with this offer' if ctx.offer else ''}: {'; '.join(problems)}")


def _proof_lines(brief: SegmentBrief, language: str) -> list[str]:
    """Lines saying what the segment's own reviews praise (e-mail has room for them)."""
    praise = load_phrases().get("praise", {})
    return [line for p in brief.praises[:2] for line in praise.get(p["aspect"], {}).get(language, [])]


# Which optional parts a body includes, most complete first; the engine takes the first shape
# (and phrasing) that passes the checks.
_SHAPES = {
    "sms": [("opener", "support", "cta"), ("support", "cta"), ("opener", "support"), ("support",), ("cta",), ()],
    "push": [("opener", "support", "cta"), ("support", "cta"), ("support",), ("cta",), ()],
    "social": [("opener", "support", "cta", "closer"), ("support", "cta"), ("support",), ()],
    "email": [("support", "cta", "closer"), ("support", "cta"), ("support",)],  # the opener is the greeting
}


def _build(ctx: _Context, shape: tuple[str, ...], parts: dict, img: Imagery) -> dict:
    zh = ctx.language == "zh"
    offer_line = None
    if ctx.offer:
        offer_line = f"本期推荐：{ctx.offer}" if zh else f"Featured: {ctx.offer}"
    hook = parts["hook"]
    if "opener" in shape:
        hook = _attach_opener(parts["opener"], hook, zh)
    sentences = [hook]
    if "support" in shape:
        sentences.append(parts["support"])
    if offer_line:
        sentences.append(offer_line)
    if "cta" in shape:
        sentences.append(parts["cta"])
    if "closer" in shape and ctx.channel in ("social", "email"):
        sentences.append(parts["closer"])
    excited = ctx.tone in ("playful", "urgent")
    if ctx.channel == "sms":
        return {"body": _join(sentences, zh, excited) + (" " if not zh else "") + OPT_OUT["sms"][ctx.language]}
    if ctx.channel == "push":
        return {"title": _title(parts["title"], zh, excited), "body": _join(sentences, zh, excited)}
    if ctx.channel == "social":
        return {"body": _join(sentences, zh, excited) + " " + _hashtags(img, zh)}
    return _email(ctx, parts, sentences, zh, excited)


def _email(ctx: _Context, parts: dict, sentences: list[str], zh: bool, excited: bool) -> dict:
    """Subject and preheader: the angle's title and hook; the body does not repeat them.

    Body: greeting; the support line (the segment's strongest need); what reviews praise; offer,
    call to action, closer; sign-off. The inbox shows the preheader beside the subject, so the
    opened e-mail goes on from it instead of saying it again.
    """
    greeting = _greeting(parts["opener"], zh)
    opening = _join(sentences[1:2], zh, excited)   # sentences = [hook, support, offer?, cta?, closer?]
    proof = _join([parts["proof"]], zh, False)
    rest = _join(sentences[2:], zh, excited) if len(sentences) > 2 else ""
    sign_off = "祝好！" if zh else "Best wishes,"
    paragraphs = [greeting, opening, proof, rest, sign_off, OPT_OUT["email"][ctx.language]]
    return {
        "subject": _title(parts["title"], zh, excited),
        "preheader": _join(sentences[:1], zh, False),
        "body": "\n\n".join(p for p in paragraphs if p),
    }


def _greeting(opener: str, zh: bool) -> str:
    """The tone's opener as an e-mail's first line: '亲爱的你：', 'Dear friend,'."""
    opener = opener.rstrip("，,:：～! ！")
    return f"{opener}：" if zh else f"{opener},"


def _attach_opener(opener: str, hook: str, zh: bool) -> str:
    if zh:
        return opener + hook
    return f"{opener} {hook[:1].lower() + hook[1:]}" if opener.endswith(",") else f"{opener} {hook}"


def _join(sentences: list[str], zh: bool, excited: bool) -> str:
    """Sentences with end punctuation added where they have none (！ for excited tones)."""
    out = []
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        if sentence[-1] not in "。！？～!?.…":
            sentence += ("！" if excited else "。") if zh else ("!" if excited else ".")
        out.append(sentence)
    return ("" if zh else " ").join(out)


def _title(title: str, zh: bool, excited: bool) -> str:
    if excited and title[-1] not in "！？!?":
        return title + ("！" if zh else "!")
    return title


def _hashtags(img: Imagery, zh: bool) -> str:
    if zh:
        return f"#{img.topic}#"
    return "#" + "".join(word.capitalize() for word in img.topic.split())


def _reasoning(brief: SegmentBrief, angle: str, support_angle: str, language: str) -> str:
    """Why this variant says what it says, in the copy's language, with the numbers behind it."""
    zh = language == "zh"
    by_id = {a.id: a for a in brief.angles}
    key = "zh" if zh else "en"

    def why(angle_id: str) -> str:
        found = by_id.get(angle_id)
        return ("，" if zh else ", ").join(r[key] for r in found.reasons[:3]) if found else ""

    name = ANGLE_NAMES.get(angle, (angle, angle))[0 if zh else 1]
    text = (f"角度：{name}" if zh else f"Angle: {name}")
    if why(angle):
        text += f"（{why(angle)}）" if zh else f" ({why(angle)})"
    if support_angle != angle and why(support_angle):
        support = ANGLE_NAMES.get(support_angle, (support_angle, support_angle))[0 if zh else 1]
        text += (f"；支撑句回应{support}（{why(support_angle)}）" if zh
                 else f"; the support line answers {support} ({why(support_angle)})")
    if brief.interests:
        top = brief.interests[0]
        text += (f"；意象取自{top['name_zh']}（{top['share']:.0%} 的成员）" if zh
                 else f"; imagery from {top['name_en'].lower()} ({top['share']:.0%} of members)")
    return text + ("。" if zh else ".")
