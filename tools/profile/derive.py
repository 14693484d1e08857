"""Implicit tags, intents, emotions and values from the per-text analyses.

The analyses come from the offline analyzers or from the model (``llm_profile``); both produce
``TextAnalysis`` records, so everything below is shared by the two modes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from schema.taxonomy import Taxonomy
from tools.profile.evidence import HALF_LIFE_DAYS, Evidence, EvidencePool, decay, parse_time, quote
from tools.profile.explicit import InterestMapper, event_interest
from tools.profile.life_stage import life_stage_evidence
from tools.profile.types import EmotionDraft, IntentDraft, ItemAnalysis, TextItem, UserData

# --- what gets analyzed ----------------------------------------------------------------------

MAX_ITEM_CHARS = 2000   # longer texts are cut for analysis (the stored text stays whole)
MAX_QUOTE = 80          # evidence quotes are cut to this length


def text_items(data: UserData) -> list[TextItem]:
    """The user's texts plus the queries of search events, oldest first."""
    items = [TextItem(f"text:{t['text_id']}", t["text"][:MAX_ITEM_CHARS], t.get("at"), t["source"], t.get("product"))
             for t in data.texts if t.get("text")]
    items += [TextItem(f"event:{e['event_id']}", e["target"][:MAX_ITEM_CHARS], e.get("at"), "search_event")
              for e in data.events if e["type"] == "search" and e.get("target")]
    return items


# --- implicit interest and life-stage tags ---------------------------------------------------

def add_text_interests(pool: EvidencePool, analyses: list[ItemAnalysis], mapper: InterestMapper, now: datetime,
                       source: str) -> None:
    """Interests the texts speak of, for the interest and every ancestor, weighted by recency.

    Search queries are left out here: the search event already counts for its interest.
    """
    half_life = HALF_LIFE_DAYS["interest"]
    ancestors, known = mapper.ancestors, mapper.taxonomy.by_kind["interest"]
    for entry in analyses:
        item = entry.item
        if not item.is_text:
            continue
        factor = decay(item.at, now, half_life)
        for hit in entry.analysis.tags:
            if hit.id not in known:
                continue
            evidence = Evidence(hit.confidence * factor, source, item.text, item.ref, item.at, item.source,
                                needle=hit.evidence or "")
            pool.add_all(ancestors(hit.id), evidence)


def add_life_stage(pool: EvidencePool, analyses: list[ItemAnalysis], now: datetime) -> None:
    half_life = HALF_LIFE_DAYS["life_stage"]
    for entry in analyses:
        if not entry.item.is_text:
            continue
        for tag_id, evidence in life_stage_evidence(entry.item.text_id, entry.item.text, entry.item.at):
            evidence.weight *= decay(evidence.at, now, half_life)
            pool.add(tag_id, evidence)


def dislikes(analyses: list[ItemAnalysis], taxonomy: Taxonomy, now: datetime) -> dict[str, float]:
    """Interest -> the strongest dislike of it (不喜欢户外), decayed like interests."""
    half_life = HALF_LIFE_DAYS["interest"]
    found: dict[str, float] = {}
    for entry in analyses:
        for hit in entry.analysis.dislikes:
            if taxonomy.has(hit.id, "interest"):
                weight = hit.confidence * decay(entry.item.at, now, half_life)
                found[hit.id] = max(found.get(hit.id, 0.0), weight)
    return found


# --- intents ---------------------------------------------------------------------------------

PRIORITY = {"purchase": 1, "complaint": 1, "return_refund": 1, "churn_risk": 1,
            "compare": 2, "repurchase": 2, "consult": 2, "research": 3}
WINDOW_DAYS = {"purchase": 30, "compare": 30, "research": 45, "consult": 14, "complaint": 30,
               "return_refund": 30, "repurchase": 60, "churn_risk": 90}
_WINDOWS = {kind: timedelta(days=days) for kind, days in WINDOW_DAYS.items()}
FULFILLED_BY_ORDER = frozenset({"purchase", "compare", "research", "repurchase"})
# An order ends a churn-risk intent only this long after it was said: in the days right after "I'm
# cancelling my membership" a customer still uses up a balance or gets an order already planned.
CHURN_GRACE = timedelta(days=14)
CART_WEIGHTS = {"cart": 0.6, "favorite": 0.5}


def intents(analyses: list[ItemAnalysis], data: UserData, order_interests: list[str | None], mapper: InterestMapper,
            now: datetime) -> list[IntentDraft]:
    """Intents from texts, searches and carted/favourited items, one per (intent, target), latest wins.

    ``order_interests`` are the interests of ``data.orders`` (``order_interest``, already worked out
    for the explicit tags); an order that follows an intent may fulfil it."""
    found: dict[tuple[str, str | None], IntentDraft] = {}

    def keep(draft: IntentDraft) -> None:
        key = (draft.intent, draft.target)
        current = found.get(key)
        if current is None or (draft.at, draft.confidence) > (current.at, current.confidence):
            found[key] = draft

    for entry in analyses:
        item = entry.item
        for hit in entry.analysis.intents:
            if hit.intent not in PRIORITY:
                continue
            target = _target(hit.target, item, entry, mapper)
            named = hit.target if hit.target and not mapper.taxonomy.has(hit.target) else item.product
            keep(_intent(hit.intent, target, hit.confidence, quote(item.text, hit.evidence), item.ref,
                         item.at, now, named))
    for event in data.events:
        weight = CART_WEIGHTS.get(event["type"])
        if weight:
            target = event_interest(event, mapper) or event.get("target")
            keep(_intent("purchase", target, weight, f"{event['type']}: {event.get('target') or event.get('category')}",
                         f"event:{event['event_id']}", event.get("at"), now, event.get("target")))
    if not found:
        return []
    order_facts = [(_iso(o.get("ordered_at")), interest, (o.get("product") or "").lower())
                   for o, interest in zip(data.orders, order_interests)]
    for draft in found.values():
        _settle(draft, order_facts, mapper, now)
    return sorted(found.values(), key=lambda d: (d.status != "active", d.priority, d.at))


def _iso(at: str | None) -> str:
    moment = parse_time(at)
    return moment.replace(microsecond=0).isoformat() if moment else ""


def _target(target: str | None, item: TextItem, entry: ItemAnalysis, mapper: InterestMapper) -> str | None:
    """The interest the intent is about: as stated, else the product's, else the text's first tag."""
    if target:
        return target if mapper.taxonomy.has(target) else (mapper(target) or target)
    if item.product and mapper(item.product):
        return mapper(item.product)
    return next((hit.id for hit in entry.analysis.tags if mapper.taxonomy.has(hit.id)), None)


def _intent(kind: str, target: str | None, confidence: float, evidence: str, ref: str, at: str | None,
            now: datetime, product: str | None = None) -> IntentDraft:
    seen = parse_time(at) or now
    expires = seen + _WINDOWS[kind]
    return IntentDraft(kind, target, PRIORITY[kind], "active", round(min(max(confidence, 0.0), 1.0), 4), evidence,
                       ref, seen.replace(microsecond=0).isoformat(), expires.replace(microsecond=0).isoformat(),
                       product)


def _settle(draft: IntentDraft, orders: list[tuple[str, str | None, str]], mapper: InterestMapper,
            now: datetime) -> None:
    """The status (docs/profiles.md): fulfilled when a matching order followed within the window, a
    churn risk over when the user ordered again after CHURN_GRACE, else expired after the window.
    An intent an order ended expires at that order's time (the profile card says so)."""
    later = sorted((at, interest, product) for at, interest, product in orders if draft.at <= at <= draft.expires_at)
    if draft.intent in FULFILLED_BY_ORDER:
        ending = next((at for at, i, p in later if _matches(draft.target, i, p, mapper) or _same_product(draft.product, p)),
                      None)
    elif draft.intent == "churn_risk":
        stayed = (datetime.fromisoformat(draft.at) + CHURN_GRACE).isoformat()
        ending = next((at for at, _, _ in later if at >= stayed), None)
    else:
        ending = None
    if ending is not None:
        draft.status, draft.expires_at = ("fulfilled" if draft.intent in FULFILLED_BY_ORDER else "expired"), ending
    else:
        draft.status = "expired" if now.isoformat() > draft.expires_at else "active"


def _matches(target: str | None, interest: str | None, product: str, mapper: InterestMapper) -> bool:
    if target is None:
        return True
    if mapper.taxonomy.has(target):
        if interest is None:
            return False
        return target in mapper.ancestors(interest) or interest in mapper.ancestors(target)
    return target.lower() in product


def _same_product(named: str | None, ordered: str) -> bool:
    """The order is the product the intent named ('Gore-Tex hardshell' in cart, then ordered)."""
    return bool(named and ordered) and (named.lower() in ordered or ordered in named.lower())


# --- emotions --------------------------------------------------------------------------------

def emotions(analyses: list[ItemAnalysis], taxonomy: Taxonomy) -> list[EmotionDraft]:
    """One 'overall' row per text plus one row per aspect it speaks of (the strongest mention)."""
    rows = []
    for entry in analyses:
        item, analysis = entry.item, entry.analysis
        if not item.is_text:
            continue
        rows.append(EmotionDraft(item.text_id, "overall", analysis.polarity, analysis.emotion, analysis.confidence,
                                 quote(item.text), item.at))
        strongest: dict[str, EmotionDraft] = {}
        for aspect in analysis.aspects:
            if not taxonomy.has(aspect.aspect, "aspect"):
                continue
            draft = EmotionDraft(item.text_id, aspect.aspect, aspect.polarity, aspect.emotion, aspect.confidence,
                                 _clause(aspect.evidence, item.text), item.at)
            current = strongest.get(aspect.aspect)
            if current is None or abs(draft.polarity) > abs(current.polarity):
                strongest[aspect.aspect] = draft
        rows.extend(strongest.values())
    return rows


def _clause(evidence: str | None, text: str) -> str:
    """The analyzer's evidence is already the clause; quote the text only when it gave none."""
    return evidence[:MAX_QUOTE] if evidence else quote(text)


def price_mentions(rows: list[EmotionDraft]) -> tuple[int, int]:
    """(negative, positive) price-aspect mentions, for the consumption profile."""
    negative = sum(1 for r in rows if r.aspect == "price" and r.polarity < -0.2)
    positive = sum(1 for r in rows if r.aspect == "price" and r.polarity > 0.2)
    return negative, positive


# --- values ----------------------------------------------------------------------------------

def add_text_values(pool: EvidencePool, analyses: list[ItemAnalysis], taxonomy: Taxonomy, now: datetime,
                    source: str) -> None:
    half_life = HALF_LIFE_DAYS["value"]
    for entry in analyses:
        item = entry.item
        if not item.is_text or entry.analysis.addresses_system:   # "… needs a 90% coupon" is no frugal customer
            continue
        for hit in entry.analysis.values:
            if taxonomy.has(hit.id, "value"):
                pool.add(hit.id, Evidence(hit.confidence * decay(item.at, now, half_life), source, item.text,
                                          item.ref, item.at, item.source, needle=hit.evidence or ""))
