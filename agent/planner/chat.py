"""Small talk: messages that are not a data question, answered in words without any tool.

An operator's first words are often "hi", "谢谢", "what can you do" or "你是谁". A whole message made
only of such phrases (lexicon.SMALL_TALK and SMALL_TALK_PATTERNS, with punctuation, emoji and words
like "persona" or "请问"
around them) gets a short reply in its language: a greeting back, "you're welcome", or for help /
who are you / what data, what Persona can do with example questions. A greeting or thanks in front of
a real question ("hi, how many users in Beijing?", "你好，上海有多少女性用户") is filler: it is cut off
and the rest is planned as usual. Anything else — nonsense included — is not small talk.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from agent.planner import lexicon as lx
from tools.regex_cache import compile_cached


def small_talk(text: str) -> str | None:
    """The topic of a message that is only small talk, or None.

    Args:
        text: The message, normalized (lexicon.normalize).

    Returns:
        'help', 'data', 'identity', 'off_topic', 'bye', 'thanks', 'greeting' or 'ack' (the first of
        lexicon.SMALL_TALK_ORDER the message says), or None when any part of it is something else.

    Example:
        >>> small_talk("hi! what can you do?"), small_talk("谢谢啦～"), small_talk("hi, users in beijing")
        ('help', 'thanks', None)
    """
    topics, pos = set(), 0
    while True:
        pos = _skip_separators(text, pos, topics)
        if pos == len(text):
            break
        topic, end = _phrase_at(text, pos)
        if topic is None:
            return None
        topics.add(topic)
        pos = end
    return next((topic for topic in lx.SMALL_TALK_ORDER if topic in topics), None)


def question_span(text: str) -> tuple[int, int]:
    """Where the question is in ``text`` (normalized): without a greeting or thanks in front ("hi, ",
    "你好，", "谢谢！") nor thanks at the end (", thanks", "，谢谢"), and without emoji at either end.
    ``(0, len(text))`` when there is nothing to cut.

    A pleasantry is cut only where it stands apart: followed by punctuation or a space, or a
    greeting of two or more Chinese characters ("你好上海有多少用户"), so that "早上下单的用户" keeps
    its "早". Words like "and", "那", "so" in front are kept (they make a question a follow-up).

    Example:
        >>> text = "hi persona, how many users in beijing? thanks!"
        >>> start, end = question_span(text)
        >>> text[start:end]
        'how many users in beijing?'
    """
    start = pos = 0
    while True:
        pos = _skip_separators(text, pos, set())
        topic, end = _phrase_at(text, pos)
        if not _pleasantry(text, pos, end, topic, greeted=start > 0):
            break
        start = pos = end
    start = _skip_separators(text, start, set()) if start else _skip_symbols(text, 0, 1)
    end = len(text)
    closing = _closing_thanks_re().search(text, start)
    if closing and closing.start() > start:
        end = closing.start()
    end = _skip_symbols(text, end, -1)
    return (start, end) if text[start:end].strip() else (0, len(text))


def standalone_pleasantries(text: str) -> list[tuple[int, int]]:
    """Spans of greetings and thanks that stand apart anywhere in ``text`` (normalized): a phrase
    with a space, punctuation or either end on both sides ("users in beijing hello", "上海的女生
    有多少 谢谢 "). The parser calls it on what no token took: there a pleasantry is filler, wherever
    it stands. A bare Chinese character ("早", "喂") and "morning" are never cut this way: inside a
    question they may be words of it ("早上", "in the morning").

    Example:
        >>> text = "users in beijing hello"
        >>> [text[s:e] for s, e in standalone_pleasantries(text)]
        ['hello']
    """
    spans, pos = [], 0
    while pos < len(text):
        if _is_separator(text[pos]) or (pos and not _is_separator(text[pos - 1])):
            pos += 1
            continue
        end = _pleasantry_run(text, pos)
        if end > pos and (end == len(text) or _is_separator(text[end])):
            spans.append((pos, end))
            pos = end
        else:
            pos += 1
    return spans


def _pleasantry_run(text: str, pos: int) -> int:
    """The end of the greetings and thanks written one after another from ``pos`` ("多谢多谢",
    "hello hello"); ``pos`` when there is none."""
    end = pos
    while True:
        topic, stop = _phrase_at(text, _skip_spaces(text, end) if end > pos else end)
        if topic not in lx.LEADING_PLEASANTRY or stop <= end or \
                text[_skip_spaces(text, end):stop].rstrip(lx.SMALL_TALK_PARTICLES) in _NOT_APART:
            return end
        end = stop


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


# Whom a greeting may address ("hi team", "hello all"): cut with it
_ADDRESSEES = {"team", "guys", "folks", "all", "everyone", "大家"}
# Pleasantries that are also the words of a question (早上下单, in the morning)
_NOT_APART = {"morning", *(p for topic in lx.LEADING_PLEASANTRY for p in lx.SMALL_TALK[topic] if len(p) == 1)}


def _pleasantry(text: str, start: int, end: int, topic: str | None, greeted: bool = False) -> bool:
    """Is text[start:end] (a phrase of ``topic``) a pleasantry that can be cut from the front? After
    a greeting, so are the people it greets ("hey team, …", "大家好" is one phrase already)."""
    if topic == "neutral":
        apart = end == len(text) or _is_separator(text[end])
        return text[start:end] == "persona" or (greeted and apart and text[start:end] in _ADDRESSEES)
    if topic not in lx.LEADING_PLEASANTRY:
        return False
    if end == len(text) or _is_separator(text[end]):
        return True
    return topic == "greeting" and end - start >= 2 and bool(lx.CJK_RE.match(text[end - 1:end]))


def reply(topic: str, lang: str, examples: list[str] | None = None) -> str:
    """The answer to small talk of ``topic`` in ``lang`` ('zh' or 'en'); help lists ``examples`` (the
    database's own, showcase.py), else :data:`GUIDE_EXAMPLES`."""
    zh = lang == "zh"
    if topic in ("help", "identity", "data"):
        return _guide(topic, lang, examples or GUIDE_EXAMPLES[lang])
    return {
        "greeting": ("你好！我是 Persona，帮你查找和统计用户人群。直接提问就行，比如“上海有多少女性用户”；"
                     "想知道我能做什么，可以问“你能做什么”。",
                     "Hello! I'm Persona: I find and count audiences in your customer data. Just ask, e.g. "
                     "\"how many women in Shanghai\"; ask \"what can you do\" to see more."),
        "thanks": ("不客气！还想查什么，直接问就行。", "You're welcome! Ask again whenever you need an audience."),
        "bye": ("再见！需要时随时再来问。", "Bye! Come back any time."),
        "ack": ("好的。还想查什么，直接问就行。", "OK. Ask me anything else whenever you like."),
    }[topic][0 if zh else 1]


# What Persona can do, and questions that show it (each one is planned without a clarification:
# tests/test_planner_small_talk.py); a database with data gets the same questions about its own
# interests, cities and users (showcase.py).
GUIDE_EXAMPLES = {
    "zh": ["喜欢户外运动的25到35岁女性", "近30天对物流不满的金卡会员有多少", "近7天搜索过手机但没有下单的用户",
           "上海的流失风险用户按性别分布", "看看 u00001 的画像", "有哪些关于露营的标签"],
    "en": ["women aged 25 to 35 who love outdoor sports", "how many gold members complained about delivery in the "
           "last 30 days", "users who searched for phones in the last 7 days but didn't buy",
           "churn-risk users in Shanghai by gender", "show me the profile of u00001", "what tags do we have for camping"],
}
_GUIDE = {
    "zh": {
        "identity": "我是 Persona，一个用户画像助手：用中文或英文提问，我查数据库里的用户画像来回答。",
        "help": "用中文或英文直接提问，我查数据库里的用户画像来回答。",
        "data": "我能查的是每位用户的画像：性别、年龄、城市、会员等级，订单和消费，浏览、搜索、加购、下单等行为，"
                "评价里对价格、物流、售后等各方面的情绪，兴趣标签，购买意图，生命周期和消费类型。",
        "can": ["按兴趣、人口属性、城市、会员、消费、对各方面的评价情绪、意图、生命周期、行为（可加时间窗口）找出或统计人群，"
                "也可以按城市、性别等分布、排名或算平均值",
                "查看某位用户的画像，查找标签",
                "给找出的人群写营销文案，或保存为分群",
                "在同一个对话里接着问（“其中男性呢”“按城市分一下”“给他们写三条短信”）"],
        "head": "我可以：", "try": "可以这样问：",
    },
    "en": {
        "identity": "I'm Persona, a customer-profile assistant: ask in English or Chinese and I answer from the "
                    "user profiles in the database.",
        "help": "Ask in English or Chinese and I answer from the user profiles in the database.",
        "data": "I can query each user's profile: gender, age, city, membership level, orders and spend, behaviour "
                "(views, searches, add-to-cart, orders), opinions per aspect in reviews (price, delivery, service…), "
                "interest tags, purchase intents, lifecycle stage and consumption type.",
        "can": ["find and count audiences by interests, demographics, city, membership, spend, opinions per aspect, "
                "intents, lifecycle and behaviour with time windows; break them down, rank them or average them",
                "show one user's profile, look up tags",
                "write campaign copy for an audience, or save it as a segment",
                "follow up in the same thread (\"of those, only men\", \"by city?\", \"write them 3 SMS\")"],
        "head": "I can:", "try": "Try asking:",
    },
}


def _guide(topic: str, lang: str, examples: list[str]) -> str:
    words = _GUIDE[lang]
    lines = [words[topic]]
    if topic != "data":   # what the data holds already says what can be asked
        lines += [words["head"], *(f"- {line}" for line in words["can"])]
    lines.append(words["try"])
    lines += [f"- {example}" for example in examples]
    return "\n".join(lines)


# --- reading phrases ------------------------------------------------------------------------------

def _phrase_at(text: str, pos: int) -> tuple[str | None, int]:
    """The topic ('neutral' for words like "persona") and end of the longest phrase at ``pos``."""
    best, end = None, pos
    for topic, pattern in _topic_res().items():
        match = pattern.match(text, pos)
        if match and match.end() > end:
            best, end = topic, match.end()
    return best, end


def _skip_separators(text: str, pos: int, topics: set) -> int:
    """Past punctuation, spaces and emoji from ``pos``; an emoji that says something adds its topic."""
    while pos < len(text) and _is_separator(text[pos]):
        if text[pos] in lx.SMALL_TALK_EMOJI:
            topics.add(lx.SMALL_TALK_EMOJI[text[pos]])
        pos += 1
    return pos


def _skip_symbols(text: str, pos: int, step: int) -> int:
    """From ``pos`` forwards (step 1) or backwards (step -1, ``pos`` an end), past spaces and emoji."""
    while 0 <= (pos if step > 0 else pos - 1) < len(text):
        char = text[pos if step > 0 else pos - 1]
        if not (char.isspace() or unicodedata.category(char) == "So" or char in "\u200d\ufe0f"):
            break
        pos += step
    return pos


def _is_separator(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PSZ" or char in "\u200d\ufe0f"


@lru_cache(maxsize=None)
def _topic_res() -> dict[str, re.Pattern]:
    phrases = {**lx.SMALL_TALK, "neutral": lx.SMALL_TALK_NEUTRAL}
    # a pattern, like a phrase, may end in particles and must end at a word boundary after latin
    ending = f"[{lx.SMALL_TALK_PARTICLES}]*" + r"(?:(?<=[a-z0-9'])(?![a-z0-9'])|(?<![a-z0-9']))"
    return {topic: compile_cached("|".join([*(f"(?:{p}){ending}" for p in lx.SMALL_TALK_PATTERNS.get(topic, [])),
                                        *(_phrase_pattern(p) for p in sorted(words, key=len, reverse=True))]))
            for topic, words in phrases.items()}


@lru_cache(maxsize=None)
def _closing_thanks_re() -> re.Pattern:
    thanks = "|".join(_phrase_pattern(p) for p in sorted(lx.SMALL_TALK["thanks"], key=len, reverse=True))
    return re.compile(r"[\s,.;!?~、…]+(?:" + thanks + r")[\s,.;!?~、…]*$")   # "…吗？谢谢"


def _phrase_pattern(phrase: str) -> str:
    """A phrase as a pattern: latin letters may repeat, spaces may be missing or doubled, a Chinese
    phrase may end in particles, a latin one must end at a word boundary."""
    parts = []
    for char in phrase:
        if char == " ":
            parts.append(r"\s*")
        elif "a" <= char <= "z":
            parts.append(char + "+")
        else:
            parts.append(re.escape(char))
    if lx.CJK_RE.match(phrase[-1:]):
        return "".join(parts) + f"[{lx.SMALL_TALK_PARTICLES}]*"
    return "".join(parts) + r"(?![a-z0-9'])"
