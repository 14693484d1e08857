"""Channel rules for campaign copy: length limits, how characters are counted, opt-out text,
and the checks every variant must pass (whoever wrote it, the offline engine or a model).

Limits (characters are Unicode code points unless said otherwise):

| channel | zh | en |
| --- | --- | --- |
| sms    | 1 part: 70 characters, of which 8 are left for the 【签名】 the gateway prepends; ends with 回T退订 | 1 part: 160 GSM-7 septets (^{}[]~\\|€ count 2); ends with "Reply STOP to opt out" |
| push   | title ≤ 20, body ≤ 50 | title ≤ 40, body ≤ 120 |
| email  | subject ≤ 30, preheader ≤ 50, body ≤ 600; body ends with an unsubscribe line | subject ≤ 60, preheader ≤ 100, body ≤ 1200 |
| social | post ≤ 140 including hashtags | post ≤ 280 including hashtags |

SMS parts: a GSM-7 message of up to 160 septets is one part, longer ones are 153 per part; a
UCS-2 message (any Chinese, or any character outside GSM-7) is one part up to 70 UTF-16 units,
then 67 per part. An English SMS with a character outside GSM-7 (curly quotes, emoji) is UCS-2
and so limited to 70 — the check says so.

Every variant is also checked for personal data (phone numbers, e-mail addresses, user ids and
names of the audience) and for claims the data cannot support (superlatives and rankings such as
全网最低 / 销量第一 / best-selling / lowest price / No.1), unless the operator's offer states them.
A segment without price signals must not get a discount pitch (优惠, 折扣, discount, save ...)
unless the offer is one, and no copy announces a discount or deal (优惠来了, 8折, deals, sale,
coupon ...) unless the operator gave an offer: value talk (更划算, better value) is not a deal.

Rules for any copy, whoever wrote it: nothing is promised "below" or behind a button (a message
is text; only a social post has comments below it), no sign-off without a sender ("Best wishes,"
then nothing: Persona knows no sender's name), and a social post, which everyone sees, speaks to
the public: no line about what "you" did, said or looked at ("We've missed you", 你看过的…,
"we heard your feedback").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

CHANNELS = ("sms", "push", "email", "social")
LANGUAGES = ("zh", "en")

SMS_ZH_SIGNATURE_RESERVE = 8  # 【品牌名】 added by the SMS gateway counts toward the 70

# channel -> language -> field -> maximum length
LIMITS: dict[str, dict[str, dict[str, int]]] = {
    "sms": {"zh": {"body": 70 - SMS_ZH_SIGNATURE_RESERVE}, "en": {"body": 160}},
    "push": {"zh": {"title": 20, "body": 50}, "en": {"title": 40, "body": 120}},
    "email": {"zh": {"subject": 30, "preheader": 50, "body": 600},
              "en": {"subject": 60, "preheader": 100, "body": 1200}},
    "social": {"zh": {"body": 140}, "en": {"body": 280}},
}

OPT_OUT = {
    "sms": {"zh": "回T退订", "en": "Reply STOP to opt out"},
    "email": {"zh": "如不想再收到此类邮件，可随时退订。", "en": "Don't want these emails? Unsubscribe anytime."},
}

# GSM 03.38 basic character set, and the extension table (2 septets each).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")

# Claims a copy may make only when the offer itself says so.
_CLAIMS = [
    r"全网最低", r"最低价", r"史上最低", r"全网第一", r"销量第一", r"第一名", r"排名第一", r"最畅销", r"最便宜",
    r"最好", r"最佳", r"最强", r"国家级", r"顶级", r"独一无二", r"100%", r"绝对", r"万能",
    r"best[- ]?sell\w*", r"bestsell\w*", r"lowest price\w*", r"cheapest", r"no\.? ?1\b", r"#1\b",
    r"number one", r"the best\b", r"world'?s best", r"guarantee\w*", r"unbeatable",
]
_CLAIM_RE = re.compile("|".join(_CLAIMS), re.IGNORECASE)

# Words that make a discount / price pitch.
_DISCOUNT_ZH = ["优惠", "折扣", "打折", r"\d+(\.\d+)?折", "满减", "立减", "直减", "券", "特价", "省钱", "划算",
                "低价", "促销", "红包", "便宜", "实惠", "降价", "性价比", "价格", "好价", "预算", "省下",
                "花更少"]
_DISCOUNT_EN = [r"discount\w*", r"sav(e|es|ed|ing|ings)", r"deals?", r"coupons?", r"sale", r"bargains?",
                r"cheap\w*", r"pric(e|es|ing)", r"value", r"budget", r"\d+% ?off", r"for less", r"promo\w*"]
_DISCOUNT_RE = re.compile("|".join(_DISCOUNT_ZH) + "|" + "|".join(rf"\b{w}\b" for w in _DISCOUNT_EN), re.IGNORECASE)

# Announcing a discount or deal (an offer the operator must have given), not just talking value.
_ANNOUNCE_ZH = ["优惠", "折扣", "打折", r"\d+(\.\d+)?折", "满减", "立减", "直减", "券", "特价", "促销", "红包", "降价"]
_ANNOUNCE_EN = [r"discount\w*", r"deals?", r"coupons?", r"on sale", r"sale", r"\d+% ?off", r"promo\w*", r"save on"]
_ANNOUNCE_RE = re.compile("|".join(_ANNOUNCE_ZH) + "|" + "|".join(rf"\b{w}\b" for w in _ANNOUNCE_EN), re.IGNORECASE)

# Words pointing at something a message does not hold (it is only text); a post's comments are below it.
_POINTS_AT_NOTHING = ("below", "button", "full list", "one tap", "下方", "按钮", "完整清单", "一键")
_SIGN_OFFS = ("best wishes", "best regards", "kind regards", "cheers,", "sincerely", "祝好", "此致", "敬上")

# One-to-one lines: what the reader did, said or looked at, or a greeting for a returning customer.
# Right in a message to one person, odd in a public post everyone sees.
_PERSONAL_EN = [
    r"miss(ed)? you", r"you('ve| have)? (looked at|viewed|browsed|bought|ordered|searched|liked)",
    r"you (were|have been|'ve been) away", r"your (last|recent|previous) (visit|order|purchase)",
    r"since you", r"welcome back", r"it's been a while", r"a while since", r"your (feedback|notes|comments)",
    r"heard you", r"your (usual|reorder|favourites|favorites|cart|wishlist)", r"you already (love|own|have)",
    r"you told us", r"you asked",
]
_PERSONAL_ZH = [
    r"想[你您]了", r"[你您](之前|曾经|最近)?(看过|浏览过|关注过|买过|搜过|收藏过|提过|问过)", r"[你您]关注的",
    r"[你您]常(买|逛|用)", r"常买的", r"为常来的", r"[你您]的(每一条)?意见", r"[你您]对.{0,6}的意见",
    r"好久不见", r"没见了", r"欢迎回来", r"回来看看", r"老朋友", r"[你您]的(购物车|收藏|订单)",
]
_PERSONAL_RE = re.compile("|".join(rf"\b{w}\b" for w in _PERSONAL_EN) + "|" + "|".join(_PERSONAL_ZH),
                          re.IGNORECASE)

_PHONE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)\d{3,4}[- ]\d{7,8}(?!\d)|\d{8,}")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_TOKEN_RE = re.compile(r"[A-Za-z0-9_\-]{3,}")


@dataclass
class Forbidden:
    """Personal data of the audience that must not appear in copy."""

    user_ids: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def sms_encoding(text: str) -> str:
    """'GSM-7' when every character is in the GSM 03.38 alphabet, else 'UCS-2'."""
    return "GSM-7" if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text) else "UCS-2"


def sms_units(text: str) -> int:
    """Length as the network counts it: septets for GSM-7, UTF-16 code units for UCS-2."""
    if sms_encoding(text) == "GSM-7":
        return sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
    return len(text.encode("utf-16-le")) // 2


def sms_parts(text: str) -> int:
    """How many SMS parts the text takes (concatenated parts lose room to their header)."""
    units = sms_units(text)
    single, multi = (160, 153) if sms_encoding(text) == "GSM-7" else (70, 67)
    return 1 if units <= single else math.ceil(units / multi)


def measure(channel: str, language: str, field_name: str, text: str) -> int:
    """The length of one field as its limit counts it."""
    if channel == "sms":
        if language == "zh":
            return len(text.encode("utf-16-le")) // 2
        return sms_units(text)
    return len(text)


def fields_of(channel: str, language: str = "zh") -> tuple[str, ...]:
    """The text fields a variant has on this channel ('title', 'body' for push ...)."""
    return tuple(LIMITS[channel][language])


def mentions_discount(text: str) -> bool:
    """Whether the text makes a discount or price pitch."""
    return bool(_DISCOUNT_RE.search(text or ""))


def announced_discount(text: str) -> str | None:
    """The words announcing a discount or deal (优惠来了, 8折, "Deals on ..."), or None."""
    found = _ANNOUNCE_RE.search(text or "")
    return found.group(0) if found else None


def personal_lines(text: str) -> list[str]:
    """One-to-one phrases (what "you" did, said or looked at) that a public post must not say."""
    return [m.group(0) for m in _PERSONAL_RE.finditer(text or "")]


def unsupported_claims(text: str, offer: str | None = None) -> list[str]:
    """Superlatives and rankings in the text that the offer does not itself state."""
    found = [m.group(0) for m in _CLAIM_RE.finditer(text or "")]
    offer_text = (offer or "").casefold()
    return [claim for claim in found if claim.casefold() not in offer_text]


def personal_data(text: str, forbidden: Forbidden | None = None, offer: str | None = None) -> list[str]:
    """Phone numbers, e-mail addresses, and the audience's user ids or names found in the text."""
    offer = offer or ""
    hits = [m.group(0) for m in _PHONE_RE.finditer(text) if m.group(0) not in offer]
    hits += [m.group(0) for m in _EMAIL_RE.finditer(text)]
    if forbidden:
        hits += [tok for tok in _TOKEN_RE.findall(text) if tok in forbidden.user_ids]
        hits += names_in(text, forbidden.names)
    return hits


def names_in(text: str, names: set[str]) -> list[str]:
    """Audience names occurring in the text. Looks up every substring of a name's length in the
    set (instead of scanning the set), so a 100,000-member audience costs the same as ten."""
    if not names:
        return []
    longest = min(max(map(len, names)), 24)
    found = []
    for start in range(len(text)):
        for length in range(2, min(longest, len(text) - start) + 1):
            piece = text[start:start + length]
            if piece in names and piece not in found:
                found.append(piece)
    return found


def check_variant(variant: dict, channel: str, language: str, *, offer: str | None = None,
                  discount_ok: bool = True, forbidden: Forbidden | None = None) -> list[str]:
    """Every rule the variant breaks, as readable messages (empty when it passes).

    Args:
        variant: A dict with the channel's fields (``body``; ``title`` for push; ``subject`` and
            ``preheader`` for email).
        channel: sms | push | email | social.
        language: zh | en.
        offer: The operator's offer text; claims and discount words it contains are allowed.
        discount_ok: Whether the segment's data (or the offer) supports a discount pitch.
        forbidden: The audience's user ids and names.
    """
    problems = []
    for name, limit in LIMITS[channel][language].items():
        text = variant.get(name) or ""
        if not text.strip():
            problems.append(f"{name} is empty")
            continue
        length = measure(channel, language, name, text)
        if length > limit:
            problems.append(f"{name} is {length} characters; the {channel} {language} limit is {limit}")
    body = variant.get("body") or ""
    if channel == "sms":
        if not body.rstrip().endswith(OPT_OUT["sms"][language]):
            problems.append(f"sms must end with the opt-out text {OPT_OUT['sms'][language]!r}")
        if language == "en" and sms_encoding(body) != "GSM-7":
            odd = sorted({ch for ch in body if ch not in _GSM_BASIC and ch not in _GSM_EXTENDED})
            problems.append(f"sms uses characters outside GSM-7 ({''.join(odd)}), which limits it to 70 characters")
        if sms_parts(body) > 1:
            problems.append(f"sms takes {sms_parts(body)} parts; keep it to 1")
    if channel == "email" and OPT_OUT["email"][language] not in body:
        problems.append("email body must include the unsubscribe line")
    text = "\n".join(str(variant.get(name) or "") for name in fields_of(channel, language))
    for pii in personal_data(text, forbidden, offer):
        problems.append(f"contains personal data: {pii!r}")
    for claim in unsupported_claims(text, offer):
        problems.append(f"claim the data does not support: {claim!r}")
    if not discount_ok and mentions_discount(text) and not mentions_discount(offer or ""):
        problems.append(f"discount pitch ({_DISCOUNT_RE.search(text).group(0)!r}) for a segment with no price signals")
    return problems + reader_problems(variant, channel, language, offer)


def reader_problems(variant: dict, channel: str, language: str, offer: str | None = None) -> list[str]:
    """What any reader would object to, whatever the data: a deal announced with no offer given,
    something promised "below" that is not there, a sign-off without a sender, and (in a social
    post) a one-to-one line said to the public."""
    text = "\n".join(str(variant.get(name) or "") for name in fields_of(channel, language))
    lowered = text.lower()
    problems = []
    deal = announced_discount(text)
    if deal and not (offer or "").strip():
        problems.append(f"announces a discount ({deal!r}) but no offer was given")
    problems += [f"points at something the message does not hold: {word!r}"
                 for word in _POINTS_AT_NOTHING if _says(lowered, word) and not (channel == "social" and word == "below")]
    problems += [f"a sign-off without a sender: {word!r}" for word in _SIGN_OFFS if word in lowered]
    if channel == "social":
        problems += [f"a one-to-one line in a public post: {line!r}" for line in personal_lines(text)]
    return problems


def _says(text: str, word: str) -> bool:
    """Whether the text has the word (a whole English word: "buttons" has "button", "sub" is not in "subtle")."""
    if re.search(r"[\u4e00-\u9fff]", word):
        return word in text
    return bool(re.search(rf"\b{re.escape(word)}s?\b", text))
