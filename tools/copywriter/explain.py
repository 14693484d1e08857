"""Why the copy says what it says, in two lines for a chat answer.

`persona copy` shows each variant's reasoning in full. A chat answer has room for less, so it says
which channel, language and tone the copy is written for, and for each variant the angle with the
data behind it ("46% complain about price → value / discount"), in the operator's language.
"""

from __future__ import annotations

from tools.copywriter.offline import ANGLE_NAMES

CHANNEL_NAMES = {"sms": ("短信", "SMS"), "push": ("推送", "push"), "email": ("邮件", "e-mail"),
                 "social": ("社交媒体帖子", "social post")}
LANGUAGE_NAMES = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
TONE_NAMES = {"friendly": "亲切", "playful": "活泼", "warm": "温暖", "professional": "专业", "urgent": "紧迫",
              "luxury": "高级感"}  # the Chinese name of each tone, wherever Persona says it
MODEL_REASON_CHARS = 80   # a model's own reasoning, shortened to fit a chat answer


def explain_copy(result, lang: str) -> str:
    """Channel, language, tone and each variant's angle with its evidence, in ``lang`` ('zh' or 'en').

    Args:
        result: A :class:`tools.copywriter.CopyResult`.
        lang: The language of the explanation (the operator's), not necessarily the copy's.

    >>> explain_copy(result, "en")  # doctest: +SKIP
    'SMS in English, playful tone. Angles: 1. 46% complain about price → value / discount; ...'
    """
    zh = lang == "zh"
    pick = 0 if zh else 1
    channel = CHANNEL_NAMES.get(result.channel, (result.channel, result.channel))[pick]
    language = LANGUAGE_NAMES.get(result.language, (result.language, result.language))[pick]
    tone = TONE_NAMES.get(result.tone, result.tone) if zh else result.tone
    head = f"{channel}，{language}，{tone}语气" if zh else f"{channel} in {language}, {tone} tone"
    if result.model != "offline":
        head += f"，由 {result.model} 撰写" if zh else f", written by {result.model}"
    elif result.fallback:
        head += "，模型的文案不可用，改为离线撰写" if zh else ", written offline (the model's copy was not usable)"
    return f"{head}。{explain_angles(result, lang)}" if zh else f"{head}. {explain_angles(result, lang)}"


def explain_angles(result, lang: str) -> str:
    """Each variant's angle with its evidence alone ('Angles: 1. 46% complain about price → value /
    discount; ...'), for an answer that has said the channel, language and tone already."""
    zh = lang == "zh"
    reasons = {angle.id: angle.reasons for angle in result.brief.angles}
    angles = [f"{number}. {_angle_line(variant, reasons, zh)}" for number, variant in enumerate(result.variants, 1)]
    return ("角度：" + "；".join(angles) + "。") if zh else ("Angles: " + "; ".join(angles) + ".")


def _angle_line(variant: dict, reasons: dict, zh: bool) -> str:
    """'46% complain about price → value / discount'; a model's own angle with its own reasoning."""
    angle = variant.get("angle") or ""
    name = ANGLE_NAMES.get(angle, (angle, angle))[0 if zh else 1]
    evidence = [r["zh" if zh else "en"] for r in reasons.get(angle, [])[:2]]
    if evidence:
        return ("，" if zh else ", ").join(evidence) + " → " + name
    reasoning = (variant.get("reasoning") or "").strip()
    if len(reasoning) > MODEL_REASON_CHARS:
        reasoning = reasoning[:MODEL_REASON_CHARS - 1].rstrip() + "…"
    return f"{name}（{reasoning}）" if zh and reasoning else f"{name} ({reasoning})" if reasoning else name
