"""Audience specification -> one parameterized SQLite statement over the queryable tables.

Every condition becomes a predicate on ``users u``: on one of its columns (``u.city IN (?)``), or
``u.user_id IN (SELECT … FROM <table> WHERE … [GROUP BY user_id HAVING COUNT(*) >= ?])`` when an
index narrows the rows (a tag, an interest, an aspect), or a per-user ``EXISTS`` / ``COUNT(*)`` /
``SUM`` when nothing does ("placed an order", "was active", "spent over 1000"): SQLite then probes
each user through the ``(user_id, ...)`` indexes, which beats collecting every row. Values
from the question always travel as ``?`` parameters; only constants the planner itself chose (table
names, time-window modifiers built from validated integers) are written into the SQL text.

Semantics worth knowing (docs/questions.md, "What the SQL means", says the same):

- interests: an active tag; a level-2/3 interest's ancestors are stored too, so ``tag_id = ?``
  works at any level. Behaviour and intents about an interest also count its descendants.
- NOT: "not in Shanghai" includes users whose city is unknown (not known to be in Shanghai).
- spend below X includes users with no orders at all.
- windows: "last 30 days" = on or after ``date('now', '-30 days')``.
- aggregates: one row over the audience. Order metrics LEFT JOIN the audience's orders, so a user
  without orders counts in ``user_count`` (and as 0 in per-user averages) but adds no order; the
  average order value is the mean over orders. Age averages the users whose age is known.
- which orders a figure counts: an order figure (aggregate, a ranked user's figure, a spend threshold, each
  store's users, each brand's figures) counts only the orders that satisfy the audience's order conditions —
  a store, a kind of product, a product word, a brand — unless one is said as who bought ("买过X的用户里消费最高的":
  all their orders; order_scope.py); the other conditions say whose orders.
- ratios: one row, ``base_count`` (users of the base), ``part_count`` (of them, those matching the
  rest) and ``percent``.
"""

from __future__ import annotations

import re

from agent.planner.attributes import group_field, group_parts as attribute_group_parts
from agent.planner.order_scope import order_scope, scope_filters, spend_standing
from agent.planner.prepaid import prepaid_sql
from agent.planner.spec import AudienceSpec, Clause, Condition, Group, Metric, Range, Window, items_of
from agent.planner.stages import DATED_STAGES, stage_start_any
from agent.planner.stores import at_store_filters
from tools.analyzers import NEUTRAL_BAND

AUDIENCE_COLUMNS = "u.user_id, u.name, u.gender, u.age, u.city"
_AGE_BAND = ("CASE WHEN u.age IS NULL THEN 'unknown' WHEN u.age < 18 THEN 'under 18' WHEN u.age < 25 THEN '18-24' "
             "WHEN u.age < 35 THEN '25-34' WHEN u.age < 45 THEN '35-44' WHEN u.age < 55 THEN '45-54' "
             "ELSE '55+' END")
DEFAULT_INTEREST_TOP = 10
# An opinion is negative (positive) where the analyzers label it so: a whole-text polarity inside their
# neutral band ("这周照常买菜，一切正常": -0.02) is no complaint.
NEGATIVE = "{}.polarity <= -%s" % NEUTRAL_BAND
POSITIVE = "{}.polarity >= %s" % NEUTRAL_BAND


class CompileError(ValueError):
    """The specification cannot be expressed (an unknown kind or group)."""


def compile_spec(spec: AudienceSpec, *, prepaid: bool = False) -> tuple[str, list]:
    """The SQL statement and its parameters for ``spec``.

    Audiences and counts select ``user_id, name, gender, age, city`` ordered by user id, so every
    member can be listed or exported (a count's answer states how many); a breakdown
    selects the group and ``COUNT(DISTINCT u.user_id) AS user_count``.

    Example:
        >>> from agent.planner.spec import Condition
        >>> sql, params = compile_spec(AudienceSpec(where=[Condition("city", values=["上海"])]))
        >>> sql
        'SELECT u.user_id, u.name, u.gender, u.age, u.city FROM users u WHERE u.city = ? ORDER BY u.user_id'
        >>> params
        ['上海']
    """
    builder = _Builder(order_scope(spec.audience()), prepaid=prepaid)
    if spec.output == "ratio":
        return _ratio(spec, builder), builder.params
    if spec.output == "rank":
        return _rank(spec, builder), builder.params
    if spec.output == "overview":
        return _overview(spec, builder), builder.params
    if spec.output == "counts":
        return _counts(spec, builder), builder.params
    if spec.group_by in ORDER_GROUPS and spec.output in ("breakdown", "aggregate"):
        return _per_order_group(spec, builder), builder.params
    if spec.output == "aggregate" and spec.metric is not None and spec.metric.key() in PER_ROW_FIGURES:
        return _per_row_figure(spec, builder), builder.params
    if spec.output == "aggregate":
        metric_sql = _metric_join(spec, builder)   # its window's parameters come first in the text
        predicates = [builder.clause(clause) for clause in spec.where]
        where = " WHERE " + " AND ".join(predicates) if predicates else ""
        return metric_sql.format(where=where), builder.params
    joining = _Builder(builder.scope)   # the join's filters come first in the text
    at = {"complaint_aspect": "e.at", "search_term": "se.at"}.get(spec.group_by or "")
    joined = joining.window_filters(at, spec.window) if spec.window and at else []
    if spec.group_by == "store":   # users per store: of the orders the question names, in that store
        joined = joining.scoped("os")
    predicates = [builder.clause(clause) for clause in spec.where]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    if joined:
        return _breakdown(spec, where, joined), joining.params + builder.params
    if spec.output != "breakdown":
        # a count selects its users like a list (the answer states how many): the table under it
        # shows who they are, and they can be exported, saved or written to
        shown = _Builder()   # the shown columns' parameters come first in the text
        extra = "".join(f", {column}" for column in _shown_columns(spec, shown))
        return f"SELECT {AUDIENCE_COLUMNS}{extra} FROM users u{where} ORDER BY u.user_id", shown.params + builder.params
    named = _named_interests(spec) if spec.group_by == "interest" else []
    if named:   # "dog owners vs cat owners": the interests compared are the groups, not every interest they have
        where += f" AND t.tag_id IN ({builder.bind(named)})"
    return _breakdown(spec, where, named=bool(named)), builder.params


# What a list shows besides AUDIENCE_COLUMNS when asked (spec.COLUMNS, "list them with their member level").
_LIST_COLUMNS = {"member_level": "u.member_level", "city_tier": "u.city_tier",
                 "lifecycle": "(SELECT p.lifecycle FROM profiles p WHERE p.user_id = u.user_id) AS lifecycle",
                 "consumption": "(SELECT p.consumption FROM profiles p WHERE p.user_id = u.user_id) AS consumption"}


def _shown_columns(spec: AudienceSpec, builder: "_Builder") -> list[str]:
    """The extra columns of a list: attributes, and for 'opinion' what each user said about the aspects
    the audience talked about (their average polarity, how many opinions, the strongest clause)."""
    out = [_LIST_COLUMNS[name] for name in spec.columns if name in _LIST_COLUMNS]
    if "opinion" in spec.columns:
        aspects = [c for c in spec.conditions() if c.kind == "aspect" and not c.negate]
        if not aspects:
            raise CompileError("an opinion column without an aspect")
        # the aspect asked about ("他们对物流评价怎么样" after "对价格不满的用户": delivery, the one said last)
        aspect = next((c for c in reversed(aspects) if c.polarity is None), aspects[-1])

        def said() -> str:   # each subquery binds its own parameters, in the order of the text
            mine = ["e.user_id = u.user_id", builder.member("e.aspect", aspect.values)]
            return " AND ".join(mine + (builder.window_filters("e.at", aspect.window) if aspect.window else []))

        out += [f"(SELECT ROUND(AVG(e.polarity), 2) FROM emotions e WHERE {said()}) AS opinion_score",
                f"(SELECT COUNT(*) FROM emotions e WHERE {said()}) AS opinions",
                f"(SELECT e.evidence FROM emotions e WHERE {said()} ORDER BY ABS(e.polarity) DESC, e.at DESC "
                f"LIMIT 1) AS quote"]
    return out


def _named_interests(spec: AudienceSpec) -> list[str]:
    """The interests one condition of the audience names, when it names two or more ("dog owners vs
    cat owners", "喜欢露营或徒步的按兴趣分布"): a breakdown by interest counts those, at their own level."""
    for clause in spec.where:
        items = items_of(clause)
        named = [v for item in items if item.kind == "interest" and not item.negate for v in item.values]
        if len(named) >= 2 and len(named) == sum(len(item.values) for item in items) and not clause.negate:
            return list(dict.fromkeys(named))
    return []


def _group_parts(group: str | None, any_level: bool = False, orders: list[str] = ()) -> tuple[str, str, str, str]:
    """How rows are grouped for a breakdown: (label columns, joins, GROUP BY, the first label's name);
    interests are the top-level ones, or (``any_level``) whichever the WHERE names; ``orders``: filters on
    the orders ``os`` a store group is read from."""
    simple = {"city": "COALESCE(u.city, 'unknown')", "gender": "u.gender",
              "registered_month": "COALESCE(substr(u.registered_at, 1, 7), 'unknown')",
              "member_level": "COALESCE(u.member_level, 'unknown')", "city_tier": "u.city_tier",
              "age_band": _AGE_BAND}
    if group in simple:
        return f"{simple[group]} AS {group}", "", simple[group], group
    if group in ("lifecycle", "consumption"):
        expression = f"COALESCE(p.{group}, 'unknown')"
        return f"{expression} AS {group}", " LEFT JOIN profiles p ON p.user_id = u.user_id", expression, group
    if group == "interest":
        return ("t.tag_id AS interest, x.name_zh, x.name_en",
                " JOIN tags t ON t.user_id = u.user_id AND t.status = 'active' "
                "JOIN taxonomy x ON x.id = t.tag_id AND x.kind = 'interest'" + ("" if any_level else " AND x.level = 1"),
                "t.tag_id, x.name_zh, x.name_en", "interest")
    if group == "complaint_aspect":
        # a text negative as a whole that names no aspect ("我要投诉，太离谱了") is a complaint too: its
        # group is 'overall' (said "未指明方面"); a whole-text verdict beside a named aspect is not counted twice
        return ("e.aspect AS aspect", f" JOIN emotions e ON e.user_id = u.user_id AND {NEGATIVE.format('e')} "
                "AND (e.aspect <> 'overall' OR NOT EXISTS (SELECT 1 FROM emotions en WHERE en.text_id = e.text_id "
                f"AND en.aspect <> 'overall' AND {NEGATIVE.format('en')}))", "e.aspect", "aspect")
    if group == "search_term":   # what the users searched for: each search's words, as typed
        return ("se.target AS search_term, COUNT(se.event_id) AS search_count",
                " JOIN events se ON se.user_id = u.user_id AND se.type = 'search' AND TRIM(COALESCE(se.target, '')) <> ''",
                "se.target", "search_term")
    if group == "store":   # each store a user bought at, once; orders without a store are in no group
        filters = " AND ".join(["os.store IS NOT NULL", *orders])
        return ("so.store AS store", f" JOIN (SELECT DISTINCT os.user_id, os.store FROM orders os WHERE {filters}) so "
                "ON so.user_id = u.user_id", "so.store", "store")
    if group_field(group):
        return attribute_group_parts(group_field(group))
    if group == "segment":
        return ("s.name AS segment, s.name_zh, s.name_en",
                " JOIN segment_members sm ON sm.user_id = u.user_id JOIN segments s ON s.segment_id = sm.segment_id",
                "s.segment_id, s.name, s.name_zh, s.name_en", "segment")
    raise CompileError(f"unknown breakdown '{group}'")


OVERVIEW_TOP = 5   # cities and interests an overview shows


def _overview(spec: AudienceSpec, builder: "_Builder") -> str:
    """What the audience looks like in one statement: its size, then users per lifecycle stage, per
    gender, in the top cities and with the top interests (one row per facet and value)."""
    parts = []

    def where() -> str:   # each part selects the audience again (its parameters bound again, in order)
        predicates = [builder.clause(clause) for clause in spec.where]
        return " WHERE " + " AND ".join(predicates) if predicates else ""

    parts.append(f"SELECT 'total' AS facet, NULL AS value, NULL AS name_zh, NULL AS name_en, COUNT(*) AS user_count "
                 f"FROM users u{where()}")
    parts.append("SELECT 'lifecycle', COALESCE(p.lifecycle, 'unknown'), NULL, NULL, COUNT(*) FROM users u "
                 f"LEFT JOIN profiles p ON p.user_id = u.user_id{where()} GROUP BY 2")
    parts.append(f"SELECT 'gender', COALESCE(u.gender, 'unknown'), NULL, NULL, COUNT(*) FROM users u{where()} GROUP BY 2")
    parts.append("SELECT * FROM (SELECT 'city', COALESCE(u.city, 'unknown'), NULL, NULL, COUNT(*) AS n FROM users u"
                 f"{where()} GROUP BY 2 ORDER BY u.city IS NULL, n DESC, 2 LIMIT {OVERVIEW_TOP})")
    parts.append("SELECT * FROM (SELECT 'interest', t.tag_id, x.name_zh, x.name_en, COUNT(DISTINCT u.user_id) AS n "
                 "FROM users u JOIN tags t ON t.user_id = u.user_id AND t.status = 'active' JOIN taxonomy x ON "
                 f"x.id = t.tag_id AND x.kind = 'interest' AND x.level = 1{where()} GROUP BY 2, 3, 4 "
                 f"ORDER BY n DESC, 2 LIMIT {OVERVIEW_TOP})")
    return " UNION ALL ".join(parts)


def _limit(spec: AudienceSpec) -> str:
    top = spec.top or (DEFAULT_INTEREST_TOP if spec.group_by in ("interest", "complaint_aspect", "search_term") else None)
    return f" LIMIT {int(top)}" if top else ""


def _breakdown(spec: AudienceSpec, where: str, joined: list[str] | None = None, named: bool = False) -> str:
    """Users per group, largest first (city tiers and age bands in their own order); a segment also
    gives its size, so the answer can say how much of it the audience is. ``joined``: the filters on
    the complaints a breakdown by complaint counts, or on the orders a breakdown by store reads;
    ``named``: the WHERE keeps the interests it names (``t.tag_id IN``), at any level."""
    store = spec.group_by == "store"
    columns, joins, group_by, name = _group_parts(spec.group_by, any_level=named,
                                                  orders=joined if store and joined else [])
    if joined and not store:
        joins += " AND " + " AND ".join(joined)
    order = {"city_tier": "COALESCE(u.city_tier, 9)", "age_band": "MIN(COALESCE(u.age, 999))",
             "registered_month": "registered_month"}.get(spec.group_by, f"user_count {_direction(spec)}")
    if "'unknown'" in group_by:   # an unknown city or level is no group of its own: last, never in a "top 5"
        order = f"{group_by} = 'unknown', {order}"
    if spec.group_by == "segment":
        columns += ", (SELECT COUNT(*) FROM segment_members sa WHERE sa.segment_id = s.segment_id) AS segment_size"
    if spec.top and order.endswith("user_count DESC"):
        # "top 3 cities": the groups level with the 3rd come too (RANK), so the answer can say they tie
        ranked = order.replace("user_count", "COUNT(DISTINCT u.user_id)")
        labels = ", ".join(re.search(r"(\w+)$", part).group(1) for part in _top_level_parts(columns))
        return (f"SELECT {labels}, user_count FROM (SELECT {columns}, COUNT(DISTINCT u.user_id) AS user_count, "
                f"RANK() OVER (ORDER BY {ranked}) AS place FROM users u{joins}{where} GROUP BY {group_by}) "
                f"WHERE place <= {int(spec.top)} ORDER BY place, {name}")
    if spec.shares and spec.group_by in SHARED_GROUPS:   # each user in one group: the groups add up to the audience
        columns += ", ROUND(100.0 * COUNT(DISTINCT u.user_id) / SUM(COUNT(DISTINCT u.user_id)) OVER (), 1) AS percent"
    return (f"SELECT {columns}, COUNT(DISTINCT u.user_id) AS user_count FROM users u{joins}{where} "
            f"GROUP BY {group_by} ORDER BY {order}, {name}{_limit(spec)}")


# Groups each user is in exactly once, whose shares of the audience add up to all of it ("各占多少比例")
SHARED_GROUPS = ("city", "gender", "age_band", "member_level", "city_tier", "lifecycle", "consumption")


def _top_level_parts(columns: str) -> list[str]:
    """The items of a select list, split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(columns):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(columns[start:i].strip())
            start = i + 1
    return parts + [columns[start:].strip()]


# Order metrics select these over ``users u LEFT JOIN orders oa`` (a user without orders adds none) ...
# (prepaid_spend: how much of it is prepayments, top-ups and prepaid packs, which the answer says: prepaid.py)
_ORDER_COLUMNS = {"user_count": "COUNT(DISTINCT u.user_id)", "order_count": "COUNT(oa.order_id)",
                  "total_spend": "ROUND(COALESCE(SUM(oa.amount), 0), 2)",
                  "prepaid_spend": f"ROUND(COALESCE(SUM(CASE WHEN {prepaid_sql('oa')} THEN oa.amount END), 0), 2)"}
# ... and (metric, agg) -> the column that answers the question (one of the above, or added).
METRIC_COLUMNS = {
    ("order_value", "avg"): ("avg_order_value", "ROUND(AVG(oa.amount), 2)"),
    ("order_value", "sum"): ("total_spend", None),
    ("spend", "avg"): ("avg_spend_per_user",
                       "ROUND(COALESCE(SUM(oa.amount), 0) / NULLIF(COUNT(DISTINCT u.user_id), 0), 2)"),
    ("spend", "sum"): ("total_spend", None),
    ("order_count", "avg"): ("avg_orders_per_user",
                             "ROUND(1.0 * COUNT(oa.order_id) / NULLIF(COUNT(DISTINCT u.user_id), 0), 2)"),
    ("order_count", "sum"): ("order_count", None),
    ("age", "avg"): ("avg_age", "ROUND(AVG(u.age), 1)"),
}


# Figures of the values of rows, one row per order or per user (``{orders}``: the join of the orders counted):
# the value, the statement the rows come from, and the column of the answer. A median is the middle row's
# value (the mean of the two middle ones for an even count): SQLite has no MEDIAN()
PER_ROW_FIGURES = {
    ("order_value", "median"): ("oa.amount", "FROM users u JOIN orders oa ON {orders}{where}", "median_order_value"),
    ("spend", "median"): ("COALESCE(SUM(oa.amount), 0)", "FROM users u LEFT JOIN orders oa ON {orders}{where} "
                          "GROUP BY u.user_id", "median_spend_per_user"),
    ("order_count", "median"): ("COUNT(oa.order_id)", "FROM users u LEFT JOIN orders oa ON {orders}{where} "
                                "GROUP BY u.user_id", "median_orders_per_user"),
    ("age", "median"): ("u.age", "FROM users u{where}", "median_age"),
    ("days_since_order", "avg"): ("julianday('now') - julianday(MAX(oa.ordered_at))",
                                  "FROM users u JOIN orders oa ON {orders}{where} GROUP BY u.user_id",
                                  "avg_days_since_order"),
}


def _per_row_figure(spec: AudienceSpec, builder: "_Builder") -> str:
    """A median ("客单价的中位数", "median age") or the average days since each buyer's latest order: the values of
    the rows first (each order, or each user of the audience), then the figure over them; ``rows`` says how many
    values it is over (users without an age, or buyers only, are left out as the rows say)."""
    metric = spec.metric
    value, rows, column = PER_ROW_FIGURES[metric.key()]
    join = ["oa.user_id = u.user_id"]
    if metric.window is not None:
        join += builder.window_filters("oa.ordered_at", metric.window)
    join += builder.scoped("oa")
    predicates = [builder.clause(clause) for clause in spec.where]
    if metric.name == "age":
        predicates.append("u.age IS NOT NULL")
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    values = f"SELECT {value} AS value {rows.format(orders=' AND '.join(join), where=where)}"
    if metric.agg == "avg":
        return f"SELECT COUNT(*) AS value_count, ROUND(AVG(value), 1) AS {column} FROM ({values})"
    ranked = f"SELECT value, ROW_NUMBER() OVER (ORDER BY value) AS place, COUNT(*) OVER () AS value_count FROM ({values})"
    return (f"SELECT MAX(value_count) AS value_count, ROUND(AVG(value), 2) AS {column} FROM ({ranked}) "
            f"WHERE place IN ((value_count + 1) / 2, (value_count + 2) / 2)")


def metric_column(metric: Metric) -> str:
    """The name of the result column that holds the asked value (``avg_order_value`` ...)."""
    if metric.key() in PER_ROW_FIGURES:
        return PER_ROW_FIGURES[metric.key()][2]
    if (metric.name, metric.agg) not in METRIC_COLUMNS:
        raise CompileError(f"cannot take the {metric.agg} of {metric.name}")
    return METRIC_COLUMNS[(metric.name, metric.agg)][0]


def _metric_join(spec: AudienceSpec, builder: "_Builder") -> str:
    """The aggregate statement with a ``{where}`` slot: the users counted and the value (order metrics
    also give the orders and the amount it is over); one row, or one per group, highest value first."""
    metric = spec.metric
    if metric is None:
        raise CompileError("an aggregate without a metric")
    column = metric_column(metric)
    expression = METRIC_COLUMNS[(metric.name, metric.agg)][1]
    labels, joins, group_by, name = ("", "", "", "")
    per_store = spec.group_by == "store" and metric.name != "age"   # order figures: each store's own orders
    if spec.group_by and not per_store:
        if spec.group_by == "complaint_aspect":   # several emotion rows per user would repeat their orders
            raise CompileError("a figure per complaint aspect")
        labels, joins, group_by, name = _group_parts(spec.group_by)
        labels += ", "
    if metric.name == "age":
        columns = ["COUNT(DISTINCT u.user_id) AS user_count", "COUNT(u.age) AS with_age", f"{expression} AS {column}"]
    else:
        join = ["oa.user_id = u.user_id"]
        if metric.window is not None:
            join += builder.window_filters("oa.ordered_at", metric.window)
        join += builder.scoped("oa")   # only the orders the question names count (order_scope.py)
        if per_store:
            labels, group_by, name = "oa.store AS store, ", "oa.store", "store"
            joins += f" JOIN orders oa ON {' AND '.join(join)} AND oa.store IS NOT NULL"
        else:   # scoped: the users counted are those with such orders
            joins += f" {'JOIN' if builder.scope else 'LEFT JOIN'} orders oa ON {' AND '.join(join)}"
        columns = [f"{sql} AS {label}" for label, sql in _ORDER_COLUMNS.items()
                   if label != "prepaid_spend" or builder.prepaid]
        if expression is not None:
            columns.append(f"{expression} AS {column}")
    statement = f"SELECT {labels}{', '.join(columns)} FROM users u{joins}{{where}}"
    if not spec.group_by:
        return statement
    return statement + f" GROUP BY {group_by} ORDER BY {column} IS NULL, {column} {_direction(spec)}, {name}{_limit(spec)}"


# Groups an order has, not a user: a user is in each brand (each product) they bought, each kind of goods
# ("这些人还喜欢买什么"), each month they ordered in ("今年哪个月的销售额最高"), each kind of goods compared ("kind")
_ORDER_GROUP_COLUMNS = {"brand": "ob.brand", "product": "ob.product", "bought_interest": "ob.interest_id",
                        "month": "substr(ob.ordered_at, 1, 7)"}
ORDER_GROUPS = (*_ORDER_GROUP_COLUMNS, "kind")
# Each such group's figures over its orders (``ob``) ...
_GROUP_FIGURES = {"user_count": "COUNT(DISTINCT u.user_id)", "order_count": "COUNT(ob.order_id)",
                  "total_spend": "ROUND(SUM(ob.amount), 2)", "avg_order_value": "ROUND(AVG(ob.amount), 2)"}
# ... and the one a figure asked for ranks by (else the buyers)
_GROUP_ORDER = {("order_value", "avg"): "avg_order_value", ("order_value", "sum"): "total_spend",
                ("spend", "sum"): "total_spend", ("spend", "avg"): "total_spend",
                ("order_count", "sum"): "order_count", ("order_count", "avg"): "order_count"}


def _per_order_group(spec: AudienceSpec, builder: "_Builder") -> str:
    """Each brand (product) the audience bought ("which brands do they buy most", "top 5 products by sales"): its
    buyers, their orders of it, its sales and average order, highest first by the figure asked (the
    buyers when none is), ties by name; inside the metric's window."""
    group = spec.group_by
    metric = spec.metric
    if metric is not None and metric.name == "age":
        raise CompileError(f"an average age per {group}")
    # the kind's CASE is bound first: it leads the statement
    column = _kind_label(spec, builder) if group == "kind" else _ORDER_GROUP_COLUMNS[group]
    join = ["ob.user_id = u.user_id"] + ([] if group == "kind" else [f"{column} IS NOT NULL", f"{column} <> ''"])
    if metric is not None and metric.window is not None:
        join += builder.window_filters("ob.ordered_at", metric.window)   # bound before the audience's
    if group != "bought_interest":   # what the audience buys is all their orders ("买过手机的人还喜欢买什么")
        join += builder.scoped("ob")   # "母婴品类销售额最高的品牌", "帮宝适跟全棉时代哪个…" (brands.brand_groups)
    predicates = [builder.clause(clause) for clause in spec.where]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    figures = ", ".join(f"{sql} AS {name}" for name, sql in _GROUP_FIGURES.items())
    # with no figure said, brands come by their buyers, months by their orders ("哪个月的订单最多")
    order = _GROUP_ORDER.get((metric.name, metric.agg), "user_count") if metric else \
        ("order_count" if group == "month" else "user_count")
    grouped = group if group == "kind" else column   # the kind's CASE is said once, by its name
    # an order of both kinds together but of neither alone (a product filed half under each) is no kind's
    having = f" HAVING {group} IS NOT NULL" if group == "kind" else ""
    return (f"SELECT {column} AS {group}, {figures} FROM users u JOIN orders ob ON {' AND '.join(join)}{where} "
            f"GROUP BY {grouped}{having} ORDER BY {order} {_direction(spec)}, {grouped}{_limit(spec)}")


def _kind_label(spec: AudienceSpec, builder: "_Builder") -> str:
    """"compare sales of phones and tablets": each order's kind among those bought (the targets of the
    audience's bought condition, each as ``kind_filter`` reads it), the most specific first where one is inside
    another."""
    from schema.taxonomy import load_taxonomy

    kinds = next(c.targets for c in spec.where if isinstance(c, Condition) and c.kind == "behavior"
                 and c.action == "order" and len(c.targets) >= 2 and not c.negate)
    taxonomy = load_taxonomy()
    kinds = sorted(kinds, key=lambda kind: -taxonomy.get(kind).level if taxonomy.has(kind) else 0)
    cases = " ".join(f"WHEN {builder.kind_filter('ob', [kind])} THEN {builder.bind([kind])}" for kind in kinds)
    return f"CASE {cases} END"


def _rank(spec: AudienceSpec, builder: "_Builder") -> str:
    """The ``top`` users of the audience with the highest figure, highest first (``ascending``: the lowest,
    lowest first; ties by user id).

    Only users with orders (in the metric's window) are ranked: a user without any has no figure.
    Each row has the audience columns and the user's ``order_count``, ``total_spend`` and
    ``avg_order_value`` (and ``last_order_at`` when ranked by it), so the answer can say what the ranking
    rests on.
    """
    metric = spec.metric
    if metric is None or (metric.name, metric.agg) not in RANK_COLUMNS:
        raise CompileError("a ranking of users by total spend, number of orders, average order value or latest order")
    if not spec.top or int(spec.top) < 1:
        raise CompileError(f"a ranking of {spec.top} users")
    outer, builder.scope = builder.scope, order_scope(spec.audience())   # a ranking inside: its own
    join = ["oa.user_id = u.user_id"]
    if metric.window is not None:
        join += builder.window_filters("oa.ordered_at", metric.window)   # bound before the audience's
    join += builder.scoped("oa")   # a user's figure over the orders the question names (order_scope.py)
    predicates = [builder.clause(clause) for clause in spec.where]
    builder.scope = outer
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    column = RANK_COLUMNS[(metric.name, metric.agg)]
    shown = _user_figures(column, builder.prepaid)
    figures = ", ".join(f"{sql} AS {label}" for label, sql in shown.items())
    if spec.group_by:
        return _rank_per_group(spec, " AND ".join(join), where, figures, column, list(shown))
    if spec.top_percent:   # the top n% of the users ranked, rounded up (at least one)
        inner = (f"SELECT {AUDIENCE_COLUMNS}, {figures}, ROW_NUMBER() OVER (ORDER BY {_RANK_ORDER[column]} "
                 f"{_direction(spec)}, u.user_id) AS place, COUNT(*) OVER () AS ranked_users FROM users u JOIN orders oa "
                 f"ON {' AND '.join(join)}{where} GROUP BY u.user_id")
        return (f"SELECT user_id, name, gender, age, city, {', '.join(shown)} FROM ({inner}) AS ranked "
                f"WHERE place * 100 < ranked_users * {min(100, int(spec.top))} + 100 ORDER BY place")
    return (f"SELECT {AUDIENCE_COLUMNS}, {figures} FROM users u JOIN orders oa ON {' AND '.join(join)}{where} "
            f"GROUP BY u.user_id ORDER BY {column} {_direction(spec)}, u.user_id LIMIT {int(spec.top)}")


def _direction(spec: AudienceSpec) -> str:
    return "ASC" if spec.ascending else "DESC"


# Groups a user belongs to exactly once: a ranking within each of them stays a ranking of users; and the
# store, where each user's figure is over their orders at that store ("每个门店消费最高的顾客").
RANK_GROUPS = ("city", "gender", "age_band", "member_level", "city_tier", "lifecycle", "consumption", "store")


def _rank_per_group(spec: AudienceSpec, join: str, where: str, figures: str, column: str, shown: list[str]) -> str:
    """The ``top`` users of each group ("每个城市消费最高的用户", "top spender per city"): each user's
    figures, numbered within their group by ``ROW_NUMBER()`` (highest first, ties by user id); the
    group is the column ``by_<group>``, and groups come in their label's order."""
    if spec.group_by not in RANK_GROUPS:
        raise CompileError(f"a ranking within each {spec.group_by}: a user can be in several")
    name = rank_group_column(spec.group_by)
    if spec.group_by == "store":   # a user's figures in each store they bought at
        expression, joins, join = "oa.store", "", join + " AND oa.store IS NOT NULL"
    else:
        label, joins, _, _ = _group_parts(spec.group_by)
        expression = label.rsplit(" AS ", 1)[0]
    figure = _RANK_ORDER[column]
    inner = (f"SELECT {AUDIENCE_COLUMNS}, {expression} AS {name}, {figures}, ROW_NUMBER() OVER "
             f"(PARTITION BY {expression} ORDER BY {figure} {_direction(spec)}, u.user_id) AS place "
             f"FROM users u JOIN orders oa ON {join}{joins}{where} GROUP BY u.user_id, {expression}")
    return (f"SELECT user_id, name, gender, age, city, {name}, {', '.join(shown)}, place "
            f"FROM ({inner}) AS ranked WHERE place <= {int(spec.top)} ORDER BY {name}, place")


def rank_group_column(group: str) -> str:
    """The column holding each ranked user's group ('by_city')."""
    return f"by_{_group_parts(group)[3]}"


# A ranked user's figures, and which of them each ranking orders by.
_USER_FIGURES = {"order_count": "COUNT(oa.order_id)", "total_spend": "ROUND(SUM(oa.amount), 2)",
                 "avg_order_value": "ROUND(AVG(oa.amount), 2)", "prepaid_spend": _ORDER_COLUMNS["prepaid_spend"]}
_LAST_ORDER = {"last_order_at": "MAX(oa.ordered_at)"}
# the largest order: its amount, and what and when it was (in SQLite, a bare column beside the one MAX() of a
# group is read from the row that holds the maximum)
_TOP_ORDER = {"max_order_value": "MAX(oa.amount)", "max_order_product": "oa.product", "max_order_at": "oa.ordered_at"}


def _user_figures(column: str, prepaid: bool) -> dict:
    """The figures a ranked user's row shows: the three amounts (and the prepayments among them, where the
    shop books any), and the latest order or the largest one when ranked by it (those columns would crowd
    every other ranking's table)."""
    figures = {label: sql for label, sql in _USER_FIGURES.items() if label != "prepaid_spend" or prepaid}
    return {**figures, **(_LAST_ORDER if column in _LAST_ORDER else {}), **(_TOP_ORDER if column in _TOP_ORDER else {})}

_RANK_ORDER = {"order_count": "COUNT(oa.order_id)", "total_spend": "SUM(oa.amount)", "avg_order_value": "AVG(oa.amount)",
               "last_order_at": "MAX(oa.ordered_at)", "max_order_value": "MAX(oa.amount)"}
RANK_COLUMNS = {("spend", "sum"): "total_spend", ("order_count", "sum"): "order_count",
                ("order_value", "avg"): "avg_order_value", ("last_order", "max"): "last_order_at",
                ("order_value", "max"): "max_order_value"}


def _counts(spec: AudienceSpec, builder: "_Builder") -> str:
    """How many users each part (the items of the last clause) holds, within the clauses before it: one
    row, ``part_0``, ``part_1`` …"""
    *shared, parts = spec.where or [None]
    if not isinstance(parts, Group) or len(parts.items) < 2:
        raise CompileError("counts need two parts or more to count")
    if spec.metric is not None:
        return _figure_of_parts(spec, shared, parts.items, builder)
    columns = ", ".join(f"COALESCE(SUM(CASE WHEN {builder.clause(item)} THEN 1 ELSE 0 END), 0) AS part_{i}"
                        for i, item in enumerate(parts.items))   # in the SELECT: bound first
    predicates = [builder.clause(clause) for clause in shared]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    return f"SELECT {columns} FROM users u{where}"


# Each part's figure (``{o}``: the part's test on an order row, ``{p}``: on a user, always after it) over ``users u
# LEFT JOIN orders oa``: a user is in the part when they satisfy it, an order counts when it is one of the part's (its order
# conditions, its window: "this month vs last month"), else when its user is in the part
_PART_FIGURES = {
    ("order_value", "avg"): "ROUND(AVG(CASE WHEN {o} THEN oa.amount END), 2)",
    ("spend", "sum"): "ROUND(COALESCE(SUM(CASE WHEN {o} THEN oa.amount END), 0), 2)",
    ("order_value", "sum"): "ROUND(COALESCE(SUM(CASE WHEN {o} THEN oa.amount END), 0), 2)",
    ("spend", "avg"): "ROUND(COALESCE(SUM(CASE WHEN {o} THEN oa.amount END), 0) / "
                      "NULLIF(COUNT(DISTINCT CASE WHEN {p} THEN u.user_id END), 0), 2)",
    ("order_count", "sum"): "COUNT(CASE WHEN {o} THEN oa.order_id END)",
    ("order_count", "avg"): "ROUND(1.0 * COUNT(CASE WHEN {o} THEN oa.order_id END) / "
                            "NULLIF(COUNT(DISTINCT CASE WHEN {p} THEN u.user_id END), 0), 2)",
}


def _figure_of_parts(spec: AudienceSpec, shared: list[Clause], parts: list[Condition], builder: "_Builder") -> str:
    """"compare hikers and gold members on average spend", "本月和上个月的销售额": one row, each part's users
    (``part_<i>``) and its figure (``figure_<i>``), within the clauses before the parts. A per-user average
    counts the part's users without orders as 0, like the aggregate (METRIC_COLUMNS)."""
    metric = spec.metric
    key = (metric.name, metric.agg)
    if key == ("age", "avg"):   # no orders joined: each user once
        columns = [f"COUNT(CASE WHEN {builder.clause(item)} THEN 1 END) AS part_{i}, "
                   f"ROUND(AVG(CASE WHEN {builder.clause(item)} THEN u.age END), 1) AS figure_{i}"
                   for i, item in enumerate(parts)]
        joins = ""
    elif key in _PART_FIGURES:
        columns = []
        template = _PART_FIGURES[key]
        for i, item in enumerate(parts):   # bound in the order written: its users, the order test, the user test
            users = f"COUNT(DISTINCT CASE WHEN {builder.clause(item)} THEN u.user_id END) AS part_{i}"
            orders = _part_orders(item, builder)
            per_user = builder.clause(item) if "{p}" in template else ""
            columns.append(f"{users}, {template.format(o=orders, p=per_user)} AS figure_{i}")
        join = ["oa.user_id = u.user_id"]
        if metric.window is not None:
            join += builder.window_filters("oa.ordered_at", metric.window)
        join += scope_filters(builder, order_scope(shared), "oa")   # "买过手机的人里…": of those orders
        joins = f" LEFT JOIN orders oa ON {' AND '.join(join)}"
    else:
        raise CompileError(f"the {metric.agg} of {metric.name} of each part")
    predicates = [builder.clause(clause) for clause in shared]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    return f"SELECT {', '.join(columns)} FROM users u{joins}{where}"


def _part_orders(part: Condition, builder: "_Builder") -> str:
    """The test an order row (``oa``) passes to count for a part: its user is in the part and, when the part says
    which orders (a kind bought, a store, a brand: order_scope.py; orders placed in a window), it is one of them."""
    filters = [builder.clause(part)]
    if not part.negate and part.kind == "behavior" and part.action == "order" and part.window is not None:
        filters += builder.window_filters("oa.ordered_at", part.window)
    filters += scope_filters(builder, order_scope([part]), "oa")
    return "(" + " AND ".join(filters) + ")"


def _ratio(spec: AudienceSpec, builder: "_Builder") -> str:
    """How many users of the base also satisfy ``where``: counts and percent in one row."""
    if not spec.where:
        raise CompileError("a ratio needs something to count within its base")
    if spec.metric is not None:
        return _figure_share(spec, builder)
    if spec.group_by:
        return _ratio_per_group(spec, builder)
    part = " AND ".join(builder.clause(clause) for clause in spec.where)   # in the SELECT: bound first
    predicates = [builder.clause(clause) for clause in spec.base]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    counts = (f"SELECT COUNT(*) AS base_count, COALESCE(SUM(CASE WHEN {part} THEN 1 ELSE 0 END), 0) AS part_count "
              f"FROM users u{where}")
    return ("SELECT base_count, part_count, ROUND(100.0 * part_count / NULLIF(base_count, 0), 1) AS percent "
            f"FROM ({counts})")


def _ratio_per_group(spec: AudienceSpec, builder: "_Builder") -> str:
    """"钻石会员和普通会员，哪个群体差评比例更高": in each group of the base, how many users, how many of them
    also satisfy ``where``, and the percent, highest first."""
    labels, joins, group_by, _ = _group_parts(spec.group_by, any_level=True)
    # in the SELECT, twice (its parameters bound each time): bound first
    counted, shared = (" AND ".join(builder.clause(clause) for clause in spec.where) for _ in range(2))
    predicates = [builder.clause(clause) for clause in spec.base]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    return (f"SELECT {labels}, COUNT(DISTINCT u.user_id) AS base_count, "
            f"COUNT(DISTINCT CASE WHEN {counted} THEN u.user_id END) AS part_count, ROUND(100.0 * COUNT(DISTINCT CASE "
            f"WHEN {shared} THEN u.user_id END) / COUNT(DISTINCT u.user_id), 1) AS percent FROM users u{joins}{where} "
            f"GROUP BY {group_by} ORDER BY percent DESC, {group_by}")


# A figure that adds up over orders (sales, number of orders): what each order adds, and the share's columns
SHARE_FIGURES = {"spend": ("oa.amount", "spend"), "order_value": ("oa.amount", "spend"),
                 "order_count": ("1", "orders")}


def share_columns(metric: Metric) -> tuple[str, str]:
    """The columns of a figure's share: the base's total and the part's (``base_spend``, ``part_spend``)."""
    if metric.agg != "sum" or metric.name not in SHARE_FIGURES:
        raise CompileError(f"a share of the {metric.agg} of {metric.name}: only totals (sales, orders) add up")
    name = SHARE_FIGURES[metric.name][1]
    return f"base_{name}", f"part_{name}"


def _figure_share(spec: AudienceSpec, builder: "_Builder") -> str:
    """"how much of total revenue comes from the top 10 spenders", "金卡会员的销售额占比": the base's total
    (its users' orders, in the metric's window), the part of it the users of ``where`` hold, and the percent."""
    base_column, part_column = share_columns(spec.metric)
    added = SHARE_FIGURES[spec.metric.name][0]
    # in the SELECT, twice (its parameters bound each time): bound first
    counted, summed = (" AND ".join(builder.clause(clause) for clause in spec.where) for _ in range(2))
    join = ["oa.user_id = u.user_id"]
    if spec.metric.window is not None:
        join += builder.window_filters("oa.ordered_at", spec.metric.window)
    join += builder.scoped("oa")
    predicates = [builder.clause(clause) for clause in spec.base]
    where = " WHERE " + " AND ".join(predicates) if predicates else ""
    figures = (f"SELECT COUNT(DISTINCT CASE WHEN {counted} THEN u.user_id END) AS part_users, "
               f"COALESCE(SUM({added}), 0) AS {base_column}, "
               f"COALESCE(SUM(CASE WHEN {summed} THEN {added} ELSE 0 END), 0) AS {part_column} "
               f"FROM users u JOIN orders oa ON {' AND '.join(join)}{where}")
    return (f"SELECT {base_column}, {part_column}, part_users, "
            f"ROUND(100.0 * {part_column} / NULLIF({base_column}, 0), 1) AS percent FROM ({figures})")


# the first day of the current calendar quarter, week (Monday), month
_QUARTER_START = "date('now', 'start of month', '-' || ((CAST(strftime('%m', 'now') AS INTEGER) - 1) % 3) || ' months')"
_WEEK_START = "date('now', '-6 days', 'weekday 1')"
_MONTH_START = "date('now', 'start of month')"
# last_week / last_month / last_quarter: the start of the current period and how long one is
_PERIODS = {"last_week": (_WEEK_START, 7, "days"), "last_month": (_MONTH_START, 1, "months"),
            "last_quarter": (_QUARTER_START, 3, "months")}


def _period_before(window: Window) -> tuple[str, str]:
    """The calendar week, month or quarter ``window.n`` (1 when unset) before the current one, whole."""
    start, size, unit = _PERIODS[window.kind]
    back = int(window.n or 1)
    if back < 1:
        raise CompileError(f"a {window.kind} window {window.n} periods back")
    end = start if back == 1 else f"date({start}, '-{(back - 1) * size} {unit}')"
    return f"date({start}, '-{back * size} {unit}')", end


def window_bounds(window: Window) -> tuple[str, str | None]:
    """SQLite expressions for the window's start (inclusive) and end (exclusive, None = now)."""
    if window.kind == "days":
        days = int(window.n or 0)
        if days <= 0:
            raise CompileError(f"a window of {window.n} days")
        return f"date('now', '-{days} days')", None
    if window.kind in _PERIODS:
        return _period_before(window)
    fixed = {
        "today": ("date('now')", None),
        "yesterday": ("date('now', '-1 day')", "date('now')"),
        "this_week": (_WEEK_START, None),
        "this_month": (_MONTH_START, None),
        "this_quarter": (_QUARTER_START, None),
        "this_year": ("date('now', 'start of year')", None),
        "last_year": ("date('now', 'start of year', '-1 year')", "date('now', 'start of year')"),
    }
    if window.kind not in fixed:
        raise CompileError(f"unknown time window '{window.kind}'")
    return fixed[window.kind]


class _Builder:
    """Builds predicates left to right, so parameters are appended in the order they appear."""

    def __init__(self, scope: list[Clause] | None = None, *, prepaid: bool = False) -> None:
        self.params: list = []
        self.scope = scope or []   # the order conditions a figure's orders satisfy (order_scope.py)
        self.prepaid = prepaid     # the shop books prepayments: money figures say how much of them they are

    def scoped(self, alias: str) -> list[str]:
        """Filters on the orders ``alias`` for the scope (none without one)."""
        return scope_filters(self, self.scope, alias)

    def spend_scope(self, c: Condition) -> list[str]:
        """The scope of a spend threshold's orders ``o``: none for a big spender (a standing of the user)."""
        return [] if spend_standing(c) else self.scoped("o")

    def bind(self, values) -> str:
        values = list(values)
        self.params.extend(values)
        return ", ".join("?" for _ in values)

    def window_filters(self, column: str, window: Window) -> list[str]:
        """``column >= start [AND column < end]``; a date from the question is a parameter."""
        if window.kind in ("since", "before"):
            self.params.append(window.date)
            return [f"{column} {'>=' if window.kind == 'since' else '<'} ?"]
        if window.kind == "month":
            self.params += [window.date, window.date]
            return [f"{column} >= ?", f"{column} < date(?, '+1 month')"]
        if window.kind == "between":   # the end day is included
            self.params += [window.date, window.end]
            return [f"{column} >= ?", f"{column} < date(?, '+1 day')"]
        start, end = window_bounds(window)
        return [f"{column} >= {start}"] + ([f"{column} < {end}"] if end else [])

    def member(self, column: str, values) -> str:
        """``column = ?`` for one value, ``column IN (?, ?)`` for several."""
        values = list(values)
        return f"{column} = {self.bind(values)}" if len(values) == 1 else f"{column} IN ({self.bind(values)})"

    def clause(self, clause) -> str:
        if isinstance(clause, Group):
            if clause.negate:  # NOT (a OR b) = NOT a AND NOT b, each NULL-safe
                return "(" + " AND ".join(self.condition(_negated(item)) for item in clause.items) + ")"
            return "(" + " OR ".join(self.condition(item) for item in clause.items) + ")"
        return self.condition(clause)

    def condition(self, c: Condition) -> str:
        column = _USER_COLUMNS.get(c.kind)
        if column is not None:
            return self._user_column(c, column)
        if c.kind == "age":
            return self._age(c)
        if c.kind == "occupation":
            return self._occupation(c)
        if c.kind == "registered":
            test = " AND ".join(self.window_filters("u.registered_at", c.window or Window.days(30)))
            return f"(u.registered_at IS NULL OR NOT ({test}))" if c.negate else f"({test})"
        if c.kind in ("spend", "avg_order"):
            return self._money(c)
        if c.kind == "ranked":   # the ranking again, inside: its users, whatever else the audience says
            ranked = _rank(AudienceSpec.from_dict(c.ranking), self)
            return f"u.user_id {'NOT IN' if c.negate else 'IN'} (SELECT user_id FROM ({ranked}) AS ranked)"
        if c.kind == "behavior" and not c.targets and not c.text:
            return self._per_user_behavior(c)
        subquery, inverted = self._subquery(c)
        if c.only:   # "只订过机票": none of their orders is of anything else
            subquery = f"{subquery} EXCEPT {self._other_orders(c)}"
        membership = "NOT IN" if c.negate != inverted else "IN"
        return f"u.user_id {membership} ({subquery})"

    def _user_column(self, c: Condition, column: str) -> str:
        test = self.member(column, c.values)
        if c.negate:
            return f"({column} IS NULL OR NOT ({test}))"
        return test

    def _age(self, c: Condition) -> str:
        test = " AND ".join(self._bounds("u.age", c.range or Range()))
        if not test:
            raise CompileError("an age condition without bounds")
        return f"(u.age IS NULL OR NOT ({test}))" if c.negate else f"({test})"

    def _occupation(self, c: Condition) -> str:
        """Occupation is free text as given ("软件工程师", "software engineer"): any known spelling inside it;
        for students also the profile's student / graduating tag."""
        from agent.planner.lexicon import OCCUPATION, OCCUPATION_TAGS

        words = [w for key in c.values for w in OCCUPATION.get(key, ([], [key]))[1]]
        test = " OR ".join("u.occupation LIKE ?" for _ in words)
        self.params.extend(f"%{w}%" for w in words)
        tags = [tag for key in c.values for tag in OCCUPATION_TAGS.get(key, [])]
        if not tags:
            return f"(u.occupation IS NULL OR NOT ({test}))" if c.negate else f"({test})"
        # students are also known from their texts: the profile's active tag counts too
        self.params.extend(tags)
        tagged = (f"u.user_id IN (SELECT t.user_id FROM tags t WHERE t.status = 'active' AND t.tag_id IN "
                  f"({', '.join('?' for _ in tags)}))")
        return f"NOT (COALESCE(({test}), 0) OR {tagged})" if c.negate else f"(({test}) OR {tagged})"

    def _bounds(self, expression: str, rng: Range) -> list[str]:
        parts = []
        for op, value in _bound_items(rng):
            parts.append(f"{expression} {op} ?")
            self.params.append(_plain_number(value))
        return parts

    def _money(self, c: Condition) -> str:
        """Sum (or average) of order amounts per user, inside the window and interests if given."""
        rng = c.range or Range()
        aggregate = "SUM(o.amount)" if c.kind == "spend" else "AVG(o.amount)"
        if not c.targets:
            # per user through idx_orders_user: faster than grouping every order when most users match
            tests = []
            for op, bound in _bound_items(rng):
                filters = ["o.user_id = u.user_id"]
                if c.window:
                    filters += self.window_filters("o.ordered_at", c.window)
                filters += self.spend_scope(c)   # "在五角场店消费超过200元": spend at that store
                value = f"(SELECT {aggregate} FROM orders o WHERE {' AND '.join(filters)})"
                if c.kind == "spend":
                    value = f"COALESCE({value}, 0)"   # no orders = spent 0
                tests.append(f"{value} {op} ?")
                self.params.append(_plain_number(bound))
            test = " AND ".join(tests)
            return f"NOT COALESCE({test}, 0)" if c.negate else f"({test})"
        filters = self.order_filters(c) + self.spend_scope(c)
        source = "SELECT o.user_id FROM orders o WHERE " + " AND ".join(filters)
        inverted = False
        if c.kind == "spend" and rng.gte is None and rng.gt is None:
            # "spent under 100" includes users who bought nothing: everyone not spending at least 100
            rng = Range(gte=rng.lt) if rng.lt is not None else Range(gt=rng.lte)
            inverted = True
        having = " AND ".join(self._bounds(aggregate, rng))
        membership = "NOT IN" if c.negate != inverted else "IN"
        return f"u.user_id {membership} ({source} GROUP BY o.user_id HAVING {having})"

    def order_filters(self, c: Condition, alias: str = "o") -> list[str]:
        """The orders ``alias`` of a condition's interests (descendants included), at its stores, inside its window."""
        filters = []
        if c.targets:
            filters.append(self.kind_filter(alias, c.targets))
        filters += at_store_filters(self, c, alias)
        if c.window:
            filters += self.window_filters(f"{alias}.ordered_at", c.window)
        return filters

    def kind_filter(self, alias: str, targets: list[str]) -> str:
        """The orders ``alias`` of the kinds of product ``targets`` names (descendants included). An accessory
        for a device (手机配件 under 手机) is not the device: "bought a phone" counts no phone case. Then a
        product is of a kind when at least half of its orders are filed under it, so a 小米15 filed once under
        手机配件 is still a phone (the shop's categories are given per order, and not always right). Of several
        kinds: of any one of them, each read alone."""
        if len(targets) > 1:
            return "(" + " OR ".join(self.kind_filter(alias, [target]) for target in targets) + ")"
        kinds = _descendants(targets)
        # the accessories under it, or beside it (手机配件 beside 苹果手机: an iPhone filed there is still one)
        near = kinds + [kind for target in targets for kind in _siblings(target)]
        accessories = [kind for kind in near if kind not in targets and _is_accessory(kind)]
        if not accessories:
            return f"{alias}.interest_id IN ({self.bind(kinds)})"
        devices = [kind for kind in kinds if kind not in accessories]
        unnamed = f"{alias}.product IS NULL AND {alias}.interest_id IN ({self.bind(devices)})"
        named = (f"{alias}.product IN (SELECT k.product FROM orders k WHERE k.product IS NOT NULL GROUP BY k.product "
                 f"HAVING 2 * SUM(k.interest_id IN ({self.bind(devices)})) >= COUNT(*))")
        return f"(({unnamed}) OR {named})"

    def _subquery(self, c: Condition) -> tuple[str, bool]:
        if c.kind == "interest":
            return f"SELECT t.user_id FROM tags t WHERE {self.member('t.tag_id', c.values)} AND t.status = 'active'", False
        if c.kind in ("aspect", "emotion"):
            # negative (positive) feedback about nothing named is an opinion about anything: the whole
            # text or any aspect of it ("complained about anything" counts a price complaint inside a
            # positive review, so it is never fewer than "complained about price"); a bad review (差评,
            # a source) stays the review's overall verdict
            anything = c.kind == "aspect" and c.values == ["overall"] and c.polarity is not None and not c.source
            filters = [] if anything else [self.member("e.aspect" if c.kind == "aspect" else "e.emotion", c.values)]
            if c.polarity == "negative":
                filters.append(NEGATIVE.format("e"))
            elif c.polarity == "positive":
                filters.append(POSITIVE.format("e"))
            if c.window:
                filters += self.window_filters("e.at", c.window)
            if c.targets or c.text:   # "unhappy with the hotel": the text names it (opinion_about.py)
                from agent.planner.opinion_about import about_filter

                filters.append(about_filter(self, c))
            if c.details:   # "complained about diapers leaking": the texts say it (opinion_about.py)
                from agent.planner.opinion_about import details_filter

                filters.append(details_filter(self, c))
            if c.source:   # "差评": the text it was read from is a review
                filters.append(f"EXISTS (SELECT 1 FROM texts tx WHERE tx.text_id = e.text_id "
                               f"AND tx.source = {self.bind([c.source])})")
            return "SELECT e.user_id FROM emotions e WHERE " + " AND ".join(filters), False
        if c.kind == "intent":
            filters = [self.member("i.intent", c.values)]
            filters.append("i.status = 'active'")
            if c.targets:
                filters.append(f"i.target IN ({self.bind(_descendants(c.targets))})")
            if c.window:
                filters += self.window_filters("i.at", c.window)
            return "SELECT i.user_id FROM intents i WHERE " + " AND ".join(filters), False
        if c.kind == "value":
            test = self.member("v.value_id", c.values)
            return f"SELECT v.user_id FROM user_values v WHERE {test} AND v.status = 'active'", False
        if c.kind == "lifecycle" and c.window is not None:
            return self._stage_entered(c), False
        if c.kind in ("lifecycle", "consumption"):
            return f"SELECT p.user_id FROM profiles p WHERE {self.member('p.' + c.kind, c.values)}", False
        if c.kind == "behavior":
            return self._behavior(c), c.max_count is not None and c.min_count < 1
        if c.kind == "segment":
            return self._segment(c), False
        if c.kind == "product":
            from agent.planner.data_words import data_sql

            return data_sql(self, c), False
        if c.kind in ("brand", "mention"):
            from agent.planner.brands import brand_sql

            return brand_sql(self, c), False
        if c.kind == "store":
            from agent.planner.stores import store_sql

            return store_sql(self, c), False
        if c.kind == "attribute":
            from agent.planner.attributes import attribute_sql

            return attribute_sql(self, c), False
        if c.kind == "text_lang":
            from agent.planner.text_lang import text_lang_sql

            return text_lang_sql(self, c), False
        raise CompileError(f"unknown condition kind '{c.kind}'")

    def _stage_entered(self, c: Condition) -> str:
        """In a lifecycle stage now, and entered it within the window (stages.py dates the entry)."""
        undated = [stage for stage in c.values if stage not in DATED_STAGES]
        if undated:
            raise CompileError(f"when a user became {', '.join(undated)} is not known (only {', '.join(DATED_STAGES)})")
        stage_test = self.member("p.lifecycle", c.values)
        entered = self.window_filters(stage_start_any(list(c.values)), c.window)
        return f"SELECT p.user_id FROM profiles p WHERE {stage_test} AND " + " AND ".join(entered)

    def _segment(self, c: Condition) -> str:
        """A segment's members: by id or name ('高价值客户'), or a discovered cluster's id pattern ('c3-%')."""
        key = c.values[0]
        if key.endswith("-%"):
            return f"SELECT sm.user_id FROM segment_members sm WHERE sm.segment_id LIKE {self.bind([key])}"
        self.params.extend([key, key, key, key])
        return ("SELECT sm.user_id FROM segment_members sm JOIN segments s ON s.segment_id = sm.segment_id "
                "WHERE s.segment_id = ? OR s.name = ? OR s.name_zh = ? OR lower(s.name_en) = lower(?)")

    def _behavior_source(self, c: Condition, *, per_user: bool) -> tuple[str, str, list[str]]:
        """Alias, table and filters of the rows a behaviour counts (parameters bound in order)."""
        if c.action == "order":
            alias, table, time_column = "o", "orders o", "o.ordered_at"
        else:
            alias, table, time_column = "ev", "events ev", "ev.at"
        filters = [f"{alias}.user_id = u.user_id"] if per_user else []
        if c.action == "event":   # the shop's own types (event_types.py)
            filters.append(f"ev.type IN ({self.bind(c.values)})")
        elif c.action not in ("order", "any"):
            filters.append("ev.type = ?")
            self.params.append(c.action)
        filters += self._object_filters(alias, c)
        if c.window:
            filters += self.window_filters(time_column, c.window)
        if c.unbought and alias == "ev":
            filters.append(self._no_order_after(c))
        if c.unvisited and alias == "ev":   # no visit after the booking
            filters.append("NOT EXISTS (SELECT 1 FROM events eb WHERE eb.user_id = ev.user_id AND eb.type = 'checkin' "
                           "AND eb.at >= ev.at)")
        return alias, table, filters

    def _object_filters(self, alias: str, c: Condition) -> list[str]:
        """What a behaviour's rows are of: its interests, the words of its event target."""
        filters = []
        if c.targets:
            # not bought ("搜索过手机但没有下单"): of the same kinds as the events it is said with, accessories included
            filters.append(self.kind_filter(alias, c.targets) if alias == "o" and not c.negate else
                           f"{alias}.interest_id IN ({self.bind(_descendants(c.targets))})")
        if alias == "o":
            filters += at_store_filters(self, c, alias)
        if c.text:   # the other words of a standard event are alternatives ("japan" or "日本")
            said = [c.text, *(c.values if c.action != "event" else [])]
            filters.append("(" + " OR ".join(["ev.target LIKE ?"] * len(said)) + ")")
            self.params.extend(f"%{word}%" for word in said)
        return filters

    def _other_orders(self, c: Condition) -> str:
        """The users with an order (for a behaviour: a deed of its action) of anything else than the condition
        names, at any time: "只订过机票" is everyone with a flight order less these."""
        from dataclasses import replace

        from agent.planner.brands import brand_order_filters
        from agent.planner.data_words import product_filters
        from agent.planner.stores import store_filters

        plain = replace(c, window=None, negate=False, only=False)
        if c.kind == "behavior":
            alias, table, filters = self._behavior_source(replace(plain, targets=[], text=None), per_user=False)
            what = self._object_filters(alias, plain)
        else:
            alias, table, filters = "o", "orders o", []
            what = {"product": product_filters, "brand": brand_order_filters, "store": store_filters}[c.kind](self, plain)
        filters.append(f"NOT COALESCE(({' AND '.join(what)}), 0)")
        return f"SELECT {alias}.user_id FROM {table} WHERE {' AND '.join(filters)}"

    def _no_order_after(self, c: Condition) -> str:
        """No order after the event ev: of what the condition names, else of the event's own interest,
        else none at all (a customer who had bought other things before still abandoned this cart). After a
        shop's own event (领券 on 新客美甲5折) any order counts: what a claim leads to is any visit, and the
        answer says "no order after" (the event's inferred interest is a guess)."""
        # the same kinds as the events it follows (an accessory included: a cart of a phone case is of 手机)
        if c.targets:
            what = f" AND ob.interest_id IN ({self.bind(_descendants(c.targets))})"
        else:
            what = "" if c.action == "event" else " AND (ev.interest_id IS NULL OR ob.interest_id = ev.interest_id)"
        return f"NOT EXISTS (SELECT 1 FROM orders ob WHERE ob.user_id = ev.user_id AND ob.ordered_at >= ev.at{what})"

    def _behavior(self, c: Condition) -> str:
        """The users who did it (at least min_count times; the caller inverts for max_count)."""
        alias, table, filters = self._behavior_source(c, per_user=False)
        where = " WHERE " + " AND ".join(filters) if filters else ""
        base = f"SELECT {alias}.user_id FROM {table}{where}"
        if c.max_count is not None and c.min_count > 0:   # "only one booking": between the two, both included
            self.params.extend([int(c.min_count), int(c.max_count)])
            return f"{base} GROUP BY {alias}.user_id HAVING COUNT(*) BETWEEN ? AND ?"
        if c.max_count is not None:
            # "at most N times" = everyone except those with N+1 or more
            self.params.append(int(c.max_count) + 1)
            return f"{base} GROUP BY {alias}.user_id HAVING COUNT(*) >= ?"
        if c.min_count <= 1:
            return base
        self.params.append(int(c.min_count))
        return f"{base} GROUP BY {alias}.user_id HAVING COUNT(*) >= ?"

    def _per_user_behavior(self, c: Condition) -> str:
        """Behaviour about nothing in particular ("placed an order", "was active"), probed per user
        through the (user_id, ...) indexes: faster than collecting everyone who did it."""
        sources = self._activity_sources(c) if c.action == "any" else \
            [self._behavior_source(c, per_user=True)[1:]]
        if c.max_count is None and c.min_count <= 1:
            tests = [f"EXISTS (SELECT 1 FROM {table} WHERE {' AND '.join(filters)})" for table, filters in sources]
            test = tests[0] if len(tests) == 1 else "(" + " OR ".join(tests) + ")"
            return f"NOT {test}" if c.negate else test
        counts = [f"(SELECT COUNT(*) FROM {table} WHERE {' AND '.join(filters)})" for table, filters in sources]
        count = counts[0] if len(counts) == 1 else "(" + " + ".join(counts) + ")"
        # negated, the opposite comparison ("not twice or more" = fewer than twice): a bare
        # "NOT (…) AND …" is misparsed by the guard's parser
        if c.max_count is not None and c.min_count > 0:
            self.params.extend([int(c.min_count), int(c.max_count)])
            return f"{count} {'NOT BETWEEN' if c.negate else 'BETWEEN'} ? AND ?"
        if c.max_count is not None:
            self.params.append(int(c.max_count))
            return f"{count} {'>' if c.negate else '<='} ?"
        self.params.append(int(c.min_count))
        return f"{count} {'<' if c.negate else '>='} ?"

    def _activity_sources(self, c: Condition) -> list[tuple[str, list[str]]]:
        """Being active ("active in the last 7 days", "有过活动") is any deed the data records: an
        event, an order or a text (review, chat, post), not only an event. Each source's filters
        bind their parameters in order."""
        sources = []
        for table, time_column in (("events ev", "ev.at"), ("orders o", "o.ordered_at"), ("texts x", "x.at")):
            filters = [f"{table.split()[1]}.user_id = u.user_id"]
            if c.window:
                filters += self.window_filters(time_column, c.window)
            sources.append((table, filters))
        return sources


def _bound_items(rng: Range) -> list[tuple[str, float]]:
    return [(op, value) for op, value in ((">=", rng.gte), (">", rng.gt), ("<=", rng.lte), ("<", rng.lt))
            if value is not None]


def _negated(c: Condition) -> Condition:
    from dataclasses import replace

    return replace(c, negate=not c.negate)


def _descendants(targets: list[str]) -> list[str]:
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    out: list[str] = []
    for target in targets:
        ids = taxonomy.descendants(target) if taxonomy.has(target) else [target]
        out += [i for i in ids if i not in out]
    return out


def _siblings(interest_id: str) -> list[str]:
    """The other children of the interest's parent (none for a top-level interest or an unknown id)."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    if not taxonomy.has(interest_id) or not taxonomy.get(interest_id).parent_id:
        return []
    parent = taxonomy.get(interest_id).parent_id
    return [node.id for node in taxonomy.of_kind("interest") if node.parent_id == parent and node.id != interest_id]


def _is_accessory(interest_id: str) -> bool:
    """Accessories for the parent's device, named after it: 手机配件 under 手机, 汽车用品 under 汽车 (数码配件 under
    数码电子 are digital products themselves)."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    node = taxonomy.get(interest_id)
    if not node.parent_id:
        return False
    parent = taxonomy.get(node.parent_id).name_zh
    return node.name_zh in (parent + "配件", parent + "用品")


def _plain_number(value: float):
    return int(value) if float(value).is_integer() else float(value)


_USER_COLUMNS = {"gender": "u.gender", "city": "u.city", "city_tier": "u.city_tier", "new_tier1": "u.city",
                 "member_level": "u.member_level"}
