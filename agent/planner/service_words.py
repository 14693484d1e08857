"""A service business's words for ordering: "做过面部护理的顾客", "办过储值卡的", "在五角场店做过烫染",
"customers who got a haircut", "had a facial last month".

A salon, a gym, a clinic or a repair shop sells what it does: 做过 / 办过 a service, "had" / "got" one,
is having ordered it. These verbs (lexicon.SERVICE_VERBS) say so only right before a thing of the
orders (a product or category of the data, an interest): 做过饭, 做得好, "had complaints" are no
orders, and the verb is dropped there, so the question says what it did not understand.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agent.planner.tokens import Token

# between the verb and what was had: 做过的美甲, 做了个美甲, "had a facial", "got their nails done"
_GLUE = re.compile(r"(?:\s|的|个|次|了|过|(?<![a-z])(?:a|an|the|their|his|her|some|any)(?![a-z]))*")


def read_services(tokens: list[Token], text: str) -> list[Token]:
    """``tokens`` with each service verb read as ordering before a thing ordered, and dropped elsewhere."""
    out = []
    for i, token in enumerate(tokens):
        if token.kind == "verb" and token.data.get("service"):
            after = next((t for t in tokens[i + 1:] if t.kind not in ("window", "count")), None)
            if after is None or not _GLUE.fullmatch(text[token.end:after.start]) or not _ordered(after):
                continue
            token = replace(token, data={"action": "order"})
        out.append(token)
    return out


def _ordered(token: Token) -> bool:
    """A product or category of the orders, or an interest (美甲, "nails")."""
    if token.kind == "brand":
        return bool((token.data.get("data") or {}).get("product"))
    return token.kind == "interest"
