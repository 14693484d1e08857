"""write_marketing_copy: from an audience to checked, saved campaign copy.

1. The audience (a segment, a list of user ids, or an audience statement run through the guard)
   becomes a profile (tools.segments) and then a brief (brief.py).
2. With a model: one structured call (llm.py; once more for variants that broke a rule); if it
   fails or too few variants pass the checks, the offline engine writes the copy instead and the
   reason is kept (``CopyResult.fallback``, audit log).
   Without a model: the offline engine (offline.py).
3. The variants are saved in ``campaign_copy`` so versions can be compared.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Sequence

from schema.db import connect, connect_readonly, now_iso, reading_members
from tools.copywriter import offline
from tools.copywriter.brief import SegmentBrief, brief_from_profile, mask_personal_data
from tools.copywriter.channels import CHANNELS, LANGUAGES, Forbidden, fields_of, measure, sms_encoding, sms_parts
from tools.copywriter.errors import CopyError
from tools.copywriter.occasion import ASKED, audience_occasion, with_occasion
from tools.copywriter.offers import OFF_TOPIC_SHARE, is_discount, off_topic_warning, prepare_offer
from tools.copywriter.services import audience_service
from tools.copywriter.subject import bought_shares, offer_interest

MAX_VARIANTS = 10
# An audience this share of whose writers write in the other language gets a second version in it
# (a Singapore grocery's Chinese and English customers): the first is in the language asked for.
SECOND_LANGUAGE_SHARE = 0.25


@dataclass
class CopyResult:
    """Checked campaign copy and what it was written from.

    Attributes:
        variants: Dicts with ``angle``, ``reasoning``, the channel's fields (``body``; ``title`` for
            push; ``subject``/``preheader`` for email) and ``lengths`` (and ``sms_parts``,
            ``sms_encoding`` for SMS).
        brief: The segment brief the copy is grounded in.
        model: 'offline' or the name of the model that wrote the variants.
        fallback: Why the model's copy was not used (None when it was, or when offline).
        copy_id: The ``campaign_copy`` row, when saved.
        warnings: Notes for the operator in the copy's language (an offer translated for English
            copy, an offer about an interest few of the audience share).
    """

    variants: list[dict]
    brief: SegmentBrief
    channel: str
    language: str
    tone: str
    offer: str | None
    model: str
    fallback: str | None = None
    copy_id: int | None = None
    segment_id: str | None = None
    segment_name: str | None = None
    warnings: list[str] = field(default_factory=list)
    second: "CopyResult | None" = None   # the same copy in the audience's other language (SECOND_LANGUAGE_SHARE)
    second_share: float = 0.0            # the share of the members who write in that language

    def as_dict(self) -> dict:
        return {
            "segment": self.segment_name, "segment_id": self.segment_id, "channel": self.channel,
            "language": self.language, "tone": self.tone, "offer": self.offer, "model": self.model,
            "fallback": self.fallback, "copy_id": self.copy_id, "brief": self.brief.as_dict(),
            "variants": self.variants, "warnings": self.warnings,
            **({"second": self.second.as_dict(), "second_share": self.second_share} if self.second else {}),
        }


def write_marketing_copy(
    db_path: str | os.PathLike,
    *,
    segment: str | None = None,
    user_ids: Sequence[str] | None = None,
    sql: str | None = None,
    params: Sequence = (),
    channel: str = "sms",
    tone: str = "friendly",
    language: str = "zh",
    offer: str | None = None,
    n: int = 3,
    model=None,
    save: bool = True,
    skip: int = 0,
    focus: Sequence[str] = (),
    focus_only: bool = False,
    occasion: str | None = None,
    both_languages: bool = False,
) -> CopyResult:
    """Write n campaign copy variants for an audience, grounded in its data.

    Args:
        db_path: The Persona database.
        segment: A segment name or id. Give exactly one of ``segment``, ``user_ids`` or ``sql``.
        user_ids: An unsaved audience as user ids.
        sql: An unsaved audience as a statement whose first column is user_id (run through the guard).
        params: Values for the statement's ``?`` placeholders.
        channel: sms | push | email | social.
        tone: friendly | playful | warm | professional | urgent | luxury (or 活泼, 温暖, 专业 ...).
        language: zh | en.
        offer: The offer or product to feature, as the operator wants it said ("满300减50").
        n: Number of variants (1..10), each with a different angle where the data offers one.
        model: A LangChain chat model (``tools.llm.chat_model_from_env()``), or None for offline.
        save: Store the variants in ``campaign_copy``.
        skip: Variants already shown for this audience, when the operator asks for more: the
            offline writer continues after them; a model is shown the last ``skip`` variants saved
            for this audience and channel, and must not repeat them.
        focus: Interest ids the audience was selected by (subject.py): the copy speaks of them, after
            the product the offer names ("15% off cat food": cat food), and of nothing else.
        focus_only: The audience was selected by things it bought or spoke of (a product, a brand, a
            mention): the copy speaks of those alone, and of the shop's range when they are no
            interest ("vegetables"), never of an interest some members happen to share.
        occasion: What the operator asked the message to be: 'apology' (it names the audience's
            leading complaint) or 'reminder'; None: read from the audience (occasion.py).
        both_languages: The language was not chosen by the operator: when SECOND_LANGUAGE_SHARE of the
            members who wrote anything write in the other language, ``second`` holds the copy in it.

    Raises:
        CopyError: bad channel/language/tone/n, an empty audience, or copy that cannot fit the
            channel (an offer too long for one SMS, a Chinese offer in an English SMS).
        SegmentError: unknown segment, or an audience statement the guard refuses.

    Example:
        >>> result = write_marketing_copy("shop.db", segment="价格敏感的户外爱好者", channel="sms",
        ...                               tone="playful", language="zh")
        >>> result.variants[0]["body"][-4:]
        '回T退订'
    """
    if channel not in CHANNELS:
        raise CopyError(f"unknown channel {channel!r}; choose one of {', '.join(CHANNELS)}")
    if language not in LANGUAGES:
        raise CopyError(f"unknown language {language!r}; choose zh or en")
    if not 1 <= n <= MAX_VARIANTS:
        raise CopyError(f"n must be between 1 and {MAX_VARIANTS}, got {n}")
    if occasion is not None and occasion not in ASKED:
        raise CopyError(f"unknown occasion {occasion!r}; choose one of {', '.join(ASKED)}")
    if sum(x is not None for x in (segment, user_ids, sql)) != 1:
        raise CopyError("give exactly one audience: a segment, a list of user ids, or an audience statement")
    tone = offline.normalize_tone(tone)
    said_offer = offer   # as the operator said it: a translated offer may have lost "年卡"
    offer, warnings = prepare_offer((offer or "").strip() or None, language=language, channel=channel)
    brief, members, segment_row = _audience(db_path, segment, user_ids, sql, params, focus, said_offer)
    brief.focus_only = focus_only
    brief.service = audience_service(db_path, members, said_offer)
    with_occasion(brief, audience_occasion(db_path, members, brief, tone, occasion))
    off_topic = off_topic_warning(db_path, offer, members, language)
    warnings += [off_topic] if off_topic else []
    forbidden = _forbidden(db_path, members)
    discount_ok = brief.discount_ok or is_discount(offer)
    brief.quotes = [mask_personal_data(quote, forbidden.names) for quote in brief.quotes]

    variants, model_used, fallback = None, "offline", None
    if model is not None:
        shown = _shown_bodies(db_path, segment_row, channel, language, skip) if skip > 0 else []
        variants, model_used, fallback = _try_model(db_path, model, brief, channel, tone, language, offer, n,
                                                    discount_ok, forbidden, shown)
    if variants is None:
        variants = offline.compose(brief, channel=channel, tone=tone, language=language, offer=offer, n=n,
                                   forbidden=forbidden, skip=max(0, skip))
    for variant in variants:
        _add_measures(variant, channel, language)
    result = CopyResult(variants=variants, brief=brief, channel=channel, language=language, tone=tone, offer=offer,
                        model=model_used, fallback=fallback,
                        segment_id=segment_row["segment_id"] if segment_row else None,
                        segment_name=segment_row["name"] if segment_row else None, warnings=warnings)
    if both_languages:
        _add_second_language(result, db_path, members, said_offer,
                             dict(channel=channel, tone=tone, n=n, model=model, save=False, skip=skip,
                                  focus=focus, focus_only=focus_only, occasion=occasion))
    if save:   # the copy asked for; its second version is shown with it, not saved on its own
        result.copy_id = _save(db_path, result)
    return result


def _add_second_language(result: CopyResult, db_path, members: list[str], offer: str | None, settings: dict) -> None:
    """The copy again in the audience's other language, when enough of them write in it; an offer that
    cannot be said in it (a Chinese offer in an English SMS) leaves a note instead."""
    other = "en" if result.language == "zh" else "zh"
    share = language_share(db_path, members, other)
    if share < SECOND_LANGUAGE_SHARE:
        return
    try:
        result.second = write_marketing_copy(db_path, user_ids=members, language=other, offer=offer, **settings)
    except CopyError as exc:
        result.warnings.append(str(exc))
        return
    result.second_share = share


def language_share(db_path, members: Sequence[str], language: str) -> float:
    """The share of the members who wrote anything whose texts are mostly in ``language`` (zh / en)."""
    with reading_members(db_path, members) as conn:
        rows = conn.execute("SELECT t.user_id, SUM(t.lang = 'zh'), SUM(t.lang = 'en') FROM texts t"
                            " JOIN members USING (user_id) GROUP BY t.user_id").fetchall()
    mostly = [("zh" if zh > en else "en") for _, zh, en in rows if zh or en]
    return mostly.count(language) / len(mostly) if mostly else 0.0


def _audience(db_path, segment, user_ids, sql, params, focus=(),
              offer=None) -> tuple[SegmentBrief, list[str], dict | None]:
    """The brief, the members and the segment row; the product the offer names leads the focus."""
    from tools.segments import audience_profile, audience_user_ids, get_segment, segment_members, segment_profile

    row = None
    if segment is not None:
        row = get_segment(db_path, segment)
        profile = segment_profile(db_path, row["segment_id"])
        members = [uid for uid, _ in segment_members(db_path, row["segment_id"])]
    else:
        if sql is not None:
            user_ids = audience_user_ids(db_path, sql, params)
        members = list(dict.fromkeys(str(u) for u in user_ids))
        profile = audience_profile(db_path, members)
    offered = offer_interest(offer, [*focus, *(i["id"] for i in profile["interests"] if i["share"] >= OFF_TOPIC_SHARE)])
    focus = [offered, *focus] if offered else focus
    brief = brief_from_profile(profile, segment=row, focus=focus, bought=bought_shares(db_path, members))
    return brief, members, row


def _forbidden(db_path, members: list[str]) -> Forbidden:
    """The audience's user ids and names (2+ characters), which copy must never contain."""
    with reading_members(db_path, members) as conn:
        names = {r[0].strip() for r in conn.execute(
            "SELECT u.name FROM users u JOIN members USING (user_id) WHERE u.name IS NOT NULL")}
    return Forbidden(user_ids=set(members), names={n for n in names if len(n) >= 2})


def _shown_bodies(db_path, segment_row: dict | None, channel: str, language: str, count: int) -> list[str]:
    """The bodies of the last ``count`` variants saved for this audience, channel and language.

    An unsaved audience has no id, so its copy is matched by the missing segment id: the copy the
    operator just saw is the newest such row.
    """
    segment_id = segment_row["segment_id"] if segment_row else None
    conn = connect_readonly(db_path)
    try:
        rows = conn.execute(
            "SELECT variants FROM campaign_copy WHERE segment_id IS ? AND channel = ? AND language = ?"
            " ORDER BY copy_id DESC", (segment_id, channel, language))
        bodies: list[str] = []
        for (variants,) in rows:  # newest first; within a row, in the order shown
            bodies[:0] = [v["body"] for v in json.loads(variants)]
            if len(bodies) >= count:
                break
    finally:
        conn.close()
    return bodies[-count:]


def _try_model(db_path, model, brief, channel, tone, language, offer, n, discount_ok, forbidden, shown):
    """(variants, model name, None) from the model, or (None, 'offline', reason) to fall back."""
    from tools.audit import log_event
    from tools.copywriter.llm import ModelCopyError, write_with_model
    from tools.llm import model_name

    name = model_name(model)
    try:
        variants, usage = write_with_model(model, brief, channel=channel, tone=tone, language=language, offer=offer,
                                           n=n, discount_ok=discount_ok, forbidden=forbidden, shown=shown)
    except ModelCopyError as exc:
        log_event(db_path, "llm", status="fallback", model=name,
                  detail={"action": "campaign_copy", "channel": channel, "language": language, "error": str(exc)})
        return None, "offline", f"{name}: {exc}"
    log_event(db_path, "llm", model=name, tokens_in=usage["tokens_in"], tokens_out=usage["tokens_out"],
              duration_ms=usage["duration_ms"],
              detail={"action": "campaign_copy", "channel": channel, "language": language, "variants": n,
                      **({"repaired": usage["repaired"][:10]} if usage["repaired"] else {})})
    return variants, name, None


def _add_measures(variant: dict, channel: str, language: str) -> None:
    variant["lengths"] = {f: measure(channel, language, f, variant.get(f) or "") for f in fields_of(channel, language)}
    if channel == "sms":
        variant["sms_parts"] = sms_parts(variant["body"])
        variant["sms_encoding"] = sms_encoding(variant["body"])


def _save(db_path, result: CopyResult) -> int:
    stored = [{**v, "offer": result.offer, "fallback": result.fallback} for v in result.variants]
    conn = connect(db_path)
    try:
        with conn:
            cursor = conn.execute(
                "INSERT INTO campaign_copy (segment_id, channel, language, tone, variants, model, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (result.segment_id, result.channel, result.language, result.tone,
                 json.dumps(stored, ensure_ascii=False), result.model, now_iso()),
            )
        return cursor.lastrowid
    finally:
        conn.close()


def copy_history(db_path, segment: str | None = None, *, limit: int = 20) -> list[dict]:
    """Saved copy, newest first (for one segment when given), to compare versions."""
    conn = connect_readonly(db_path)
    try:
        where, args = "", ()
        if segment is not None:
            from tools.segments import get_segment

            where, args = "WHERE segment_id = ?", (get_segment(db_path, segment)["segment_id"],)
        rows = conn.execute(
            f"SELECT copy_id, segment_id, channel, language, tone, variants, model, created_at FROM campaign_copy"
            f" {where} ORDER BY copy_id DESC LIMIT ?", (*args, limit)).fetchall()
    finally:
        conn.close()
    keys = ("copy_id", "segment_id", "channel", "language", "tone", "variants", "model", "created_at")
    return [{**dict(zip(keys, row)), "variants": json.loads(row[5])} for row in rows]
