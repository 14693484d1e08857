"""The operator's offer, made ready for the copy: said in the copy's language, checked against the segment.

An offer is written in as the operator gave it ("满300减50", "20% off trail shoes"). Two things can
go wrong before any copy is composed, and both are said in plain words:

- English copy with a Chinese offer. The common promotion forms (满300减50, 8折 / 85折, 包邮,
  买一送一, 第二件半价, 立减20元) are translated, and the copy says so. What cannot be translated
  stays as written, except in an English SMS: one Chinese character makes the whole message
  UCS-2 (70 characters instead of 160), so the operator is told what to do instead.
- An offer about something the segment does not care about (trail shoes for mother & baby
  buyers) is written in, with a warning naming the interest and the audience's share. A gift or
  voucher ("免费咖啡券", "a $10 voucher") is an incentive anyone may take, so it gets none.

What the offer is (:func:`offer_kind`: an event, a discount, a gift, or a product to feature)
decides how the copy says it (phrases.yaml `offers`): "诚邀你参加周末亲子故事会", not "本期推荐：周末亲子故事会".
"""

from __future__ import annotations

import re
from typing import Sequence

from tools.copywriter.errors import OfferLanguageError

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
OFF_TOPIC_SHARE = 0.10   # an offer's interest shared by fewer members than this gets a warning

_NUMBER = r"(\d+(?:\.\d+)?)"
_YUAN = r"(?:元|块)?"
_COUNT_WORDS = {"一": "one", "二": "two", "两": "two", "三": "three", "1": "one", "2": "two", "3": "three"}

# (pattern, English words): whole, common promotion forms whose meaning is not in doubt.
_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(rf"每满{_NUMBER}{_YUAN}减{_NUMBER}{_YUAN}"),
     lambda m: f"¥{m[2]} off for every ¥{m[1]} spent"),
    (re.compile(rf"满{_NUMBER}{_YUAN}(?:立)?减{_NUMBER}{_YUAN}"),
     lambda m: f"¥{m[2]} off orders of ¥{m[1]} or more"),
    (re.compile(rf"(?:立减|直降){_NUMBER}{_YUAN}"), lambda m: f"¥{m[1]} off"),
    (re.compile(rf"(?:全场)?{_NUMBER}折"), lambda m: _percent_off(m[1])),
    (re.compile(r"(?:全场)?(?:包邮|免运费|免邮)"), "free shipping"),
    (re.compile(r"买([一二两三123])送([一二两三123])"),
     lambda m: f"buy {_COUNT_WORDS[m[1]]}, get {_COUNT_WORDS[m[2]]} free"),
    (re.compile(r"第二件半价"), "second item half price"),
    (re.compile(r"限时"), "for a limited time"),
]
# What an offer is, tried in this order (a voucher for 20 % off is a discount; "买一送一" is no gift).
_OFFER_KINDS = [
    ("event", re.compile(r"故事会|读书会|分享会|见面会|品鉴会|音乐会|发布会|交流会|沙龙|讲座|签售|工作坊|市集|派对|开放日|展览|体验课"
                         r"|公开课|放映|(?<![a-z])(?:events?|story\s*time|storytimes?|workshops?|talks?|book clubs?"
                         r"|meet-?ups?|signings?|part(?:y|ies)|festivals?|class(?:es)?|sessions?|tastings?|readings?"
                         r"|open (?:day|house)|screenings?|concerts?|fairs?|launch (?:night|party))(?![a-z])", re.I)),
    ("discount", re.compile(r"\d(?:\.\d)?\s*折|满\s*\d+.{0,3}减|立减|直降|半价|特价|包邮|免运费|免邮|买.送."
                            r"|\d+\s*%|percent|(?<![a-z])(?:off|sale|free shipping|buy one get one)(?![a-z])", re.I)),
    ("gift", re.compile(r"券|赠|送|免费|礼|(?<![a-z])(?:vouchers?|coupons?|gifts?|free|complimentary|bonus|on us)(?![a-z])",
                        re.I)),
]


def offer_kind(offer: str | None) -> str | None:
    """'event', 'discount', 'gift' or 'product' (anything else: a product or range to feature); None without one.

    >>> offer_kind("周末亲子故事会"), offer_kind("满100减20"), offer_kind("免费咖啡券"), offer_kind("新款登山鞋")
    ('event', 'discount', 'gift', 'product')
    """
    if not offer:
        return None
    return next((kind for kind, pattern in _OFFER_KINDS if pattern.search(offer)), "product")


def is_discount(offer: str | None) -> bool:
    """Whether the offer is a price pitch ("满300减50", "free shipping", "20% off"): then the copy may make one."""
    from tools.copywriter.channels import mentions_discount

    return mentions_discount(offer or "") or offer_kind(offer) == "discount"


_SEPARATORS = re.compile(r"\s*[，,、+＋;；/]\s*")


def prepare_offer(offer: str | None, *, language: str, channel: str) -> tuple[str | None, list[str]]:
    """The offer as the copy will say it, and notes for the operator.

    Args:
        offer: The operator's offer (already stripped), or None.
        language: The copy's language, 'zh' or 'en'.
        channel: The channel (an English SMS cannot carry Chinese characters).

    Returns:
        (offer, warnings). Chinese offers in English copy come back translated when every part
        is a known promotion form ("满300减50" -> "¥50 off orders of ¥300 or more").

    Raises:
        OfferLanguageError: English SMS with an offer that still holds Chinese after translation; the
            message says what to do (Chinese copy, the push channel, or the offer in English).
    """
    if not offer or language != "en" or not CJK.search(offer):
        return offer, []
    translated = translate_offer(offer)
    if translated is not None:
        return translated, [f"the offer was translated for English copy: {offer} → {translated}"]
    if channel == "sms":
        raise OfferLanguageError(
            f"the offer “{offer}” is in Chinese, and an English SMS cannot carry Chinese characters "
            "(one of them cuts the message from 160 to 70 characters). Write the copy in Chinese "
            "(--language zh), use the push channel, or give the offer in English, "
            "e.g. \"¥50 off orders of ¥300 or more\"", offer)
    return offer, [f"the offer “{offer}” is in Chinese and was kept as written in the English copy"]


def translate_offer(offer: str) -> str | None:
    """English for a Chinese offer made of known promotion forms; None when any Chinese is left.

    >>> translate_offer("满300减50，包邮")
    '¥50 off orders of ¥300 or more, free shipping'
    """
    pieces = [_translate_piece(piece) for piece in _SEPARATORS.split(offer.strip()) if piece]
    return None if any(piece is None for piece in pieces) or not pieces else ", ".join(pieces)


def _translate_piece(piece: str) -> str | None:
    """One run without separators ("满300减50包邮", "8折 trail shoes") in English, or None.

    Promotion forms become English phrases (two in a row are joined with a comma); Latin words
    around them are kept as written.
    """
    spans: list[tuple[int, int, str]] = []
    masked = piece
    for pattern, words in _PATTERNS:
        for match in pattern.finditer(masked):
            spans.append((match.start(), match.end(), words(match) if callable(words) else words))
        masked = pattern.sub(lambda m: "\0" * len(m[0]), masked)
    out, position = "", 0
    for start, end, words in sorted(spans):
        between = piece[position:start].strip()
        if CJK.search(between):
            return None
        if between:
            out += f" {between} "
        elif out:
            out += ", "
        out += words
        position = end
    tail = piece[position:].strip()
    if CJK.search(tail):
        return None
    return " ".join(f"{out} {tail}".split())


def _percent_off(text: str) -> str:
    """8折 / 8.5折 pay 80 % / 85 % of the price; a two-digit 85折 pays 85 %."""
    paid = float(text) * (10 if float(text) < 10 else 1)
    return f"{100 - paid:g}% off"


def off_topic_warning(db_path, offer: str | None, members: Sequence[str], language: str) -> str | None:
    """A warning when the offer names an interest few of the audience share, else None.

    The offer names the most specific taxonomy term in it ("trail shoes" -> Shoes, under
    Fashion). A word can belong to several interests, so the offer fits when members share any
    interest it may mean: a term found in it, or one whose name has a word of it ("trail" ->
    Trail running). Members share an interest when they carry an active tag anywhere under its
    top-level interest, so "running socks" for runners is never off topic.
    """
    from schema.taxonomy import load_taxonomy

    if offer_kind(offer) == "gift":   # a free coffee brings anyone back; it sells no interest
        return None
    taxonomy = load_taxonomy()
    named = taxonomy.match_interest(offer) if offer else None
    if named is None or not members:
        return None
    roots = list(dict.fromkeys(taxonomy.ancestors(node)[0] for node in [named, *offer_meanings(taxonomy, offer)]))
    shares = _interest_shares(db_path, roots, members)
    if max(share for share, _ in shares.values()) >= OFF_TOPIC_SHARE:
        return None
    root = taxonomy.ancestors(named)[0]
    share, everyone = shares[root]
    lang = "zh" if language == "zh" else "en"
    name = taxonomy.name(named, lang)
    if root != named:
        name += f"（{taxonomy.name(root, lang)}）" if lang == "zh" else f" ({taxonomy.name(root, lang)})"
    if lang == "zh":
        who = "这批用户里没有人对它感兴趣" if share == 0 else f"这批用户里只有 {share:.0%} 对它感兴趣"
        return f"优惠似乎是关于{name}的，{who}（整体 {everyone:.0%}）；请确认这个优惠适合这个人群"
    who = "none of this audience is" if share == 0 else f"only {share:.0%} of this audience is"
    return (f"the offer seems to be about {name}, and {who} interested in it (everyone: {everyone:.0%}); "
            "check that it suits this segment")


def offer_meanings(taxonomy, offer: str) -> list[str]:
    """Every interest the offer's words may mean: terms found in it, and terms with a word of it."""
    found = [node for node, _, _ in taxonomy.find_terms(offer, "interest")]
    words = {word.casefold() for word in re.findall(r"[A-Za-z]{4,}", offer)}
    found += [node for term, node in taxonomy.terms("interest").items() if words & set(term.split())]
    return found


def _interest_shares(db_path, roots: list[str], members: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Top-level interest -> (share of the members, share of everyone profiled) with an active tag under it."""
    from schema.db import reading_members

    audience = set(members)
    with reading_members(db_path, audience) as conn:
        everyone = conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] or 1
        shares = {}
        for root in roots:
            under = "t.category = 'interests' AND t.status = 'active' AND (t.tag_id = ? OR t.path LIKE ? || '/%')"
            inside = conn.execute(f"SELECT COUNT(DISTINCT t.user_id) FROM tags t JOIN members m USING (user_id)"
                                  f" WHERE {under}", (root, root)).fetchone()[0]
            total = conn.execute(f"SELECT COUNT(DISTINCT t.user_id) FROM tags t WHERE {under}", (root, root)).fetchone()[0]
            shares[root] = (inside / len(audience), total / everyone)
    return shares
