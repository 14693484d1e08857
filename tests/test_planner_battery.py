"""The operator battery (tests/fixtures/operator_battery.yaml) through the real offline chat model.

Each question (after its earlier turns, for follow-ups) is answered by ``OfflinePlanner.respond``
exactly as in the agent: the planner's tool calls get a tool result, the conversation goes on,
every statement must pass the SQL guard (``check_sql``), and what the last turn asked for is
reduced to short *atoms* ("gender:female", "aspect:delivery-@7d", "rank:spend:10") that are
compared with the item's expected reading (an answer in words is "refuse" when the planner says it
cannot, "reply" when it answers small talk). Items marked ``gap:`` are
readings the planner does not (yet) get right; they are reported, not asserted.

The planner knows the products, stores and extra fields of a small bookstore café (``shop_words``, a
real SQLite file): "买过钢笔的顾客" is read against its data, "在西湖店买过东西的顾客" against its orders'
stores (stores.py), "湖滨店的顾客" is refused naming the kept field (data_words.py), "项目经理有多少" is its
customers' occupation (occupations.py), "最近30天上过课的用户" its own event types (event_types.py).

``python -m tests.test_planner_battery`` prints the score: understood / misread / refused.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.planner.data_words import DataWords, load_data_words
from agent.planner.model import ERROR_KEY, PURPOSE_KEY, SPEC_KEY, OfflinePlanner
from agent.planner.order_scope import counts_orders
from agent.planner.shop_facts import ShopFacts
from agent.planner.spec import AudienceSpec, Condition, Group
from tools.ingest import ingest_records
from tools.profile.build import build_profiles
from tools.sql_guard import GuardError, check_sql

BATTERY = yaml.safe_load((Path(__file__).parent / "fixtures" / "operator_battery.yaml").read_text(encoding="utf-8"))


# --- atoms ----------------------------------------------------------------------------------------

def window_atom(window) -> str:
    if window is None:
        return ""
    if window.kind == "days":
        return f"@{window.n}d"
    if window.kind == "before" and window.n:
        return f"@{window.n}d_ago"   # "半年前": relative to today, so said as days
    if window.kind in ("since", "before", "month"):
        return f"@{window.kind}:{window.date[5:]}"   # without the year: "since October" depends on today
    if window.kind == "between":
        return f"@between:{window.date[5:]}..{window.end[5:]}"
    if window.n and window.n > 1:   # 上上个月: the period n before this one
        return f"@{window.kind}:{window.n}"
    return f"@{window.kind}"


def range_atom(rng) -> str:
    parts = []
    low = rng.gte if rng.gte is not None else rng.gt
    high = rng.lte if rng.lte is not None else rng.lt
    if low is not None:
        parts.append(f">{low:g}")
    if high is not None:
        parts.append(f"<{high:g}")
    return ",".join(parts)


def condition_atom(c: Condition) -> str:
    neg = "!" if c.negate else ""
    values = "|".join(str(v) for v in c.values)
    kind = {"member_level": "member", "city_tier": "tier"}.get(c.kind, c.kind)
    if c.kind in ("age", "spend", "avg_order"):
        body = f"{kind}:{range_atom(c.range)}"
    elif c.kind == "aspect":
        body = f"aspect:{values}{ {'negative': '-', 'positive': '+'}.get(c.polarity, '?') }" + \
            (f"#{c.source}" if c.source else "") + \
            (f">{'|'.join(c.targets)}" if c.targets else "") + (f"~{c.text}" if c.text else "") + \
            (f"&{c.details[0]}" if c.details else "")   # about a thing; &: in texts saying the detail (漏尿)
    elif c.kind == "emotion":
        body = f"emotion:{values}" + (f"&{c.details[0]}" if c.details else "")
    elif c.kind == "behavior":
        body = f"behavior:{c.action}" + (f">{'|'.join(c.targets)}" if c.targets else "") + \
            (f"={'|'.join(c.values)}" if c.values else "") + \
            count_atom(c) + (" -order" if c.unbought else "") + (" -visit" if c.unvisited else "") + \
            (f"~{c.text}" if c.text and c.action == "event" else "")   # 领过会员日8折券: the target
    elif c.kind == "intent":
        body = f"intent:{values}" + (f">{'|'.join(c.targets)}" if c.targets else "")
    elif c.kind == "registered":
        body = "registered"
    elif c.kind == "ranked":   # ranked:spend:10: the users a ranking listed
        ranking = AudienceSpec.from_dict(c.ranking)
        body = output_atom(ranking) + "".join(f"[{clause_atom(w)}]" for w in ranking.where)
    elif c.kind == "brand":   # brand:order>Nike (bought), mention>…, any>… (bought or mentioned)
        body = f"brand:{c.action}>{values}" + count_atom(c)
    elif c.kind in ("store", "product"):   # store:西湖店 x2: two orders there or more
        body = f"{kind}:{values}" + count_atom(c)
    else:
        body = f"{kind}:{values}"
    at = f" at:{'|'.join(c.stores)}" if c.stores else ""   # bought at a store, the same order ("在静安店做过烫染")
    return neg + body + (" only" if c.only else "") + at + window_atom(c.window)


def count_atom(c: Condition) -> str:
    """' x2' (at least twice), ' x1-1' (exactly once: "only one order"); nothing for once or more, or at most."""
    if c.max_count is not None and c.min_count > 0:
        return f" x{c.min_count}-{c.max_count}"
    return f" x{c.min_count}" if c.min_count > 1 else ""


def clause_atom(clause) -> str:
    if isinstance(clause, Group):
        inner = ";".join(sorted(condition_atom(c) for c in clause.items))
        return ("!" if clause.negate else "") + f"any({inner})"
    return condition_atom(clause)


def _who(clause, spec: AudienceSpec) -> str:
    """" who" for an order condition said as who bought, when the question has a figure over orders it would
    otherwise narrow (order_scope.py: "买过X的用户里消费最高的" counts all their orders)."""
    items = clause.items if isinstance(clause, Group) else [clause]
    return " who" if counts_orders(spec) and any(c.who_only for c in items) else ""


def output_atom(spec: AudienceSpec) -> str:
    # ":one": one group asked for, named first ("哪个月的销售额最高"); ":asc": the smallest first ("最低")
    asked = (":one" if spec.one else "") + (":asc" if spec.ascending else "")
    if spec.output == "breakdown":   # "@this_month": only the complaints in the window; "%": each group's share
        return f"breakdown:{spec.group_by}" + ("%" if spec.shares else "") + window_atom(spec.window) + asked
    if spec.output == "counts" and spec.metric is not None:   # "counts:spend:avg": the figure of each part
        return f"counts:{spec.metric.name}:{spec.metric.agg}" + window_atom(spec.metric.window)
    if spec.output == "ratio" and spec.group_by:   # "ratio/member_level": the share within each group
        return f"ratio/{spec.group_by}"
    if spec.output == "aggregate":   # "/brand": the figure of each brand
        group = f"/{spec.group_by}" if spec.group_by else ""
        return f"agg:{spec.metric.name}:{spec.metric.agg}{group}" + window_atom(spec.metric.window) + asked
    if spec.output == "list" and spec.columns:   # "list:member_level": the users, each with it
        return "list:" + ",".join(spec.columns)
    if spec.output == "rank":   # "/city": the top users of each city
        group = f"/{spec.group_by}" if spec.group_by else ""
        low = ":asc" if spec.ascending else ""   # the lowest first
        top = f"{spec.top}%" if spec.top_percent else spec.top   # "10%": the top tenth of the users ranked
        return f"rank:{spec.metric.name}:{top}{low}{group}" + window_atom(spec.metric.window)
    if spec.output == "ratio" and spec.metric is not None:   # "ratio:spend": the part's share of the sales
        return f"ratio:{spec.metric.name}" + window_atom(spec.metric.window)
    return spec.output


# --- running a conversation through the chat model -------------------------------------------------

def _fake_result(name: str) -> str:
    if name == "run_sql":
        columns = ["user_id", "name", "order_count", "total_spend", "avg_order_value", "last_order_at", "max_order_value",
                   "max_order_product", "max_order_at", "user_count"]
        return json.dumps({"row_count": 1, "columns": columns,
                           "rows": [["u00001", "A", 2, 300.0, 150.0, "2026-11-30 10:00:00", 200.0, "钢笔礼盒",
                                     "2026-11-30 10:00:00", 1]]})
    if name == "write_marketing_copy":
        return json.dumps({"audience_size": 3, "channel": "sms", "tone": "friendly", "language": "zh",
                           "model": "offline", "variants": [{"body": "…"}]})
    return json.dumps({})


@lru_cache(maxsize=1)
def shop_words() -> DataWords:
    """The data words of a bookstore café: products 钢笔礼盒 (文具), 手账本 (文创), Leather Notebook
    (Stationery), from its kitchen 双人套餐 (套餐) and 杨枝甘露 (饮品), from its salon corner 补水保湿护理 (面部护理),
    洗剪吹 (美发) and 储值卡充值 (充值), from its baby shelf formula filed in either language (飞鹤星飞帆2段 in 奶粉,
    Aptamil Profutura 2 in "Infant formula") and a stroller (Babyzen YOYO 婴儿推车 in "Stroller"); orders' ``store`` 西湖店 / 静安店 /
    新街口店 / Airport Branch / Xintiandi Store; customers' ``favorite_store`` (kept in extra) 湖滨店; an
    occupation of its own, 项目经理 (occupations.py); events of its own types 上课, lesson_watched,
    homework_submitted, 外卖下单 (its delivery orders), 爽约 (a booking missed) and 领券 on 会员日8折 (event_types.py);
    no clicks; and a
    subscriber of an English SaaS: a city the gazetteer does not know (Manchester), a kept ``country`` (GB), the
    SaaS's own events trial_started, upgraded, cancelled (places.py, event_types.py), and reviews that leave
    for Notion and 飞书 (competitors.py)."""
    folder = tempfile.mkdtemp(prefix="battery-shop-")
    atexit.register(shutil.rmtree, folder, True)
    db = str(Path(folder) / "shop.db")
    orders = [("钢笔礼盒", "文具", "西湖店"), ("手账本", "文创", "静安店"), ("Leather Notebook", "Stationery", "新街口店"),
              ("手账本", "文创", "Airport Branch"), ("钢笔礼盒", "文具", "Xintiandi Store"), ("双人套餐", "套餐", "静安店"),
              ("杨枝甘露", "饮品", "西湖店"), ("补水保湿护理", "面部护理", "静安店"), ("洗剪吹", "美发", "静安店"),
              ("储值卡充值", "充值", "静安店"), ("飞鹤星飞帆2段", "奶粉", "静安店"), ("Aptamil Profutura 2", "Infant formula",
                                                                          "Airport Branch"),
              ("Babyzen YOYO 婴儿推车", "Stroller", "静安店")]
    events = [{"type": kind, "at": "2026-11-01T10:00:00"}
              for kind in ("上课", "lesson_watched", "homework_submitted", "外卖下单", "爽约")] + \
        [{"type": "领券", "target": "会员日8折", "at": "2026-11-01T10:00:00"}]
    ingest_records(db, [{"user_id": "s1", "events": events,
                         "attributes": {"name": "书友", "favorite_store": "湖滨店", "occupation": "项目经理"},
                         "orders": [{"order_id": f"s1-{i}", "product": product, "category": category, "amount": 88.0,
                                     "ordered_at": "2026-11-01T10:00:00", "store": store}
                                    for i, (product, category, store) in enumerate(orders)]},
                        {"user_id": "s2", "attributes": {"name": "Sam", "city": "Manchester", "country": "GB"},
                         "events": [{"type": kind, "at": "2026-11-01T10:00:00"}
                                    for kind in ("trial_started", "upgraded", "cancelled")],
                         "texts": [{"text_id": f"s2-t{n}", "source": "review", "text": text, "at": "2026-11-01T10:00:00"}
                                   for n, text in enumerate(["Thinking of switching to Notion, it does everything.",
                                                             "准备换到飞书了，同步太慢"])]}])
    build_profiles(db)   # the rivals left for are the intents the analyzers store (competitors.py)
    return load_data_words(db)


# The brands of the shop's orders, each bilingual as a mother-and-baby shop's brand column has them
# (blind round 11): said by either name ("买过飞鹤的", "pampers buyers"); and brands written in one script
# only or in two ways (雷蛇 Razer and Razer; Amazfit and YSL, whose Chinese names lexicon.BRAND_ALIASES gives)
SHOP_BRANDS = ("飞鹤 Feihe", "帮宝适 Pampers", "贝亲 Pigeon", "好孩子 Goodbaby", "全棉时代 Purcotton", "渴望 Orijen",
               "皇家 Royal Canin", "雷蛇 Razer", "Razer", "雀巢 Nestlé", "Amazfit", "YSL")


def converse(questions: list[str]) -> tuple[list[AIMessage], list]:
    """Ask ``questions`` in one conversation; return the last turn's messages from the planner."""
    planner = OfflinePlanner(facts=ShopFacts(data_words=shop_words(), brands=SHOP_BRANDS))
    messages: list = []
    turn: list[AIMessage] = []
    for question in questions:
        messages.append(HumanMessage(question))
        turn = []
        for _ in range(5):
            reply = planner.respond(messages)
            messages.append(reply)
            turn.append(reply)
            if not reply.tool_calls:
                break
            call = reply.tool_calls[0]
            messages.append(ToolMessage(_fake_result(call["name"]), tool_call_id=call["id"], name=call["name"]))
    return turn, messages


def reading(item: dict) -> dict:
    """What the planner did with the item's last question, in the battery's vocabulary."""
    turn, _ = converse([*item.get("after", []), item["q"]])
    calls = [call for reply in turn for call in reply.tool_calls]
    if not calls:   # an answer in words: small talk's reply, or the planner cannot / must not (an error)
        said = turn[-1] if turn else AIMessage("")
        return {"out": "refuse" if said.additional_kwargs.get(ERROR_KEY) else "reply", "message": said.content}
    spec_dict = next((r.additional_kwargs.get(SPEC_KEY) for r in turn if r.additional_kwargs.get(SPEC_KEY)), None)
    spec = AudienceSpec.from_dict(spec_dict) if spec_dict else None
    names = [call["name"] for call in calls]
    got: dict = {"calls": names}
    for call in calls:   # every statement must pass the SQL guard the agent runs it through
        if call["name"] == "run_sql":
            try:
                check_sql(call["args"]["sql"])
            except GuardError as error:
                return {**got, "out": "refused by the SQL guard", "message": str(error)}
    if "write_marketing_copy" in names:
        got["out"] = "copy"
        got["copy"] = next(call["args"] for call in calls if call["name"] == "write_marketing_copy")
        selected = names[0] == "run_sql"
        got["where"] = sorted(clause_atom(c) for c in spec.audience()) if (spec and selected) else None
        return got
    if names[0] in ("get_profile", "generate_profile"):
        return {**got, "out": "profile"}
    if names[0] == "lookup_tags":
        return {**got, "out": "lookup"}
    if names[0] == "save_segment":
        return {**got, "out": "save"}
    if spec is None:   # a run_sql that selects no audience: a user's texts ("said"), tags' evidence ("explain")
        purpose = next((r.additional_kwargs.get(PURPOSE_KEY) for r in turn if r.additional_kwargs.get(PURPOSE_KEY)), {})
        return {**got, "out": purpose.get("kind", "no audience")}
    got["out"] = output_atom(spec)
    got["lang"] = spec.lang
    got["where"] = sorted(clause_atom(c) + _who(c, spec) for c in spec.where)
    if spec.output == "ratio":
        got["base"] = sorted(clause_atom(c) for c in spec.base)
    return got


def judge(item: dict, got: dict) -> str:
    """'understood', 'misread' or 'refused' for one item."""
    expect = item["expect"]
    if got["out"] == "refuse":
        return "understood" if expect["out"] == "refuse" else "refused"
    if got["out"] != expect["out"]:
        return "misread"
    if "where" in expect and got.get("where") is not None and sorted(expect["where"]) != got["where"]:
        return "misread"
    if "where" in expect and expect["where"] and got.get("where") is None:
        return "misread"
    if "base" in expect and sorted(expect["base"]) != got.get("base"):
        return "misread"
    if "lang" in expect and got.get("lang") != expect["lang"]:
        return "misread"
    for key, value in (expect.get("copy") or {}).items():
        if got["copy"].get(key) != value:
            return "misread"
    return "understood"


def score() -> tuple[Counter, list]:
    counts, rows = Counter(), []
    for item in BATTERY:
        got = reading(item)
        verdict = judge(item, got)
        counts[verdict] += 1
        rows.append((verdict, item, got))
    return counts, rows


# --- tests ------------------------------------------------------------------------------------------

def _params():
    for index, item in enumerate(BATTERY):
        marks = [pytest.mark.xfail(reason=item["gap"], strict=True)] if item.get("gap") else []
        yield pytest.param(item, id=f"{index}-{item['q'][:40]}", marks=marks)


def test_the_battery_is_bilingual_and_large():
    chinese = [i for i in BATTERY if any("\u4e00" <= ch <= "\u9fff" for ch in i["q"])]
    assert len(BATTERY) >= 120
    assert 0.4 < len(chinese) / len(BATTERY) < 0.6


@pytest.mark.parametrize("item", list(_params()))
def test_battery_item(item):
    got = reading(item)
    assert judge(item, got) == "understood", (item["expect"], got)


if __name__ == "__main__":
    totals, results = score()
    for verdict, item, got in results:
        if verdict != "understood" or "-v" in sys.argv:
            context = " | ".join(item.get("after", []))
            print(f"[{verdict}] {item['q']}" + (f"   (after: {context})" if context else ""))
            print(f"    expect {item['expect']}")
            shown = {k: v for k, v in got.items() if k != "message"}
            print(f"    got    {shown}" + (f"  {got.get('message', '')[:160]!r}" if verdict == "refused" else ""))
    print(dict(totals), "of", len(results))
