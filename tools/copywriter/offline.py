"""The offline copy engine: variants composed from the phrase library and the segment brief.

Each variant takes a different angle from the brief's ranking (a price-sensitive outdoor segment
opens with value, then adventure, then new gear; a quality-seeking skincare segment with quality,
then health ...). Its hook comes from that angle; its support line answers the segment's strongest
need (the top angle), so every variant speaks to what the data says matters most; tone sets opener
and closer; the channel sets the call to action and the form.

Every phrase fits the audience and the channel: a phrase declares the kinds of interest it suits
(a size remark needs apparel, "clear ingredients" needs skincare or food, "restock" something that
is used up; see phrases.yaml) and the channels it suits (a one-to-one line such as "We've missed
you" goes in a message, never in a public post), and a variant's imagery comes from the audience's
strongest interest its angle can be written for; with a focus (the offer's product, what the
audience was selected by: subject.py) only from the focus. Every variant names it (its topic or
items, not only in the offer). An angle that fits none of these interests (or not the channel) or
cannot name them is not written. No sentence is said twice in a variant (subject, preheader and
body included), and the variants differ in angle and wording. Parts are dropped or swapped for
shorter phrasings, in a fixed order of preference, until the variant passes every channel check.
The same inputs always give the same copy.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from tools.copywriter.brief import SegmentBrief
from tools.copywriter.channels import CHANNELS, OPT_OUT, Forbidden, check_variant
from tools.copywriter.errors import CopyError
from tools.copywriter.offers import is_discount, offer_kind
from tools.copywriter.services import is_learning_interest

PHRASES_PATH = Path(__file__).with_name("phrases.yaml")
SERVICE = "service"   # the kind of a gym's or studio's audience (phrases.yaml `services`)
COURSE = "course"     # the kind of a school's audience (phrases.yaml `courses`)
MEAL = "meal"         # the kind of a restaurant's audience (phrases.yaml `dining`)
SALON = "salon"       # the kind of a salon's audience (phrases.yaml `salon`)
TOUR = "tour"         # the kind of a travel business's audience (phrases.yaml `trips`)
# A service audience's kind, its own lines, and its imagery (phrases.yaml `interests`)
SERVICE_LINES = {"classes": (SERVICE, "services", "_service"), "courses": (COURSE, "courses", "_course"),
                 "dining": (MEAL, "dining", "_dining"), "salon": (SALON, "salon", "_salon"),
                 "trips": (TOUR, "trips", "_trips")}
SERVICE_IMAGERY_KINDS = frozenset(kind for kind, _, _ in SERVICE_LINES.values())
OWN_IMAGERY = ("salon", "trips")   # painted with their own words whatever interests the audience shares
# only for an audience they define, or when asked for (occasion.py)
OCCASION_ANGLES = ("noshow", "cancelled", "apology", "reminder")
PARTS = ("title", "hook", "support")

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
    "adventure": ("冒险出发", "adventure"), "noshow": ("爽约改约", "rebooking a missed appointment"),
    "cancelled": ("取消后挽回", "win-back after a cancellation"), "apology": ("致歉", "apology"),
    "reminder": ("提醒", "reminder"),
}


def normalize_tone(tone: str | None) -> str:
    """'活泼' -> 'playful'; unknown tones are refused with the list of known ones."""
    key = (tone or "friendly").strip()
    key = TONE_ALIASES.get(key, key.lower())
    if key not in TONES:
        raise CopyError(f"unknown tone {tone!r}; choose one of {', '.join(TONES)} "
                        f"(or {', '.join(TONE_ALIASES)})")
    return key


@dataclass(frozen=True)
class Phrase:
    """One line of the library and where it may be used.

    Attributes:
        text: The template ("Ask us anytime if you're between sizes").
        fits: The kinds of interest it suits (phrases.yaml `kinds`); None: every audience.
        channels: The channels it suits; None: every channel (a one-to-one line is not for social).
        unfit_tones: Tones it must not be used in ("whenever you're ready" is not urgent).
        opener: False for a hook that is a greeting, thank-you or apology, said without an opener.
        unfit_kinds: Kinds it must not be used for: an angle's own lines speak of goods ("new in",
            "上新"), so a service audience gets the `services` (classes) or `courses` lines instead.
    """

    text: str
    fits: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    unfit_tones: frozenset[str] = frozenset()
    opener: bool = True   # a hook that may follow the tone's opener ("Hi there, ...")
    unfit_kinds: frozenset[str] = frozenset()   # kinds it must not be used for

    def suits(self, kinds: frozenset[str], tone: str, channel: str) -> bool:
        return ((self.fits is None or bool(self.fits & kinds)) and not self.unfit_kinds & kinds
                and tone not in self.unfit_tones and (self.channels is None or channel in self.channels))


@lru_cache(maxsize=1)
def load_phrases() -> dict:
    """The phrase library, with every angle and praise line read into a :class:`Phrase`.

    Checked for the sections, languages and parts the engine needs, and for kinds, tones and
    channels that are used but do not exist (a typo in `fits` would silently keep a phrase from
    ever being used).
    """
    import yaml

    data = yaml.safe_load(PHRASES_PATH.read_text(encoding="utf-8"))
    kinds = set(data["kinds"])
    problems = [f"angles.{a}" for a in ANGLE_NAMES if a not in data["angles"]]
    problems += [f"tones.{t}" for t in TONES if t not in data["tones"]]

    def phrase(entry, section: dict, where: str, unfit_kinds: frozenset[str] = frozenset()) -> Phrase:
        """A phrase; `fits`, `channels` and `opener` it does not say come from its section (an angle)."""
        entry = {"text": entry} if isinstance(entry, str) else entry
        fits, unfit = entry.get("fits", section.get("fits")), entry.get("unfit_tones", ())
        channels = entry.get("channels", section.get("channels"))
        problems.extend(f"{where}: unknown kind {kind!r}" for kind in fits or () if kind not in kinds)
        problems.extend(f"{where}: unknown tone {tone!r}" for tone in unfit if tone not in TONES)
        problems.extend(f"{where}: unknown channel {c!r}" for c in channels or () if c not in CHANNELS)
        own_unfit = entry.get("unfit_kinds", ())
        problems.extend(f"{where}: unknown kind {kind!r}" for kind in own_unfit if kind not in kinds)
        return Phrase(entry["text"], None if fits is None else frozenset(fits),
                      None if channels is None else frozenset(channels), frozenset(unfit),
                      entry.get("opener", section.get("opener", True)), unfit_kinds | frozenset(own_unfit))

    for angle, spec in data["angles"].items():
        # An angle for every kind of business (an apology) keeps its lines for service audiences too.
        service_kinds = frozenset() if spec.get("every_kind") else SERVICE_IMAGERY_KINDS
        for lang in ("zh", "en"):
            for part in PARTS:
                lines = spec.get(lang, {}).get(part)
                if not lines:
                    problems.append(f"angles.{angle}.{lang}.{part}")
                spec.setdefault(lang, {})[part] = tuple(
                    phrase(e, spec, f"angles.{angle}.{lang}.{part}", service_kinds) for e in lines or ()) + tuple(
                    phrase(e, {**data[section][angle], "fits": [kind]}, f"{section}.{angle}.{lang}.{part}")
                    for kind, section, _ in SERVICE_LINES.values() if angle in data[section]
                    for e in data[section][angle].get(lang, {}).get(part, ()))
    problems += [f"{section}.{angle}: no such angle" for _, section, _ in SERVICE_LINES.values()
                 for angle in data[section] if angle not in data["angles"]]
    for aspect, spec in data["praise"].items():
        for lang in ("zh", "en"):
            spec[lang] = tuple(phrase(e, spec, f"praise.{aspect}.{lang}") for e in spec[lang])
    for channel, spec in data["ctas"].items():
        for lang in ("zh", "en"):
            spec[lang] = tuple(phrase(e, {}, f"ctas.{channel}.{lang}") for e in spec[lang])
    problems += [f"offers.{kind}.{lang}" for kind in ("event", "gift", "discount", "product") for lang in ("zh", "en")
                 if not data.get("offers", {}).get(kind, {}).get(lang)]
    for interest, spec in data["interests"].items():
        problems.extend(f"interests.{interest}: unknown kind {k!r}" for k in spec.get("kinds", ()) if k not in kinds)
    if problems:
        raise CopyError(f"{PHRASES_PATH}: phrase library problems: {', '.join(problems)}")
    return data


@dataclass(frozen=True)
class Imagery:
    """The words a variant paints with, from one interest of the audience, and that interest's kinds."""

    interest: str | None   # None: the audience shares no interest strongly enough
    topic: str             # as a modifier: "running" gear, 跑步装备
    area: str              # as a noun: "the outdoors" (zh: the topic)
    scenes: tuple[str, ...]
    items: tuple[str, ...]
    kinds: frozenset[str]

    def words(self) -> tuple[str, ...]:
        return (self.topic, self.area, *self.scenes, *self.items)

    def names(self) -> tuple[str, ...]:
        """The words that say what the audience buys or likes (a scene may not)."""
        return (self.topic, self.area, *self.items)


def imagery_for(interest_id: str | None, language: str) -> Imagery:
    """The interest's own entry, else its nearest ancestor's; `_default` (named) for one with none."""
    from schema.taxonomy import load_taxonomy

    interests = load_phrases()["interests"]
    taxonomy = load_taxonomy()
    if interest_id is None:
        return _imagery(None, interests["_none"], language, {})
    chain = list(reversed(taxonomy.ancestors(interest_id))) if taxonomy.has(interest_id) else [interest_id]
    for node in chain:
        if node in interests:
            return _imagery(interest_id, interests[node], language, {})
    name = taxonomy.name(interest_id, language) if taxonomy.has(interest_id) else interest_id
    return _imagery(interest_id, interests["_default"], language, {"{name}": name if language == "zh" else name.lower()})


def _imagery(interest_id: str | None, spec: dict, language: str, names: dict[str, str]) -> Imagery:
    def fill(text: str) -> str:
        for key, value in names.items():
            text = text.replace(key, value)
        return text

    words = spec[language]
    return Imagery(interest_id, fill(words["topic"]), fill(words.get("area", words["topic"])),
                   tuple(map(fill, words["scenes"])), tuple(map(fill, words["items"])),
                   frozenset(spec.get("kinds", ())))


def _as_service(image: Imagery, language: str, service: str) -> Imagery:
    """The interest's topic and scenes (fitness, every workout) with the service's items (classes,
    sessions; courses, lessons) and kind. The service's own imagery for an audience without a
    shared interest, or (a school) with no learning interest: a parent's 母婴 is no course topic, nor
    (a restaurant) with no food interest; and always for a salon or a travel business (a 护肤 interest
    would paint skincare to restock, a travel one travel gear)."""
    _, _, imagery = SERVICE_LINES[service]
    spec = load_phrases()["interests"][imagery]
    if image.interest is None or service in OWN_IMAGERY \
            or (service == "courses" and not is_learning_interest(image.interest)) \
            or (service == "dining" and "food" not in image.kinds):
        return _imagery(None, spec, language, {})
    return Imagery(image.interest, image.topic, image.area, image.scenes, tuple(spec[language]["items"]),
                   frozenset(spec["kinds"]))


def writable(angle: str, imagery: Imagery, language: str, tone: str, channel: str) -> bool:
    """Whether the angle has a title, a hook and a support line that fit this imagery, tone and channel,
    and a line of the body that names what the audience buys (:func:`names_subject`): the hook or the
    support line, and in an e-mail the support line (its hook is the preheader)."""
    spec = load_phrases()["angles"][angle][language]
    fitting = {part: [p for p in spec[part] if p.suits(imagery.kinds, tone, channel)] for part in PARTS}
    return all(fitting.values()) and (not _has_subject(imagery) or any(
        _NAMING.search(p.text) for part in _naming_parts(channel) for p in fitting[part]))


def plan_variants(brief: SegmentBrief, language: str, tone: str, channel: str) -> list[tuple[str, Imagery]]:
    """The angles that can be written for this audience, strongest first, each with its imagery.

    An angle's imagery is the audience's strongest interest it fits (a size complaint in a camping
    and hiking segment is answered with hiking shoes, not tents); an angle that fits none of the
    audience's interests, or not this channel (a win-back in a public post), is left out. With a
    focus (the offer's product, what the audience was selected by) only the focus is painted: copy
    for cat-food buyers who also like cars never speaks of cars. An audience defined by a no-show, a
    cancellation or a complaint (``brief.occasion``) gets that angle alone, when the channel has it.
    """
    subjects = brief.focus if brief.focus or brief.focus_only else [i["id"] for i in brief.interests]
    images = [imagery_for(i, language) for i in subjects] or [imagery_for(None, language)]
    if brief.service:
        images = [_as_service(image, language, brief.service) for image in images]
    if brief.occasion:   # a no-show, a cancellation, a complaint: every variant speaks of it
        image = next((img for img in images if writable(brief.occasion["angle"], img, language, tone, channel)), None)
        if image is not None:
            return [(brief.occasion["angle"], image)]
    plan = []
    for angle in [a.id for a in brief.angles if a.id not in OCCASION_ANGLES] or ["discover"]:
        image = next((img for img in images if writable(angle, img, language, tone, channel)), None)
        if image is not None:
            plan.append((angle, image))
    return plan or [("discover", images[0])]


def compose(brief: SegmentBrief, *, channel: str, tone: str, language: str, offer: str | None = None,
            n: int = 3, forbidden: Forbidden | None = None, skip: int = 0) -> list[dict]:
    """n variants for the channel, each passing every channel check.

    ``skip``: variants already shown for this audience ("再来三条"): the n returned are the ones
    that come after them, so asking for more never repeats (the writer is deterministic).

    Raises:
        CopyError: when even the shortest form of a variant does not fit (a long offer on SMS).
    """
    tone = normalize_tone(tone)
    discount_ok = brief.discount_ok or is_discount(offer)
    plan = plan_variants(brief, language, tone, channel)
    variants, used, supports_used = [], set(), set()
    for i in range(n + skip):
        angle, imagery = plan[i % len(plan)]
        support_angle = _support_angle(angle, imagery, [a for a, _ in plan], language, tone, channel)
        ctx = _Context(brief, channel, tone, language, offer, angle, support_angle, imagery, i, i // len(plan))
        variant, lines = _first_fitting(ctx, used, supports_used, discount_ok, forbidden)
        used.add(variant["body"])
        supports_used.update(lines)
        variant["imagery"] = imagery.interest
        variant["reasoning"] = _reasoning(brief, angle, support_angle, imagery, language)
        variants.append(variant)
    return variants[skip:]


def _support_angle(angle: str, imagery: Imagery, ranked: list[str], language: str, tone: str, channel: str) -> str:
    """The need a variant's second sentence answers: the strongest other angle with a support line
    that fits the variant's imagery (a camping variant cannot answer a size complaint); its own
    angle when there is none."""
    spec = load_phrases()["angles"]
    return next((other for other in ranked if other != angle
                 and any(p.suits(imagery.kinds, tone, channel) for p in spec[other][language]["support"])), angle)


@dataclass
class _Context:
    brief: SegmentBrief
    channel: str
    tone: str
    language: str
    offer: str | None
    angle: str
    support_angle: str
    imagery: Imagery
    index: int
    cycle: int

    def pick(self, options: list, shift: int = 0) -> list:
        """Options rotated to start at a place that depends on the variant, so variants differ."""
        if not options:
            return options
        seed = zlib.crc32(f"{self.angle}|{self.index}|{self.cycle}|{self.tone}".encode())
        start = (seed + self.cycle + shift) % len(options)
        return options[start:] + options[:start]

    def fitting(self, phrases: tuple[Phrase, ...]) -> list[str]:
        return [p.text for p in self.fitting_phrases(phrases)]

    def fitting_phrases(self, phrases: tuple[Phrase, ...]) -> list[Phrase]:
        return [p for p in phrases if p.suits(self.imagery.kinds, self.tone, self.channel)]


def _fill(template: str, ctx: _Context) -> str:
    img = ctx.imagery
    scene = img.scenes[(ctx.index + ctx.cycle) % len(img.scenes)]
    item = img.items[ctx.index % len(img.items)]
    grievance = (ctx.brief.occasion or {}).get("aspect_name", {}).get(ctx.language, "")
    text = template.format(topic=img.topic, area=img.area, scene=scene, item=item, offer=ctx.offer or "",
                           aspect=grievance)
    return text[:1].upper() + text[1:] if ctx.language == "en" else text


def _first_fitting(ctx: _Context, used: set[str], supports_used: set[str], discount_ok: bool,
                   forbidden: Forbidden | None) -> tuple[dict, list[str]]:
    """The first variant, in the engine's order of preference, that passes every check; and the
    support and proof templates it used (the next variants prefer other lines)."""
    phrases = load_phrases()
    lang = ctx.language
    angle = phrases["angles"][ctx.angle][lang]
    fresh, taken = _support_lines(ctx, supports_used)
    tone = phrases["tones"][ctx.tone][lang]
    hooks = [(_fill(p.text, ctx), p.opener) for p in ctx.pick(ctx.fitting_phrases(angle["hook"]))]
    titles = [_fill(t, ctx) for t in ctx.pick(ctx.fitting(angle["title"]), shift=2)]
    openers, closers = ctx.pick(tone["openers"]), ctx.pick(tone["closers"])
    ctas = ctx.pick(ctx.fitting(phrases["ctas"][ctx.channel][lang]))
    proofs = [t for t in _proof_lines(ctx) if t not in supports_used]
    proof = proofs[ctx.index % len(proofs)] if proofs else ""
    problems: list[str] = ["every phrasing repeats itself"]
    # A support line another variant said is a last resort, after every shape with a fresh one.
    for support_lines, shape in product((fresh, taken), _SHAPES[ctx.channel]):
        supports = [(t, _fill(t, ctx)) for t in support_lines]
        for (hook, takes_opener), (template, support), title, opener, closer, cta in product(
                hooks, supports, titles, openers, closers, ctas):
            parts = dict(hook=hook, support=support, title=title,
                         opener=opener if takes_opener and _opener_reads(opener, hook, lang == "zh") else "",
                         closer=closer, cta=cta,
                         proof=_fill(proof, ctx) if proof else "")
            variant = _build(ctx, shape, parts)
            if variant["body"] in used or _repeats(variant, ctx.imagery, lang):
                continue
            if not names_subject(variant, ctx.imagery, lang, ctx.offer):
                problems = [f"no phrasing names {ctx.imagery.topic}"]
                continue
            problems = check_variant(variant, ctx.channel, lang, offer=ctx.offer, discount_ok=discount_ok,
                                     forbidden=forbidden)
            if not problems:
                variant["angle"] = ctx.angle
                said = [template] if "support" in shape else []
                return variant, said + ([proof] if proof and ctx.channel == "email" else [])
    raise CopyError(f"no {ctx.channel} {lang} variant fits the channel rules"
                    f"{' with this offer' if ctx.offer else ''}: {'; '.join(problems)}")


def _support_lines(ctx: _Context, supports_used: set[str]) -> tuple[list[str], list[str]]:
    """(fresh, taken): support lines no earlier variant used, and the rest.

    Fresh lines answer the segment's strongest need, then (when every fitting line of that need
    is taken, or none of those left can name the audience's product) the variant's own angle, so
    no two variants say the same second sentence.
    """
    angles = load_phrases()["angles"]
    lang = ctx.language
    need = ctx.pick(ctx.fitting(angles[ctx.support_angle][lang]["support"]), shift=1)
    own = ctx.pick(ctx.fitting(angles[ctx.angle][lang]["support"]), shift=1)
    need_left, own_left = ([t for t in lines if t not in supports_used] for lines in (need, own))
    if _has_subject(ctx.imagery) and "hook" not in _naming_parts(ctx.channel):   # the support line must name it
        fresh = next((left for left in (need_left, own_left) if any(_NAMING.search(t) for t in left)), need_left)
    else:
        fresh = need_left
    fresh = fresh or own_left
    return fresh, [t for t in dict.fromkeys(need + own) if t not in fresh]


def _proof_lines(ctx: _Context) -> list[str]:
    """Lines saying what the segment's own reviews praise (e-mail has room for them)."""
    praise = load_phrases().get("praise", {})
    return [line for p in ctx.brief.praises[:2]
            for line in ctx.fitting(praise.get(p["aspect"], {}).get(ctx.language, ()))]


# Which optional parts a body includes, most complete first; the engine takes the first shape
# (and phrasing) that passes the checks.
_SHAPES = {
    "sms": [("opener", "support", "cta"), ("support", "cta"), ("opener", "support"), ("support",), ("cta",), ()],
    "push": [("opener", "support", "cta"), ("support", "cta"), ("support",), ("cta",), ()],
    "social": [("opener", "support", "cta", "closer"), ("support", "cta"), ("support",), ()],
    "email": [("support", "cta", "closer"), ("support", "cta"), ("support",)],  # the greeting opens it
}


def _build(ctx: _Context, shape: tuple[str, ...], parts: dict) -> dict:
    zh = ctx.language == "zh"
    excited = ctx.tone in ("playful", "urgent")
    hook = _attach_opener(parts["opener"], parts["hook"], zh) if "opener" in shape and parts["opener"] else parts["hook"]
    sentences = [_end(hook, zh, excited)]   # only the hook is exclaimed: a message of "!"s shouts
    kind = offer_kind(ctx.offer)
    if "support" in shape and kind != "event":   # an event is the message: no product support line
        sentences.append(_end(parts["support"], zh))
    if ctx.offer:
        lines = load_phrases()["offers"][kind][ctx.language]
        sentences.append(_end(lines[ctx.index % len(lines)].format(offer=ctx.offer), zh))
    if "cta" in shape:
        sentences.append(_end(parts["cta"], zh))
    if "closer" in shape and ctx.channel in ("social", "email"):
        sentences.append(_end(parts["closer"], zh))
    join = "" if zh else " "
    if ctx.channel == "sms":
        variant = {"body": join.join(sentences) + join + OPT_OUT["sms"][ctx.language]}
    elif ctx.channel == "push":
        variant = {"title": _title(parts["title"], zh, excited), "body": join.join(sentences)}
    elif ctx.channel == "social":
        variant = {"body": join.join(sentences) + " " + _hashtags(ctx.imagery, zh)}
    else:
        variant = _email(ctx, parts, sentences, zh, excited)
    return _address(variant, load_phrases()["tones"][ctx.tone][ctx.language].get("address"))


def _email(ctx: _Context, parts: dict, sentences: list[str], zh: bool, excited: bool) -> dict:
    """Subject and preheader: the angle's title and hook; the body does not repeat them.

    Body: the tone's greeting; the support line (the segment's strongest need); what reviews
    praise; offer, call to action, closer. The inbox shows the preheader beside the subject, so
    the opened e-mail goes on from it instead of saying it again. No sign-off: Persona knows no
    sender's name, and "Best wishes," with nobody after it reads unfinished (the closer ends it).
    """
    greeting = load_phrases()["tones"][ctx.tone][ctx.language]["greeting"] + ("：" if zh else ",")
    join = "" if zh else " "
    proof = _end(parts["proof"], zh) if parts["proof"] else ""
    rest = join.join(sentences[2:])    # sentences = [hook, support, offer?, cta?, closer?]
    paragraphs = [greeting, sentences[1] if len(sentences) > 1 else "", proof, rest, OPT_OUT["email"][ctx.language]]
    return {
        "subject": _title(parts["title"], zh, excited),
        "preheader": _end(parts["hook"], zh),
        "body": "\n\n".join(p for p in paragraphs if p),
    }


def _address(variant: dict, address: str | None) -> dict:
    """Polite tones (professional, luxury) say 您 throughout, never a mix of 您 and 你."""
    if address != "您":
        return variant
    return {key: value.replace("你", "您") for key, value in variant.items()}


def _opener_reads(opener: str, hook: str, zh: bool) -> bool:
    """Whether the tone's opener can go before this hook. An opener that runs into its hook
    ("Curated for you:", "为您甄选，") cannot introduce a question ("Curated for you: battery
    anxiety? Let's fix that"), and none may start with the hook's first word ("For the discerning,
    for people who ...", "为您甄选，为路上准备的"), except the reader's 你 / 您 ("您好，您关注的")."""
    question = bool(re.match(r"[^.!。！]*[?？]", hook)) or hook.rstrip().endswith(("吗", "呢"))
    if question and not opener.endswith(("!", "！", "～")):
        return False
    if zh:
        return opener[:1] != hook[:1] or hook[:1] in "你您"
    first = re.match(r"[a-z']+", opener.lower())
    return not first or not re.match(rf"{first.group(0)}\b", hook.lower())


def _attach_opener(opener: str, hook: str, zh: bool) -> str:
    if zh:
        return opener + hook
    return f"{opener} {hook[:1].lower() + hook[1:]}" if opener.endswith((",", ":")) else f"{opener} {hook}"


_END = "。！？～!?.…"


def _end(sentence: str, zh: bool, excited: bool = False) -> str:
    """The sentence with end punctuation where it has none: ？ after a question particle, ！ when excited."""
    sentence = sentence.strip()
    if not sentence or sentence[-1] in _END:
        return sentence
    if zh:
        return sentence + ("？" if sentence[-1] in "吗呢么" else "！" if excited else "。")
    return sentence + ("!" if excited else ".")


def _title(title: str, zh: bool, excited: bool) -> str:
    if excited and title[-1] not in "！？!?":
        return title + ("！" if zh else "!")
    return title


def _hashtags(img: Imagery, zh: bool) -> str:
    if zh:
        return f"#{img.topic}#"
    return "#" + "".join(word.capitalize() for word in img.topic.split())


_NAMING = re.compile(r"\{(?:topic|area|item)\}")   # a scene (窗台上的午后) may not say what it is of


def _naming_parts(channel: str) -> tuple[str, ...]:
    """The lines of a variant's body that can name the product: an e-mail's hook is its preheader."""
    return ("support",) if channel == "email" else ("hook", "support")


def _has_subject(imagery: Imagery) -> bool:
    """Whether variants must name the imagery's goods: not for an audience with no shared interest
    (nothing to name), nor for a service's, whose own lines all speak of its classes, courses or meals."""
    return imagery.interest is not None and not imagery.kinds & SERVICE_IMAGERY_KINDS


def names_subject(variant: dict, imagery: Imagery, language: str, offer: str | None = None) -> bool:
    """Whether the variant's body, besides its offer, names what the audience buys or likes: a word of
    its imagery's topic or items (cat food, 猫咪, dog care), so no variant is generic ("Details designed
    to be looked at twice") or speaks of anything else. A scene alone (窗台上的午后) does not say what it
    is of; a title or an e-mail's subject and preheader are not the message."""
    if not _has_subject(imagery):
        return True
    text = variant.get("body") or ""
    text = text.replace(offer, " ") if offer else text
    if language == "zh":
        return any(word in text for word in imagery.names())
    return any(re.search(rf"\b{re.escape(word)}(?:s|es)?\b", text, re.IGNORECASE) for word in imagery.names())


# ---- repetition ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[。！？!?.…～])\s*|\n+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_STOPWORDS = frozenset(
    "the and for you your our are was with that this what from its it's just one all has have had any "
    "can new now out who how get got see let let's are we're you're we've here there".split())
_FIXED = tuple(OPT_OUT[c][lang] for c in OPT_OUT for lang in OPT_OUT[c])


def sentences_of(variant: dict) -> list[str]:
    """The sentences a reader sees in a variant (title, subject, preheader, body), without the
    opt-out line and hashtags, which every variant has."""
    sentences = []
    for field in ("title", "subject", "preheader", "body"):
        text = variant.get(field) or ""
        for fixed in _FIXED:
            text = text.replace(fixed, "")
        text = re.sub(r"#\S+", "", text)
        sentences += [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    return sentences


def _tokens(sentence: str, zh: bool, ignore: tuple[str, ...]) -> list[str]:
    """Content tokens: English words (stems of 5 letters), Chinese character pairs."""
    if zh:
        return [run[i:i + 2] for run in _CJK_RUN.findall(sentence) for i in range(len(run) - 1)]
    words = re.findall(r"[a-z']+", sentence.lower())
    return [w[:5] for w in words if len(w) >= 3 and w not in _STOPWORDS and w not in ignore]


def _repeats(variant: dict, imagery: Imagery, language: str) -> bool:
    """Whether the variant says something twice: two sentences that mostly overlap ("Better value
    on X" / "X just got better value"), or a word repeated inside one sentence ("for the
    discerning, new serums for discerning tastes"). The audience's own words (item, topic) may recur
    across sentences."""
    token_sets = []
    for sentence in sentences_of(variant):
        if sentence.endswith(("：", ",")):  # the e-mail's greeting
            continue
        repeated, tokens = _sentence_tokens(sentence, language == "zh", imagery.words())
        if repeated:
            return True
        token_sets.append(tokens)
    for i, a in enumerate(token_sets):
        for b in token_sets[i + 1:]:
            if a and b and len(a & b) / min(len(a), len(b)) >= 0.6:
                return True
    return False


@lru_cache(maxsize=65536)
def _sentence_tokens(sentence: str, zh: bool, imagery_words: tuple[str, ...]) -> tuple[bool, frozenset[str]]:
    """(a content token occurs twice in the sentence, its content tokens without the imagery's words)."""
    own = _tokens(sentence, zh, ())
    long = [t for t in own if zh or len(t) >= 5]
    if not zh and re.search(r"\b(\w+) \1\b", sentence.lower()):   # "Fresh tech tech"
        return True, frozenset()
    text, ignore = sentence, ()
    if zh:
        for phrase in sorted(imagery_words, key=len, reverse=True):
            text = text.replace(phrase, "|")
    else:
        ignore = tuple(w for phrase in imagery_words for w in phrase.lower().split())
    return len(long) != len(set(long)), frozenset(_tokens(text, zh, ignore))


def _reasoning(brief: SegmentBrief, angle: str, support_angle: str, imagery: Imagery, language: str) -> str:
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
    interest = next((i for i in brief.interests if i["id"] == imagery.interest), None)
    if interest:
        text += (f"；意象取自{interest['name_zh']}（{interest['share']:.0%} 的成员）" if zh
                 else f"; imagery from {interest['name_en'].lower()} ({interest['share']:.0%} of members)")
    return text + ("。" if zh else ".")
