"""Prepayments: money put on account, not a service had or a product bought — a stored-value top-up (储值卡充值,
会员卡充值, 预存, "wallet top-up", "store credit"), a prepaid pack of services
(面部护理次卡10次, 疗程卡, "class pack"). A shop books them as orders, and so they are orders here (their product
or category says which: PREPAID_RE).

Had a service ("做过面部护理", "买过烫染", "had a facial": a product word of the data) is an order of it that is no prepayment: a
面部护理次卡 bought pays for facials to come, it is none had. Only when every order the word names is a
prepayment (a shop that books the packs and not the visits) are they what it means. The prepayment said itself
("充值过的", "买过次卡的", "办过储值卡", "topped up") is those orders, and "充值超过1000的" /
"topped up more than 1000" is a spend on them (order_scope.py: the spend counts the top-ups only).

Figures over orders (sales, 客单价, rankings) count prepayments like any order — the money came in — and, in a
shop that books any (DataWords.books_prepayments), the answer says how much of the figure they are ("其中储值充值、次卡等预付款 47,000.00 元"), since a top-up spent
later on services is counted again then.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agent.planner.spec import Clause, Condition, Group

# The words of a prepayment in a product or category name, or in a question
# (not a gift card: a shop may sell other companies' — the demo's "game gift card" — as goods like any other)
PREPAID_WORDS = ("充值", "储值", "预存", "预付", "次卡", "疗程卡", "套卡", "top-up", "top up",
                 "topup", "topped up", "recharge", "prepaid", "store credit", "class pack")
PREPAID_RE = re.compile("|".join(re.escape(word) for word in PREPAID_WORDS), re.IGNORECASE)


def prepaid_sql(alias: str) -> str:
    """'the order ``alias`` is a prepayment': its product or category holds a prepayment word (the words are
    the planner's own, written into the statement)."""
    tests = [f"lower(COALESCE({alias}.{column}, '')) LIKE '%{word.lower()}%'"
             for column in ("product", "category") for word in PREPAID_WORDS]
    return "(" + " OR ".join(tests) + ")"


def services_had(clauses: list[Clause], data_words) -> list[Clause]:
    """``clauses`` with each product word that is no prepayment itself marked to leave prepayments out
    (``prepaid_out``: the shop's prepayments whose names hold it, "面部护理次卡10次"), when the shop has other orders
    of it too; and a spend said of a prepayment ("充值超过1000的") over those orders."""
    def marked(c: Condition) -> Condition:
        if c.kind != "product" or any(PREPAID_RE.search(v) for v in c.values):
            return c
        names = data_words.names_with(c.values)
        prepaid = [name for name in names if PREPAID_RE.search(name)]
        return replace(c, prepaid_out=prepaid) if prepaid and len(prepaid) < len(names) else c

    clauses = [replace(clause, items=[marked(c) for c in clause.items]) if isinstance(clause, Group) else marked(clause)
               for clause in clauses]
    return clauses + _prepaid_spent_on(clauses, data_words)


def _prepaid_spent_on(clauses: list[Clause], data_words) -> list[Condition]:
    """The prepayment a spend is said of ("充值超过1000", "储值金额大于5000", "topped up more than 1000"), when no
    purchase is said beside it: a condition of those orders, so the spend counts them only."""
    bought = any(isinstance(c, Condition) and c.kind in ("product", "brand", "store", "behavior") and not c.negate
                 for c in clauses)
    spend = next((c for c in clauses if isinstance(c, Condition) and c.kind == "spend" and not c.negate
                  and PREPAID_RE.search(c.words)), None)
    if bought or spend is None:
        return []
    said = PREPAID_RE.search(spend.words).group(0)
    value = next((name for name in (said.lower(), *_TOP_UP_ZH) if data_words.names_with([name])), said.lower())
    return [Condition("product", values=[value], action="order", window=spend.window, words=said)]


# What a top-up said in English is in a Chinese shop's product names
_TOP_UP_ZH = ("充值", "储值")


def prepaid_words(c: Condition, lang: str) -> str:
    """'（不含“面部护理次卡10次”这类预付卡项）' / ' (not counting prepaid "面部护理次卡10次")', or ''."""
    if not c.prepaid_out:
        return ""
    shown = c.prepaid_out[:3]
    if lang == "zh":
        return "（不含" + "、".join(f"“{name}”" for name in shown) + "这类预付卡项）"
    return " (not counting prepaid " + ", ".join(f'"{name}"' for name in shown) + ")"
