"""A restaurant's words for ordering: "点过双人套餐的顾客", "点过外卖的顾客", "叫过外卖的".

点过 / 点了 (lexicon.DISH_VERBS) is ordering a dish and clicking a link alike. It is read as ordering when
what follows is something eaten (a product or category of the orders, a food & drink interest, the
shop's delivery orders), or when the database has no click events at all (a "clicked" answer would
be 0 whatever was asked); else as clicking. With no database it stays clicking, as the demo's shop means.

An order verb next to the shop's delivery orders (点过外卖, 外卖下单3次以上: an own event type of the delivery
deed, event_types.py) says that one deed, not an order and a delivery; its count is the deed's.
"""

from __future__ import annotations

from dataclasses import replace

from agent.planner.data_words import DataWords
from agent.planner.tokens import Token

_GLUE = ("", "的", "个", "了", "过")


def read_meals(tokens: list[Token], text: str, data_words: DataWords) -> list[Token]:
    """``tokens`` with 点过 / 点了 read as ordering or clicking, and an order verb joined to the delivery deed after it."""
    out = []
    for i, token in enumerate(tokens):
        after = next((t for t in tokens[i + 1:] if t.kind not in ("window", "count")), None)
        if token.kind == "verb" and token.data.get("or_order"):
            eaten = after is not None and text[token.end:after.start].strip() in _GLUE and _eaten(after)
            action = "order" if eaten or _no_clicks(data_words) else "click"
            token = replace(token, data={"action": action})
        if out and _joined(out[-1], token, text):
            token = _one_deed(out.pop(), token)
        out.append(token)
    return out


def _joined(first: Token, second: Token, text: str) -> bool:
    """An order verb and the delivery deed next to each other: 点过外卖, 外卖下单3次以上, "ordered takeout"."""
    order = [t for t in (first, second) if t.kind == "verb" and t.data.get("action") == "order"]
    return len(order) == 1 and any(map(_delivery, (first, second))) and text[first.end:second.start].strip() in _GLUE


def _one_deed(first: Token, second: Token) -> Token:
    """The delivery deed over both tokens, with the order verb's count (下单3次以上) if it had one."""
    deed, verb = (first, second) if _delivery(first) else (second, first)
    data = {**deed.data, **({"count": verb.data["count"]} if "count" in verb.data else {})}
    return replace(deed, start=first.start, end=second.end, data=data)


def _delivery(token: Token) -> bool:
    return token.kind == "verb" and token.data.get("deed") == "delivery"


def _eaten(token: Token) -> bool:
    """A product or category of the orders, a food & drink interest, or the delivery orders."""
    if token.kind == "brand":
        return bool((token.data.get("data") or {}).get("product"))
    if token.kind == "interest":
        return _is_food(token.data["interest"])
    return _delivery(token)


def _is_food(interest: str) -> bool:
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return taxonomy.has(interest) and "food_drink" in taxonomy.ancestors(interest)


def _no_clicks(data_words: DataWords) -> bool:
    return bool(data_words.path) and "click" not in data_words.event_types()
