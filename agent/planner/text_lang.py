"""The language users wrote in: "users who wrote in Chinese", "Chinese reviews", 用英文写评论的用户,
写过中文评论的.

Persona detects each text's language at ingest (texts.lang: zh, en). A language said of what users
wrote is a condition on their texts, Condition("text_lang", values=["zh"]) — not the answer's language
("answer in Chinese", 用英文回答, parse._cut_answer_language), which :func:`about_writing` tells apart:
"users who wrote in Chinese" is asked in English and answered in English.
"""

from __future__ import annotations

import re

from agent.planner.spec import Condition
from agent.planner.tokens import Token

_LANGS = {"chinese": "zh", "mandarin": "zh", "中文": "zh", "汉语": "zh", "english": "en", "英文": "en", "英语": "en"}
_WRITING_EN = (r"wrote|written|write|writes|writing|posted|post|posts|reviewed|commented|texted|messaged|"
               r"reviews?|comments?|texts?|feedback|messages?|chats?|tickets?|notes?")
_WRITING_ZH = r"写|留言|评论|评价|反馈|发帖|发消息|发言|聊天|文本"
# "wrote in Chinese", "reviews written in English", "Chinese reviews", "Chinese-language feedback"
_SAID_EN = re.compile(rf"(?<![a-z])(?:{_WRITING_EN})(?:\s+(?:them|it|something|anything|mostly|only))?\s+"
                      rf"(?P<a>in\s+(?:chinese|mandarin|english))(?![a-z])"
                      rf"|(?<![a-z])(?P<b>chinese|english)(?:-language)?(?=\s+(?:{_WRITING_EN})(?![a-z]))")
# 用中文写(评论), 用英文留言, 写过中文评论, 中文评论
_SAID_ZH = re.compile(rf"(?P<a>(?:用|以)(?:中文|汉语|英文|英语)(?:写(?:过|了|的)?|留(?:过|了)?言|发(?:过|了)?帖)?)(?=(?:发|留|评)|(?:{_WRITING_ZH})|的)"
                      rf"|(?P<b>(?:写(?:过|了)?)?(?:中文|汉语|英文|英语))(?=(?:的)?(?:{_WRITING_ZH}))")


def text_lang_tokens(text: str) -> list[Token]:
    """Tokens for a language said of what users wrote (rank 1: before the language as an answer's)."""
    tokens = []
    for pattern in (_SAID_EN, _SAID_ZH):
        for m in pattern.finditer(text):
            group = "a" if m.group("a") else "b"
            said = m.group(group)
            lang = next(code for word, code in _LANGS.items() if word in said)
            tokens.append(Token(m.start(group), m.end(group), "cond",
                                {"cond": Condition("text_lang", values=[lang], words=said)}, 1))
    return tokens


def about_writing(text: str, start: int, end: int) -> bool:
    """Is the language said at ``text[start:end]`` what users wrote (a condition), not the answer's?"""
    return any(t.start < end and start < t.end for t in text_lang_tokens(text))


def text_lang_sql(builder, c: Condition) -> str:
    """The users with a text in one of the languages (a subquery of user ids), in the window when said."""
    filters = [builder.member("x.lang", c.values)]
    if c.window:
        filters += builder.window_filters("x.at", c.window)
    return "SELECT x.user_id FROM texts x WHERE " + " AND ".join(filters)


def text_lang_words(c: Condition, lang: str) -> str:
    """'写过中文文本（评价、聊天等）' / 'wrote in Chinese (a review, chat or other text)'."""
    zh = {"zh": "中文", "en": "英文"}
    en = {"zh": "Chinese", "en": "English"}
    if lang == "zh":
        return "写过" + "或".join(zh.get(v, v) for v in c.values) + "文本（评价、聊天等）"
    return "wrote in " + " or ".join(en.get(v, v) for v in c.values) + " (a review, chat or other text)"
