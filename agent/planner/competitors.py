""""Who mentioned a competitor?": a rival is a name, and Persona does not know the shop's rivals.

Searched as a word, "competitor" finds the few texts that say that word (none, in a SaaS's data where
users write "thinking of switching to Notion"). So a mention of the rivals in general (competitor,
rivals, the competition, 竞品, 竞争对手) is not searched: the answer says the names are needed, and offers
the names the users' own texts say they are switching or moving to (DataWords.switched_to), as a
question that works: "who mentioned Notion or Todoist". The compare intent (comparing products, 在比价)
stays what it is: the analyzers' reading of a text that weighs options.
"""

from __future__ import annotations

from agent.planner.spec import Condition

COMPETITOR_WORDS = {"competitor", "competitors", "competition", "rival", "rivals", "competing products",
                    "competing apps", "other apps", "竞品", "竞争对手", "对手", "竞对", "同行", "别家", "友商"}


def competitor_problems(conditions: list[Condition], data_words) -> list[tuple[str, str]]:
    """(Chinese, English) problems for a mention of competitors in general; none otherwise."""
    said = [v for c in conditions if c.kind == "mention" for v in c.values if v.lower() in COMPETITOR_WORDS]
    if not said:
        return []
    names = data_words.switched_to()
    zh = f"“{said[0]}”：Persona 不知道哪些是你们的竞品，请说出名字"
    en = f"'{said[0]}': Persona does not know which names are your competitors; name them"
    if names:
        zh += "；用户的文本里说要换成的有：" + "、".join(names) + "，可以问“提到" + "或".join(names) + "的用户”"
        en += ("; the users' texts say they are switching or moving to " + ", ".join(names) +
               ", so ask 'who mentioned " + " or ".join(names) + "'")
    else:
        zh += "，例如“提到某某或某某的用户”"
        en += ", e.g. 'who mentioned X or Y'"
    return [(zh, en)]
