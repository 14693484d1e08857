"""The language an operator's question is asked in, which is the language of its answer.

A question is written in one language and quotes names in any: a store, a dish or a brand from the
data ("customers of the 徐汇店", "who ordered 杨枝甘露", "买过 Salomon 的用户"). Names carry no grammar,
so the question's language is read from its grammar words — English function words (of, the, who,
how, in, and …) against Chinese ones (的, 过, 吗, 呢, 哪, 多少, 用户 …):

1. More English grammar words than Chinese ones: English ("and in 静安店?", "how many orders at 静安店").
2. More Chinese ones: Chinese ("那 Shanghai 的呢", "买过 The North Face 的用户").
3. A tie (often none of either: "杨枝甘露 buyers", "静安店?"): the script with more of the question —
   Chinese characters against latin words, Chinese on a tie (the shop's default language).

This is for questions only; the analyzers tell the language of a customer's text with tools/lang.py.
"""

from __future__ import annotations

import re

from agent.planner import lexicon as lx

_LATIN_WORD = re.compile(r"[a-z][a-z'\-]*")

# Words an English question is built with, whatever it asks about: articles, prepositions,
# pronouns, question words, auxiliaries, conjunctions and the verbs of asking.
_EN_GRAMMAR = frozenset("""
a an the of in at on for to from by with without into about over under between among per than as
and or but not no nor only also just too either neither both all any some each every none
who whom whose which what when where why how many much more most less least fewer
is are was were be been being do does did done have has had will would can could should shall may might must
i me my we us our you your they them their it its this that these those there here
please show list give tell find get let count
""".split())

# Chinese grammar words: particles, question words, measure and linking words, the word for users.
# Two-character ones are listed first so that 多少 counts once, not as 多 and 少.
_ZH_GRAMMAR = re.compile("多少|什么|哪些|哪个|其中|用户|顾客|客户|的人|那些|这些|有没有|"
                         "[的了吗呢吧过哪谁几那这和与或及在是有没不给按把被从每都也还只]")


def detect_lang(text: str) -> str:
    """'zh' or 'en': the language of a (normalized, lower-case) question, by the rule above.

    Example:
        >>> [detect_lang(q) for q in ("customers of the 徐汇店", "买过 salomon 的用户", "那 shanghai 的呢")]
        ['en', 'zh', 'zh']
    """
    latin = _LATIN_WORD.findall(text)
    english = sum(word in _EN_GRAMMAR for word in latin)
    chinese = len(_ZH_GRAMMAR.findall(text))
    if english != chinese:
        return "en" if english > chinese else "zh"
    cjk = len(lx.CJK_RE.findall(text))
    return "zh" if cjk and cjk >= len(latin) else "en"
