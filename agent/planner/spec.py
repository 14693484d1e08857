"""The audience specification: what the offline planner understood, as plain JSON-able data.

A question becomes an :class:`AudienceSpec`: a list of conditions that must all hold (each a
:class:`Condition`, or a :class:`Group` of conditions of which any may hold), plus what to show
(the users, how many, a breakdown, an aggregate of a metric, or a ratio within a base audience). ``compile.py`` turns it into SQL and ``describe.py`` into
words; the agent keeps it in ``AIMessage.additional_kwargs["persona_spec"]`` so a follow-up
("of those, only women") can narrow it.

Example:
    >>> spec = AudienceSpec(where=[Condition("gender", values=["female"]),
    ...                            Condition("city", values=["上海"])], output="count")
    >>> AudienceSpec.from_dict(spec.to_dict()) == spec
    True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Union

# What a condition can be about, and which of them a time window applies to.
CONDITION_KINDS = (
    "interest",      # values: interest ids (any level; tags keep ancestors)
    "aspect",        # values: aspect ids or 'overall'; polarity negative|positive|None (mentioned)
    "emotion",       # values: emotion kinds (anger, sadness ...)
    "intent",        # values: intent kinds; targets: interest ids it is about
    "value",         # values: value ids
    "consumption",   # values: consumption profile ids
    "lifecycle",     # values: lifecycle stages
    "gender",        # values: female | male | unknown
    "age",           # range
    "city",          # values: canonical Chinese city names
    "city_tier",     # values: tiers 1..5
    "new_tier1",     # values: canonical names of the 新一线 cities (tier 2 with a flag)
    "member_level",  # values: normal | silver | gold | platinum | diamond
    "spend",         # range over the sum of order amounts (in the window, in targets)
    "avg_order",     # range over the average order amount
    "behavior",      # action (+ targets / text) at least min_count times (at most max_count)
    "registered",    # registered within the window
    "occupation",    # values: occupation keys (lexicon.OCCUPATION), matched inside the free-text column
    "segment",       # values: [segment id, or a name, or 'c3-%' for a discovered cluster]; text: its name in words
    "brand",         # values: canonical brand names; action: order (bought) | mention (in texts) | any (brands.py)
    "mention",       # values: words searched in the user's texts ("提到冲锋衣", brands.py)
    "product",       # values: words an ordered product's name or category contains ("钢笔", data_words.py)
    "store",         # values: stores (orders.store) one of the user's orders was placed at (stores.py)
    "text_lang",     # values: languages (zh, en) one of the user's texts is in (texts.lang, text_lang.py)
    "attribute",     # values: values of the shop's own field ``field`` (user_attributes, attributes.py)
    "ranked",        # ranking: the users a ranking listed ("top 10 spenders", then "which of them…")
)
TIMED_KINDS = frozenset({"aspect", "emotion", "intent", "spend", "avg_order", "behavior", "registered", "brand",
                         "mention", "product", "store", "text_lang"})

# Event types of the events table, plus 'order' (the orders table) and 'any' (any event); 'event': one of the
# shop's own types, in the condition's values (event_types.py).
ACTIONS = ("order", "view", "click", "search", "cart", "favorite", "share", "like", "purchase", "login", "checkin",
           "booking", "any", "event")
# Actions without an object of their own: "searched phones but didn't log in / check in" is no login of phones.
UNTARGETED_ACTIONS = ("login", "checkin", "any", "event")

OUTPUTS = ("list", "count", "breakdown", "aggregate", "ratio", "rank", "overview", "counts")
# Groups counted over the events or texts of a window said with them ("top complaints this month", "what did
# people search for most this month"): the complaints or searches made in it
WINDOWED_GROUPS = ("complaint_aspect", "search_term")
# What a list can show of each user besides id, name, gender, age and city ("list them with their member level",
# "把他们的会员等级列出来"); 'opinion': what each said about the aspect the audience talked about
# ("他们对价格评价怎么样": the opinion's polarity, its score and a quote).
COLUMNS = ("member_level", "city_tier", "lifecycle", "consumption", "opinion")
GROUPS = ("city", "gender", "age_band", "member_level", "city_tier", "lifecycle", "consumption", "interest",
          "registered_month",   # the month a user registered in ("how many users registered each month this year")
          "complaint_aspect", "segment", "store", "search_term")
# ... and the groups an order has (compile.ORDER_GROUPS: its brand, its kind of goods, its month)

# What an aggregate can be over, and how: (metric, agg) pairs that mean something.
METRICS = ("order_value",   # the amount of one order: avg = average order value (客单价), sum = total spend
           "spend",         # a user's total order amount: avg = per user (users without orders count 0), sum = total
           "order_count",   # a user's number of orders: avg = per user, sum = all orders
           "age",           # a user's age: avg only (users without an age are left out)
           "last_order",    # when a user last ordered: max only, for rankings ("最近下单的20个用户")
           "days_since_order")   # days since a buyer's latest order: avg (buyers only, "距离上次下单平均多少天")
AGGREGATES = ("avg", "sum", "max", "median")   # median: the middle value (中位数) of orders, users' spend, ages


@dataclass
class Window:
    """A time window.

    ``kind`` is one of: ``days`` (the last ``n`` days), ``today``, ``yesterday``,
    ``this_week`` (since Monday), ``this_month``, ``this_quarter`` (since the quarter's first day),
    ``last_week`` (Monday to Sunday of the week before this one), ``last_month``, ``last_quarter`` (the
    calendar month / quarter before this one; ``n`` = 2 the one before that: 上上个月),
    ``this_year``, ``last_year`` (the calendar year before this one), ``since`` (on or after
    ``date``), ``before`` (before ``date``; ``n`` when it was said as "n days ago"), ``month`` (the calendar month that starts on ``date``),
    ``between`` (from ``date`` to ``end``, both days included: date_ranges.py). ``anchor`` names
    the festival or holiday the date was read from ("双十一以来": singles_day, date_anchors.py), so
    the answer says which day it took.
    """

    kind: str = "days"
    n: int | None = None
    date: str | None = None   # ISO date for since / before / month / between
    end: str | None = None    # ISO date, the last day of a between window
    anchor: str | None = None

    @staticmethod
    def days(n: int) -> "Window":
        return Window("days", int(n))


@dataclass
class Range:
    """Bounds on a number; unset bounds are open. ``gte``/``lte`` inclusive, ``gt``/``lt`` strict."""

    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None

    def is_empty(self) -> bool:
        return all(bound is None for bound in (self.gte, self.gt, self.lte, self.lt))


@dataclass
class Metric:
    """What an aggregate question measures: ``agg`` (avg | sum) of ``name`` (one of METRICS) over the
    audience; ``window`` limits the orders an order metric counts ("近30天的客单价"). Which other orders it counts
    (a store's, a category's) the audience's order conditions say (order_scope.py)."""

    name: str
    agg: str = "avg"
    window: Window | None = None

    def key(self) -> tuple[str, str]:
        return self.name, self.agg

    def to_dict(self) -> dict:
        data = {"name": self.name, "agg": self.agg}
        if self.window is not None:
            data["window"] = asdict(self.window)
        return data

    @staticmethod
    def from_dict(data: dict) -> "Metric":
        window = Window(**data["window"]) if data.get("window") else None
        return Metric(name=data["name"], agg=data.get("agg", "avg"), window=window)


@dataclass
class Condition:
    """One thing an audience member must (or, when ``negate``, must not) satisfy.

    Attributes:
        kind: One of CONDITION_KINDS.
        values: Ids or names, any of which matches (``city`` 上海 or 北京); for a behavior, the shop's own
            event types (action ``event``), else more words the event target may hold instead of ``text``.
        range: Bounds for age, spend, avg_order.
        polarity: For aspects: 'negative', 'positive', or None for any opinion.
        action: For behavior: one of ACTIONS.
        targets: Interest ids a behavior, intent or spend is about (descendants included).
        text: For behavior: words the event target must contain (a search query).
        min_count: For behavior: at least this many times.
        max_count: For behavior: at most this many times (None: no upper bound).
        window: For timed kinds: only facts inside this window count.
        source: For aspects and emotions: only texts of this source count ('review': "差评", "bad reviews").
        negate: The audience is everyone who does NOT satisfy the rest.
        words: The words of the question it came from (for explanations).
        ranking: For ranked: the ranking's specification (AudienceSpec.to_dict of an output 'rank').
        unbought: For cart / favorite / view / a shop's own event: with no order after it (of its targets, else of the event's
            interest, else none at all; a shop's own event: none at all): "added to cart but didn't buy".
        unvisited: For booking: with no visit (checkin) after it: "预约过但没到店".
        field: For attribute: the shop's own field the values are of (user_attributes.name: travel_party).
        details: For aspects and emotions: words the opinion's texts must also say, one of them ("complained about
            diapers leaking", 吐槽红屁屁: opinion_about.with_details).
        who_only: For an order condition (a store, a product, a brand or a category bought): it says who bought
            ("买过纸尿裤的用户里消费最高的"), not which of their orders a figure counts (order_scope.py).
        stores: For an order condition (a product, a brand or a kind of goods bought): the order was placed at one
            of these stores — the store and the thing hold on the same order ("在五角场店做过烫染", "had a perm at
            the 静安店"; stores.py).
        prepaid_out: For a product word: the shop's prepayments whose names hold it ("面部护理次卡10次"), left out —
            a prepaid pack bought is no service had (prepaid.py).
        only: For an order condition (or a booking): every one of the user's orders (bookings) is of it, none of
            anything else ("只订过机票的客户", "customers who only ever bought notebooks").
    """

    kind: str
    values: list = field(default_factory=list)
    range: Range | None = None
    polarity: str | None = None
    action: str | None = None
    targets: list[str] = field(default_factory=list)
    text: str | None = None
    min_count: int = 1
    max_count: int | None = None
    window: Window | None = None
    source: str | None = None
    negate: bool = False
    words: str = ""
    ranking: dict | None = None
    unbought: bool = False
    unvisited: bool = False
    who_only: bool = False
    stores: list[str] = field(default_factory=list)
    prepaid_out: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    field: str | None = None   # (last: the name hides dataclasses.field in the rest of the class body)
    only: bool = False

    def to_dict(self) -> dict:
        data = {"type": "condition", **asdict(self)}
        # Keep the JSON short: drop empty fields (defaults), they come back on from_dict.
        defaults = {"values": [], "range": None, "polarity": None, "action": None, "targets": [],
                    "text": None, "min_count": 1, "max_count": None, "window": None, "source": None, "negate": False,
                    "words": "", "ranking": None, "unbought": False,
                    "unvisited": False, "who_only": False, "stores": [],
                    "prepaid_out": [], "field": None, "only": False, "details": []}
        return {key: value for key, value in data.items() if key not in defaults or value != defaults[key]}

    @staticmethod
    def from_dict(data: dict) -> "Condition":
        fields = {key: value for key, value in data.items() if key != "type"}
        if fields.get("range") is not None:
            fields["range"] = Range(**fields["range"])
        if fields.get("window") is not None:
            fields["window"] = Window(**fields["window"])
        return Condition(**fields)


@dataclass
class Group:
    """Conditions of which at least one must hold (``op`` 'or'); ``negate`` for none of them."""

    items: list[Condition]
    op: str = "or"
    negate: bool = False

    def to_dict(self) -> dict:
        data = {"type": "group", "op": self.op, "items": [item.to_dict() for item in self.items]}
        if self.negate:
            data["negate"] = True
        return data

    @staticmethod
    def from_dict(data: dict) -> "Group":
        return Group(items=[Condition.from_dict(item) for item in data["items"]], op=data.get("op", "or"),
                     negate=bool(data.get("negate", False)))


Clause = Union[Condition, Group]


def items_of(clause: Clause) -> list[Condition]:
    """The conditions of one clause: a group's items, or the condition itself."""
    return clause.items if isinstance(clause, Group) else [clause]


def flattened(clauses: list[Clause]) -> list[Condition]:
    """The conditions of ``clauses``, groups flattened, in order."""
    return [c for clause in clauses for c in items_of(clause)]


@dataclass
class AudienceSpec:
    """Who (``where``, all must hold) and what to show of them.

    Attributes:
        where: Conditions and groups; an empty list means every user.
        output: 'list' (the users), 'count' (how many; the users are still selected), 'breakdown',
            'aggregate' (``metric`` over the users), 'ratio' (how many of ``base`` also satisfy ``where``) or
            'rank' (the ``top`` users with the highest ``metric``: total spend, orders or average order value) or
            'overview' (how many, and a few breakdowns at once: lifecycle, gender, top cities, top interests)
            or 'counts' (how many users each item of the last clause, a group, holds, within the clauses
            before it: "新客和老客各有多少"; the audience for follow-ups is any of them).
        group_by: For a breakdown: one of GROUPS.
        top: For a breakdown: only the largest ``top`` groups; for a rank: how many users.
        top_percent: For a rank: ``top`` is a percent of the users ranked ("前10%的用户": the top 10% of buyers).
        lang: 'zh' or 'en', the language of the question (answers use it).
        metric: For an aggregate: what to measure; for a rank: what to rank by.
        ascending: For a rank: the lowest figures first ("lowest spenders", "从低到高"); else the highest. For a
            breakdown or a figure per group: the smallest group first ("哪个月的销售额最低", "which city has the fewest users").
        one: For a breakdown or a figure per group: the question asks for one group ("哪个月的销售额最高",
            "which city has the most users"): the answer names the first (and any level with it) before the rest.
        base: For a ratio: the base audience (all must hold; empty = every user). The audience the
            question is about, for follow-ups, is ``base + where`` (see :meth:`audience`).
        window: For a breakdown by what users complained about: only complaints inside it count
            ("top complaints this month", "用户最近都在抱怨什么").
        columns: For a list: what else to show of each user (COLUMNS).
        shares: For a breakdown by a group each user is in once: each group's share of the users too ("各占多少比例").
    """

    where: list[Clause] = field(default_factory=list)
    output: str = "list"
    group_by: str | None = None
    top: int | None = None
    top_percent: bool = False
    lang: str = "zh"
    metric: Metric | None = None
    base: list[Clause] = field(default_factory=list)
    window: Window | None = None
    ascending: bool = False
    columns: list[str] = field(default_factory=list)
    one: bool = False
    shares: bool = False

    def audience(self) -> list[Clause]:
        """Every clause a member of the audience satisfies: a ratio's base and part together."""
        return [*self.base, *self.where]

    def conditions(self) -> list[Condition]:
        """Every condition (a ratio's base included), groups flattened."""
        return flattened(self.audience())

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"where": [clause.to_dict() for clause in self.where], "output": self.output,
                                "lang": self.lang}
        if self.group_by:
            data["group_by"] = self.group_by
        if self.top:
            data["top"] = self.top
        if self.top_percent:
            data["top_percent"] = True
        if self.metric is not None:
            data["metric"] = self.metric.to_dict()
        if self.base:
            data["base"] = [clause.to_dict() for clause in self.base]
        if self.window is not None:
            data["window"] = asdict(self.window)
        if self.ascending:
            data["ascending"] = True
        if self.columns:
            data["columns"] = list(self.columns)
        if self.one:
            data["one"] = True
        if self.shares:
            data["shares"] = True
        return data

    @staticmethod
    def from_dict(data: dict) -> "AudienceSpec":
        return AudienceSpec(where=_clauses(data.get("where", [])), output=data.get("output", "list"),
                            group_by=data.get("group_by"), top=data.get("top"),
                            top_percent=bool(data.get("top_percent", False)), lang=data.get("lang", "zh"),
                            metric=Metric.from_dict(data["metric"]) if data.get("metric") else None,
                            base=_clauses(data.get("base", [])),
                            window=Window(**data["window"]) if data.get("window") else None,
                            ascending=bool(data.get("ascending", False)), columns=list(data.get("columns", [])),
                            one=bool(data.get("one", False)),
                            shares=bool(data.get("shares", False)))


def _clauses(items: list[dict]) -> list[Clause]:
    return [Group.from_dict(item) if item.get("type") == "group" else Condition.from_dict(item) for item in items]
