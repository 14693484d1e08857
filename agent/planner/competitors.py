"""Rivals in a question: "customers switching to Notion", "users thinking of moving to Todoist", 换成飞书的用户,
想转投Notion的客户; and "who mentioned a competitor?", which names none.

The rivals are the data's own: the names users said they are leaving for, which the analyzers store as
the target of the churn-risk (and compare) intent of that text (DataWords.rivals). A rival said after a
verb of switching is a token of kind ``cond``: an active churn-risk intent whose target is that rival
(any spelling the data holds, any case).

A rival is a name, and Persona does not know the shop's rivals. Searched as a word, "competitor" finds
the few texts that say that word (none, in a SaaS's data where users write "thinking of switching to
Notion"). So a mention of the rivals in general (competitor, rivals, the competition, 竞品, 竞争对手) is not
searched: the answer says the names are needed, and offers the rivals the data holds, as a question that
works: "who mentioned Notion or Todoist". The compare intent (comparing products, 在比价) stays what it
is: the analyzers' reading of a text that weighs options.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import Condition
from agent.planner.tokens import Token

COMPETITOR_WORDS = {"competitor", "competitors", "competition", "rival", "rivals", "competing products",
                    "competing apps", "other apps", "竞品", "竞争对手", "对手", "竞对", "同行", "别家", "友商"}


def competitor_problems(conditions: list[Condition], data_words) -> list[tuple[str, str]]:
    """(Chinese, English) problems for a mention of competitors in general; none otherwise."""
    said = [v for c in conditions if c.kind == "mention" for v in c.values if v.lower() in COMPETITOR_WORDS]
    if not said:
        return []
    names = data_words.rivals()[:8]
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


# Before the rival: a plan to leave (taken into the token), then a verb of switching and its "to".
_PLAN_EN = (r"(?:(?:are|is|were|was)\s+)?(?:(?:thinking\s+(?:about|of)|considering|planning\s+(?:on|to)|plan(?:s)?\s+to|"
            r"want(?:s|ing|ed)?\s+to|going\s+to|about\s+to|ready\s+to|might|may|will)\s+)?")
_VERB_EN = (r"(?:switch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|jump(?:s|ed|ing)?\s+ship|"
            r"leav(?:e|es|ing)|left|churn(?:s|ed|ing)?)\s+(?:over\s+)?(?:to|for)\s+")
_PLAN_ZH = r"(?:想要|想|打算|准备|考虑|可能|要|会)?"
_VERB_ZH = r"(?:换成|换到|转到|转投|转用|迁到|迁移到|切换到|改用|换用)了?"


def rival_tokens(text: str, rivals: tuple[str, ...]) -> list[Token]:
    """Tokens for the data's rivals said after a verb of switching in ``text`` (normalized), several joined
    by "or" ("switching to notion or todoist", 换成飞书或钉钉): rank 0, before a name read as a mention."""
    pattern, name_re, named = _rival_re(rivals)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        said = name_re.findall(match.group("en") or match.group("zh"))
        targets = [spelling for name in dict.fromkeys(n.lower() for n in said) for spelling in named[name]]
        found.append(Token(match.start(), match.end(), "cond",
                           {"cond": Condition("intent", values=["churn_risk"], targets=targets, words=match.group(0))}, 0))
    return found


@lru_cache(maxsize=8)
def _rival_re(rivals: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None, dict[str, tuple[str, ...]]]:
    """The pattern of a switch to rivals, the pattern of one rival, and the name in lower case -> its
    spellings in the data."""
    named: dict[str, list[str]] = {}
    for rival in rivals:
        named.setdefault(rival.lower(), []).append(rival)
    if not named:
        return None, None, {}
    name = "(?:" + "|".join(re.escape(n) if lx.CJK_RE.search(n) else rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])"
                            for n in sorted(named, key=len, reverse=True)) + ")"
    names = rf"{name}(?:(?:\s*,\s*|\s*,?\s*or\s+|或者?|、|还是){name})*"
    pattern = re.compile(rf"(?<![a-z]){_PLAN_EN}{_VERB_EN}(?P<en>{names})|{_PLAN_ZH}{_VERB_ZH}(?P<zh>{names})")
    return pattern, re.compile(name), {n: tuple(spellings) for n, spellings in named.items()}
