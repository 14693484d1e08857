"""A repurchase rate (复购率, 回购率, "repeat purchase rate"): the first figure a shop's CRM asks for. It is the share
of buyers who bought again, which the planner answers as a share of an audience, so the question is read as that
share before anything else: 复购率是多少 = 下过单的用户里复购过的比例; 奶粉复购率 = 买过奶粉的用户里买过奶粉两次以上的比例
(of a kind of goods or an interest: its buyers, and who bought it twice or more); "what's our repeat purchase rate" =
"what share of buyers ordered again"; "formula repurchase rate" = "among formula buyers, what share bought formula
twice or more". The answer says the share it counted. Other rates (转化率, "churn rate") stay refused as rates over time.
"""

from __future__ import annotations

import re

from agent.planner import lexicon as lx

_ZH = re.compile(r"(?P<before>[\u3400-\u9fffa-z0-9]*?)的?(?:复购率|回购率)", re.IGNORECASE)
_EN = re.compile(r"(?P<before>[a-z' ]*?)\s*(?:repeat[\s-]purchase|repurchase|re-?order|repeat[\s-]order|repeat)\s+rate"
                 r"(?:\s+(?:of|for|among)\s+(?P<after>[a-z ]+?))?(?=\s*(?:[?.!,]|$|in\s|last\s|this\s|since\s))",
                 re.IGNORECASE)


def as_share(question: str) -> str:
    """The question with its repurchase rate said as the share it is (unchanged when it names none)."""
    if (match := _ZH.search(question)) is not None:
        thing = _goods_at_end(match.group("before"), zh=True)
        start = match.start() + len(match.group("before")) - len(thing)
        share = f"买过{thing}的用户里买过{thing}两次以上的比例" if thing else "下过单的用户里复购过的比例"
        return question[:start] + share + question[match.end():]
    if (match := _EN.search(question)) is not None:
        thing = _goods_at_end(match.group("after") or "", zh=False) or _goods_at_end(match.group("before"), zh=False)
        share = f"among {thing} buyers, what share bought {thing} twice or more" if thing else \
            "what share of buyers ordered again"
        return share + question[match.end():]
    return question


def _goods_at_end(text: str, *, zh: bool) -> str:
    """The longest end of ``text`` that names goods: a kind of goods (lexicon.PRODUCT_KINDS) or a taxonomy
    interest's word ("奶粉", "baby formula", "diapers"); '' when it names none ("我们的", "what's our")."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    kinds = {w.casefold() for words in lx.PRODUCT_KINDS.values() for w in words}
    pieces = list(text.strip()) if zh else text.strip().split()
    joiner = "" if zh else " "
    for i in range(len(pieces)):
        said = joiner.join(pieces[i:])
        if len(said) >= 2 and (said.casefold() in kinds or taxonomy.lookup(said.casefold())):
            return said
    return ""
