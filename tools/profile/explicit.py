"""Explicit tags: what attributes, orders, events and survey answers say outright.

Every rule and threshold here is documented in docs/profiles.md. Tag ids that are not taxonomy
ids (age bands, gender, city tier, member level, RFM classes, life stage) are listed in
``EXPLICIT_TAGS`` with their category and display names.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from schema.taxonomy import Taxonomy
from tools.profile.evidence import HALF_LIFE_DAYS, Evidence, EvidencePool, age_days, decay
from tools.profile.types import TagDraft, UserData

AGE_BANDS = [  # (upper bound exclusive, id)
    (18, "age_under_18"), (25, "age_18_24"), (35, "age_25_34"), (45, "age_35_44"),
    (55, "age_45_54"), (200, "age_55_plus"),
]
MEMBER_LEVELS = ("normal", "silver", "gold", "platinum", "diamond")
RFM_CLASSES = ("champion", "loyal", "potential", "need_attention", "at_risk", "hibernating")


def _registry() -> dict[str, tuple[str, str, str]]:
    tags = {
        "age_under_18": ("demographics", "18岁以下", "Under 18"),
        "age_18_24": ("demographics", "18-24岁", "Age 18-24"),
        "age_25_34": ("demographics", "25-34岁", "Age 25-34"),
        "age_35_44": ("demographics", "35-44岁", "Age 35-44"),
        "age_45_54": ("demographics", "45-54岁", "Age 45-54"),
        "age_55_plus": ("demographics", "55岁及以上", "Age 55+"),
        "gender_female": ("demographics", "女性", "Female"),
        "gender_male": ("demographics", "男性", "Male"),
        "student": ("demographics", "学生", "Student"),
        "graduating": ("demographics", "准毕业生", "Graduating"),
        "rfm_champion": ("behavior", "重要价值客户", "RFM champion"),
        "rfm_loyal": ("behavior", "忠诚客户", "RFM loyal"),
        "rfm_potential": ("behavior", "潜力客户", "RFM potential"),
        "rfm_need_attention": ("behavior", "需关注客户", "RFM needs attention"),
        "rfm_at_risk": ("behavior", "流失风险客户", "RFM at risk"),
        "rfm_hibernating": ("behavior", "沉睡客户", "RFM hibernating"),
    }
    zh_digits = "一二三四五"
    for tier in range(1, 6):
        tags[f"city_tier_{tier}"] = ("basic_info", f"{zh_digits[tier - 1]}线城市", f"Tier-{tier} city")
    member_zh = {"normal": "普通会员", "silver": "银卡会员", "gold": "金卡会员",
                 "platinum": "白金会员", "diamond": "钻石会员"}
    for level in MEMBER_LEVELS:
        tags[f"member_{level}"] = ("basic_info", member_zh[level], f"{level.title()} member")
    return tags


EXPLICIT_TAGS: dict[str, tuple[str, str, str]] = _registry()
"""Non-taxonomy tag id -> (category, Chinese name, English name)."""

# Tags of which a user has at most one; a change within a group is recorded as replaced_by.
EXCLUSIVE_PREFIXES = ("age_", "gender_", "city_tier_", "member_", "rfm_")


def exclusive_group(tag_id: str, category: str) -> str | None:
    """The group whose members replace each other (age band, lifecycle stage ...), or None."""
    if category in ("consumption", "lifecycle"):
        return category
    if tag_id in ("student", "graduating"):
        return "life_stage"
    return next((prefix for prefix in EXCLUSIVE_PREFIXES if tag_id.startswith(prefix)), None)


def tag_name(tag_id: str, category: str, taxonomy: Taxonomy, lang: str = "zh") -> str:
    """Display name of any tag id: taxonomy node, explicit tag, or the id itself."""
    if tag_id in EXPLICIT_TAGS:
        _, zh, en = EXPLICIT_TAGS[tag_id]
        return zh if lang == "zh" else en
    kind = {"interests": "interest", "values": "value", "consumption": "consumption",
            "lifecycle": "lifecycle"}.get(category, "interest")
    return taxonomy.name(tag_id, lang, kind)


# --- attributes ----------------------------------------------------------------------------

def attribute_tags(user: dict) -> list[TagDraft]:
    """Age band, gender, city tier, member level and an occupation of 'student'."""
    tags = []

    def add(tag_id: str, evidence: str, field_name: str, confidence: float = 1.0) -> None:
        category = EXPLICIT_TAGS[tag_id][0]
        tags.append(TagDraft(tag_id, category, "explicit", confidence, "attribute", evidence,
                             f"attribute:{field_name}", user.get("data_updated_at"), path=tag_id))

    age = user.get("age")
    if isinstance(age, int):
        band = next(tag_id for upper, tag_id in AGE_BANDS if age < upper)
        add(band, f"age {age}", "age")
    if user.get("gender") in ("female", "male"):
        add(f"gender_{user['gender']}", f"gender {user['gender']}", "gender")
    tier = user.get("city_tier")
    if isinstance(tier, int) and 1 <= tier <= 5:
        add(f"city_tier_{tier}", f"{user.get('city') or 'city'} (tier {tier})", "city")
    level = (user.get("member_level") or "").lower()
    if level in MEMBER_LEVELS:
        add(f"member_{level}", f"member level {level}", "member_level")
    occupation = (user.get("occupation") or "").strip().lower()
    if occupation in ("student", "学生", "在校学生", "大学生", "研究生"):
        add("student", f"occupation {user['occupation']}", "occupation", 0.9)
    return tags


# --- behaviour facts, RFM ------------------------------------------------------------------

@dataclass
class Facts:
    """Counts and times derived from orders, events and texts."""

    order_count: int
    total_spend: float
    first_order_at: str | None
    last_order_at: str | None
    last_active_at: str | None
    first_active_at: str | None
    order_gap_days: float | None = None  # the usual days between order days (median), with RHYTHM_ORDERS of them


def facts(data: UserData, now: datetime) -> Facts:
    order_times = sorted(o["ordered_at"] for o in data.orders if o.get("ordered_at"))
    activity = order_times + [e["at"] for e in data.events if e.get("at")] + [
        t["at"] for t in data.texts if t.get("at")]
    return Facts(
        order_count=len(data.orders),
        total_spend=round(sum(o.get("amount") or 0.0 for o in data.orders), 2),
        first_order_at=order_times[0] if order_times else None,
        last_order_at=order_times[-1] if order_times else None,
        last_active_at=max(activity) if activity else None,
        first_active_at=min(activity) if activity else None,
        order_gap_days=_usual_gap(order_times, now),
    )


def _usual_gap(order_times: list[str], now: datetime) -> float | None:
    """The median days between a buyer's order days (a basket's lines share one), or None with fewer
    than RHYTHM_ORDERS order days: too few to have a rhythm."""
    days = sorted({round(age_days(at, now)) for at in order_times}, reverse=True)
    if len(days) < RHYTHM_ORDERS:
        return None
    return statistics.median(earlier - later for earlier, later in zip(days, days[1:]))


# Fixed score bands (not quantiles): a user's RFM does not move when other users are added, so
# an incremental build of one user is consistent with a full build.
RECENCY_DAYS = (30, 60, 120, 240)          # <= 30 days -> 5 ... > 240 -> 1
FREQUENCY_ORDERS = (12, 7, 4, 2)           # >= 12 orders -> 5 ... 1 order -> 1
MONETARY_SPEND = (10000, 4000, 1500, 500)  # >= 10000 -> 5 ... < 500 -> 1


def rfm_scores(f: Facts, now: datetime, bands=None) -> tuple[int, int, int] | None:
    """(recency, frequency, monetary), each 1..5; None for a user without orders. ``bands``: the
    frequency and monetary bands (rfm_bands.RfmBands: fixed, or fitted to the shop); None: fixed."""
    if f.order_count == 0:
        return None
    days = age_days(f.last_order_at, now)
    recency = 5 - sum(days > limit for limit in RECENCY_DAYS)
    orders_limits, spend_limits = (bands.frequency.limits, bands.monetary.limits) if bands else \
        (FREQUENCY_ORDERS, MONETARY_SPEND)
    return recency, band_score(f.order_count, orders_limits), band_score(f.total_spend, spend_limits)


def band_score(value: float, limits) -> int:
    """1..5: one more for each limit (descending) the value reaches."""
    return 1 + sum(value >= limit for limit in limits)


def rfm_class(r: int, f: int, m: int) -> str:
    """champion, loyal, potential, need_attention, at_risk or hibernating (docs/profiles.md, "RFM")."""
    if r >= 4 and f >= 4 and m >= 4:
        return "champion"
    if r >= 3 and f >= 4:
        return "loyal"
    if r >= 4:
        return "potential"
    if r <= 2 and f >= 3:
        return "at_risk"
    if r <= 2:
        return "hibernating"
    return "need_attention"


def rfm_tag(f: Facts, scores: tuple[int, int, int], now: datetime, last_order_id: str | None) -> TagDraft:
    r, fr, m = scores
    tag_id = f"rfm_{rfm_class(r, fr, m)}"
    days = int(age_days(f.last_order_at, now))
    evidence = f"R{r} F{fr} M{m}: last order {days} days ago, {f.order_count} orders, {f.total_spend:.0f} spent"
    return TagDraft(tag_id, "behavior", "explicit", 0.95, "order", evidence,
                    f"order:{last_order_id}" if last_order_id else None, f.last_order_at, path=tag_id)


# --- consumption profile --------------------------------------------------------------------

DISCOUNT_WORDS = ("优惠", "折扣", "打折", "特价", "券", "满减", "秒杀", "便宜", "促销", "拼团", "清仓",
                  "discount", "coupon", "sale", "deal", "cheap", "promo", "clearance")
# English words match whole (with a plural): "deal" is not in "ideal", nor "sale" in "wholesale".
_DISCOUNT_RE = re.compile("|".join(rf"\b{word}s?\b" if word.isascii() else word for word in DISCOUNT_WORDS))
MEMBER_POINTS = {"normal": -1.0, "silver": -0.5, "gold": 0.5, "platinum": 1.0, "diamond": 1.5}
# score >= PREMIUM -> premium; >= QUALITY -> quality_seeker; >= VALUE -> value_seeker; else price_sensitive
PREMIUM_SCORE, QUALITY_SCORE, VALUE_SCORE = 0.75, -0.25, -1.25
MIN_NORM_ORDERS = 5        # a product or category needs this many orders to serve as a norm
# Spend points per doubling of the price paid over the norm (within +-SPEND_CAP): paying a quarter
# more than other buyers of the same product is one point, half as much again the full two. At 6 a
# doubling, baskets 12 % dearer than the norm (bought outside a sale) were already a full point and
# a quarter dearer hit the cap, so a basic-card member became premium.
SPEND_POINTS_PER_DOUBLING, SPEND_CAP = 3.0, 2.0
# price_sensitive needs a price signal of the user's own; paying about a seventh under the norm is one
# (3 x log2(0.86)). Of -0.5 … -0.9 tried on the generator's users, -0.6 and -0.65 agreed most (bench_build cons).
PRICE_SIGNAL_SPEND = -0.65


class CategoryNorms:
    """Average order amount per product and per interest (or raw category), from the whole database.

    A product bought often enough is its own norm (the same shoes, cheaper or dearer): the median
    price of one unit of it, as an order line may hold several (see unit_amount); otherwise its
    category is. ``products``: product -> (its lowest line amount, the median unit price).
    """

    def __init__(self, averages: dict[str, float], overall: float,
                 products: dict[str, tuple[float, float]] | None = None) -> None:
        self.averages = averages
        self.overall = overall or 1.0
        self.products = products or {}

    @classmethod
    def from_db(cls, conn) -> "CategoryNorms":
        rows = conn.execute(
            "SELECT COALESCE(interest_id, lower(category), ''), AVG(amount), COUNT(*) FROM orders "
            "WHERE amount > 0 GROUP BY 1"
        ).fetchall()
        total = sum(avg * n for _, avg, n in rows)
        count = sum(n for _, _, n in rows)
        averages = {key: avg for key, avg, n in rows if n >= MIN_NORM_ORDERS and key}
        lines: dict[str, list[float]] = {}
        for product, amount in conn.execute(
                "SELECT product, amount FROM orders WHERE amount > 0 AND product IS NOT NULL"):
            lines.setdefault(product, []).append(amount)
        products = {product: _unit_norm(amounts) for product, amounts in lines.items()
                    if len(amounts) >= MIN_NORM_ORDERS}
        return cls(averages, total / count if count else 1.0, products)

    def ratio(self, amount: float, interest_id: str | None, category: str | None, product: str | None = None) -> float:
        """What an order line paid against the norm: per unit for a product that is its own norm; within
        CATEGORY_REACH of a category's, which holds unlike goods (a 219 bodysuit among 3,899 strollers
        is no sign of minding price)."""
        if product in self.products:
            lowest, unit_norm = self.products[product]
            return unit_amount(amount, lowest) / unit_norm
        ratio = amount / self.averages.get(interest_id or (category or "").lower(), self.overall)
        return min(max(ratio, 1 / CATEGORY_REACH), CATEGORY_REACH)


CATEGORY_REACH = 2.0


# An order line's amount is its total: three tins at the list price are no dearer tin. A line that is
# a whole multiple (within 1 %: 3,899 is no two strollers at 1,999) of the product's lowest line is read as that
# many units.
UNIT_TOLERANCE = 0.01


def unit_amount(amount: float, lowest: float) -> float:
    units = round(amount / lowest)
    return amount / units if units >= 2 and abs(amount / lowest - units) <= UNIT_TOLERANCE * units else amount


def _unit_norm(amounts: list[float]) -> tuple[float, float]:
    lowest = min(amounts)
    return lowest, statistics.median(unit_amount(amount, lowest) for amount in amounts)


def has_discount_signal(*texts: str | None) -> bool:
    """True when a product name, order note or search names a discount (优惠, coupon, on sale ...)."""
    return any(_names_discount(text) for text in texts if text)


@lru_cache(maxsize=4096)
def _names_discount(text: str) -> bool:
    """One text at a time (no discount word spans two texts), cached: product names and popular
    searches recur across users."""
    return _DISCOUNT_RE.search(text.lower()) is not None


def consumption_profile(data: UserData, interests: list[str | None], norms: CategoryNorms,
                        price_mentions: tuple[int, int], frugal: bool) -> tuple[str, float, str] | None:
    """(consumption id, confidence, evidence), or None when there is nothing to judge by.

    A points score (docs/profiles.md "Consumption profile"): spend against the norm (log2 of the geometric
    mean ratio x 3, within +-2), member level, complaints about price (-0.75 each, at most -1.5),
    deal hunting (-1 when >= 30 % of orders and searches chase discounts) and a frugal value (-0.5).
    ``interests`` is the mapped interest of each order; ``price_mentions`` is (negative, positive).
    """
    negative_price, positive_price = price_mentions
    ratios = [
        norms.ratio(order["amount"], interest, order.get("category"), order.get("product"))
        for order, interest in zip(data.orders, interests) if (order.get("amount") or 0) > 0
    ]
    level = (data.user.get("member_level") or "").lower()
    if not ratios and negative_price + positive_price == 0:
        return None
    deal_orders = sum(has_discount_signal(o.get("product"), o.get("extra")) for o in data.orders)
    deal_searches = sum(1 for e in data.events if e["type"] == "search" and has_discount_signal(e.get("target")))
    deal_share = (deal_orders + deal_searches) / max(1, len(data.orders) + deal_searches)
    ratio = math.exp(sum(math.log(min(max(r, 0.1), 10.0)) for r in ratios) / len(ratios)) if ratios else 1.0
    parts = {
        "spend": max(-SPEND_CAP, min(SPEND_CAP, SPEND_POINTS_PER_DOUBLING * math.log2(ratio))) if ratios else 0.0,
        "member": MEMBER_POINTS.get(level, 0.0),
        "price talk": -min(1.5, 0.75 * negative_price),
        "deals": -1.0 if deal_share >= 0.3 else 0.0,
        "frugal": -0.5 if frugal else 0.0,
    }
    score = sum(parts.values())
    if score >= PREMIUM_SCORE:
        kind = "premium"
    elif score >= QUALITY_SCORE:
        kind = "quality_seeker"
    elif score >= VALUE_SCORE:
        kind = "value_seeker"
    elif _minds_price(parts):
        kind = "price_sensitive"
    else:   # a member level is no sign of minding price: a normal member paying the going rate is not price sensitive
        kind = "value_seeker"
    signals = len(ratios) + negative_price + positive_price + (level in MEMBER_POINTS)
    confidence = min(0.95, 0.45 + 0.07 * min(signals, 7))
    shown = ", ".join(f"{name} {value:+.2f}" for name, value in parts.items() if value)
    evidence = f"score {score:+.2f} ({shown or 'no signal'}); spend {ratio:.2f}x norm over {len(ratios)} orders"
    return kind, round(confidence, 4), evidence


def _minds_price(parts: dict[str, float]) -> bool:
    """Whether the user's own behaviour shows price mattering: paying well under the norm, talking
    about price, hunting deals, or a frugal value."""
    return parts["spend"] <= PRICE_SIGNAL_SPEND or any(parts[name] < 0 for name in ("price talk", "deals", "frugal"))


# --- lifecycle ---------------------------------------------------------------------------------

NEW_DAYS = 30          # known for at most 30 days
DORMANT_DAYS = 180     # no activity for more than 180 days
CHURN_RISK_DAYS = 60   # a known user silent for more than 60 days (up to 180), or a churn intent,
COMPLAINT_IDLE_DAYS = 30  # or silent for more than 30 days after a complaint / return of the last 90 days
COMPLAINT_LOOKBACK_DAYS = 90
MATURE_DAYS = 180      # known for at least 180 days, with at least MATURE_ORDERS orders
MATURE_ORDERS = 2
# A buyer with a rhythm (at least RHYTHM_ORDERS order days) who has not ordered for RHYTHM_FACTOR times
# their usual gap, and over RHYTHM_MIN_DAYS, has lapsed even while still browsing: a weekly
# shopper with no basket for 51 days whose app was opened 5 days ago is no growing customer.
RHYTHM_ORDERS = 4
RHYTHM_FACTOR = 3
RHYTHM_MIN_DAYS = 30   # whatever the rhythm: a buyer every few days is not lapsed after a fortnight away


def lifecycle_stage(user: dict, f: Facts, now: datetime, churn_intent: bool,
                    complaint: bool = False) -> tuple[str, str]:
    """(stage, evidence) for new | growing | mature | dormant | churn_risk (docs/profiles.md, "Lifecycle").

    Tenure counts from registration or the earliest activity, whichever is older. A user who says
    they will leave ("I want to cancel my membership") is churn_risk even when new: a marketer
    asking who may churn wants them first, and 'new' would hide them.
    """
    idle = age_days(f.last_active_at, now) if f.last_active_at else None
    tenure = max(age_days(user.get("registered_at"), now) if user.get("registered_at") else 0.0,
                 age_days(f.first_active_at, now) if f.first_active_at else 0.0)
    if (idle if idle is not None else tenure) > DORMANT_DAYS:
        return "dormant", f"no activity for {int(idle if idle is not None else tenure)} days"
    if churn_intent:
        return "churn_risk", "an active churn-risk intent in recent texts"
    if tenure <= NEW_DAYS:
        return "new", f"known for {int(tenure)} days, {f.order_count} orders"
    if idle is None or idle > CHURN_RISK_DAYS:
        return "churn_risk", f"known for {int(tenure)} days, silent for {int(idle if idle is not None else tenure)} days"
    if complaint and idle > COMPLAINT_IDLE_DAYS:
        return "churn_risk", f"silent for {int(idle)} days after a complaint"
    lapsed = _lapsed_days(f, now)
    if lapsed is not None:
        return "churn_risk", f"ordered about every {int(f.order_gap_days)} days, none for {int(lapsed)} days"
    if tenure >= MATURE_DAYS and f.order_count >= MATURE_ORDERS:
        return "mature", f"known for {int(tenure)} days, {f.order_count} orders, active {int(idle)} days ago"
    return "growing", f"known for {int(tenure)} days, {f.order_count} orders, active {int(idle)} days ago"


def _lapsed_days(f: Facts, now: datetime) -> float | None:
    """Days since the last order when they break the buyer's rhythm, else None."""
    if f.order_gap_days is None or not f.last_order_at:
        return None
    since = age_days(f.last_order_at, now)
    return since if since > max(RHYTHM_FACTOR * f.order_gap_days, RHYTHM_MIN_DAYS) else None


# --- interests from behaviour and surveys ------------------------------------------------------

ORDER_WEIGHT = 0.6
# A booking names what is booked (a yoga class); a check-in, a login or a shop's own event type
# (kept under its own name) says where or that, not what the user likes: activity, not interest.
EVENT_WEIGHTS = {"purchase": 0.5, "cart": 0.4, "favorite": 0.4, "search": 0.3, "like": 0.3,
                 "share": 0.3, "booking": 0.3, "click": 0.15, "view": 0.15, "login": 0.0, "checkin": 0.0}
LONG_VIEW_SECONDS = 60     # a view this long counts like a click plus 0.1
SURVEY_WEIGHT = 0.8
# A brand whose orders with a known interest are this much in one top-level interest sells only that
# (judged on at least this many orders): its orders that name none count for it (see brand_interests).
BRAND_SHARE = 0.9
BRAND_MIN_ORDERS = 20


class InterestMapper:
    """Free-form categories ('户外装备', 'Outdoor Gear', '登山用品') -> interest ids, cached."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._cache: dict[str, str | None] = {}
        self._ancestors: dict[str, list[str]] = {}

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return None
        if text not in self._cache:
            self._cache[text] = self.taxonomy.match_interest(text)
        return self._cache[text]

    def ancestors(self, interest_id: str) -> list[str]:
        """The interest and its ancestors, root first (cached: called for every piece of evidence)."""
        chain = self._ancestors.get(interest_id)
        if chain is None:
            chain = self._ancestors[interest_id] = self.taxonomy.ancestors(interest_id)
        return chain


def brand_interests(conn, taxonomy: Taxonomy) -> dict[str, str]:
    """Brand -> the top-level interest (nearly) all of its orders with a known interest are in.

    A fitness chain's membership cards (会员卡, "Monthly card") name no interest, yet everyone who
    buys one is in fitness: in a single-category business every buyer is in the category. Orders
    without a brand are grouped together under '' (a shop that sells one thing may name no brand).
    """
    counts: dict[str, dict[str, int]] = {}
    for brand, interest, n in conn.execute(
            "SELECT COALESCE(brand, ''), interest_id, COUNT(*) FROM orders WHERE interest_id IS NOT NULL GROUP BY 1, 2"):
        if taxonomy.has(interest):
            roots = counts.setdefault(brand.strip().lower(), {})
            root = taxonomy.ancestors(interest)[0]
            roots[root] = roots.get(root, 0) + n
    found = {}
    for brand, roots in counts.items():
        root = max(roots, key=roots.get)
        total = sum(roots.values())
        if total >= BRAND_MIN_ORDERS and roots[root] >= BRAND_SHARE * total:
            found[brand] = root
    return found


def order_interest(order: dict, mapper: InterestMapper) -> str | None:
    """The order's stored interest, else its category, else its product name, through the taxonomy."""
    stored = order.get("interest_id")
    if stored and mapper.taxonomy.has(stored):
        return stored
    return mapper(order.get("category")) or mapper(order.get("product"))


def event_interest(event: dict, mapper: InterestMapper) -> str | None:
    stored = event.get("interest_id")
    if stored and mapper.taxonomy.has(stored):
        return stored
    return mapper(event.get("category")) or mapper(event.get("target"))


def add_behaviour_interests(pool: EvidencePool, data: UserData, order_interests: list[str | None],
                            mapper: InterestMapper, now: datetime, brands: dict[str, str] | None = None) -> None:
    """Orders and events count for their interest and every ancestor, weighted by recency; an order
    that names no interest counts for its brand's (``brands``, from ``brand_interests``)."""
    half_life = HALF_LIFE_DAYS["interest"]
    for order, interest in zip(data.orders, order_interests):
        if interest is None and brands:
            interest = brands.get((order.get("brand") or "").strip().lower())
        if interest is None:
            continue
        at = order.get("ordered_at")
        day, category = (at or "")[:10], order.get("category")
        facts_text = f"{day}, {category}" if day and category else day or category or ""
        label = order.get("product") or category or interest
        evidence = Evidence(ORDER_WEIGHT * decay(at, now, half_life), "order", f"order: {label} ({facts_text})",
                            f"order:{order['order_id']}", at, "order")
        pool.add_all(mapper.ancestors(interest), evidence)
    for event in data.events:
        kind = event["type"]
        weight = EVENT_WEIGHTS.get(kind, 0.0)
        if not weight:
            continue
        if kind == "view" and (event.get("duration_s") or 0) >= LONG_VIEW_SECONDS:
            weight += 0.1
        interest = event_interest(event, mapper)
        if interest is None:
            continue
        at = event.get("at")
        evidence = Evidence(weight * decay(at, now, half_life), "event",
                            f"{kind}: {event.get('target') or event.get('category')} ({(at or '')[:10]})",
                            f"event:{event['event_id']}", at, kind)
        pool.add_all(mapper.ancestors(interest), evidence)


def add_survey_interests(pool: EvidencePool, survey: dict, mapper: InterestMapper, when: str | None) -> list[str]:
    """Survey interests at a fixed weight (undated answers do not decay); returns unmapped answers."""
    unmapped = []
    for answer in _answers(survey.get("interests")):
        interest = mapper(answer)
        if interest is None:
            unmapped.append(answer)
            continue
        evidence = Evidence(SURVEY_WEIGHT, "survey", f"survey: {answer}", "survey:interests", when, "survey answer")
        pool.add_all(mapper.ancestors(interest), evidence)
    return unmapped


def _answers(value) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.replace(",", ",").split(",") if part.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def survey_values(survey: dict, taxonomy: Taxonomy) -> tuple[list[tuple[str, str]], list[str]]:
    """([(value id, answer)], unmapped answers) for the survey's values question."""
    found, unmapped = [], []
    for answer in _answers(survey.get("values")):
        value_id = taxonomy.lookup(answer, "value")
        if value_id:
            found.append((value_id, answer))
        else:
            unmapped.append(answer)
    return found, unmapped
