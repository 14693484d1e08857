"""Small talk and questions about Persona itself (agent/planner/chat.py).

A whole message that is a greeting, thanks, goodbye or a question about Persona ("what can you
do", "你是谁", "有哪些数据") is answered in words in its language, with no SQL; a greeting or thanks
around a real question is filler; nonsense is still "not understood". The last tests go through
the agent on the real demo database and read its audit log.
"""

from __future__ import annotations

import pytest

from agent.graph import Agent
from agent.planner.chat import GUIDE_EXAMPLES, reply
from agent.planner.showcase import load_showcase, showcase_examples
from agent.planner.parse import PlanError, parse_question
from agent.planner.plan import planner_answer
from tests.agent_helpers import built_demo_db
from tools.audit import recent_events

# (message, what it is): a small-talk topic; "question" (a data question, planned as a tool call);
# "nonsense" (not understood: a clarification).
CASES = [
    # English small talk
    ("hi", "greeting"),
    ("Hi!", "greeting"),
    ("hello there", "greeting"),
    ("hey 👋", "greeting"),
    ("Hiii", "greeting"),
    ("good morning", "greeting"),
    ("hi persona", "greeting"),
    ("how are you?", "greeting"),
    ("👋", "greeting"),
    ("thanks", "thanks"),
    ("Thanks a lot!!", "thanks"),
    ("thank you so much 🙏", "thanks"),
    ("ok thanks", "thanks"),
    ("great, thanks!", "thanks"),
    ("bye", "bye"),
    ("thanks, bye!", "bye"),
    ("ok", "ack"),
    ("got it 👍", "ack"),
    ("help", "help"),
    ("Help?", "help"),
    ("what can you do", "help"),
    ("hi! what can you do?", "help"),
    ("How do I use this?", "help"),
    ("what can I ask?", "help"),
    ("give me some examples", "help"),
    ("who are you", "identity"),
    ("what is persona?", "identity"),
    ("what data do you have", "data"),
    ("what's in the database?", "data"),
    ("hey guys", "greeting"),
    ("thanks for your help!", "thanks"),
    ("tell me what you can do", "help"),
    ("what kind of questions can I ask?", "help"),
    ("how does persona work?", "help"),
    ("what kind of data do you have?", "data"),
    # Chinese small talk
    ("你好", "greeting"),
    ("您好！", "greeting"),
    ("你好呀～", "greeting"),
    ("在吗", "greeting"),
    ("在吗？", "greeting"),
    ("早上好", "greeting"),
    ("哈喽 persona", "greeting"),
    ("谢谢", "thanks"),
    ("多谢", "thanks"),
    ("谢谢啦！", "thanks"),
    ("辛苦了", "thanks"),
    ("好的谢谢", "thanks"),
    ("再见", "bye"),
    ("拜拜～", "bye"),
    ("好的", "ack"),
    ("收到", "ack"),
    ("帮助", "help"),
    ("你能做什么", "help"),
    ("你好，你能做什么？", "help"),
    ("请问你能做什么", "help"),
    ("怎么用", "help"),
    ("能查什么", "help"),
    ("我可以问什么", "help"),
    ("你是谁", "identity"),
    ("那你是谁呢？", "identity"),
    ("有哪些数据", "data"),
    ("你有什么数据？", "data"),
    ("谢谢你的帮助", "thanks"),
    ("你都能干啥", "help"),
    ("这个怎么用？", "help"),
    ("可以问些什么", "help"),
    ("你好，我想了解一下怎么用", "help"),
    ("你能查哪些数据", "data"),
    # greetings and thanks around a real question: the question is answered
    ("hi, how many users in Beijing?", "question"),
    ("hello there, women in Shanghai", "question"),
    ("Good morning! users who love camping", "question"),
    ("hey persona, how many gold members?", "question"),
    ("how many users in Beijing? thanks", "question"),
    ("你好，上海有多少女性用户", "question"),
    ("你好上海有多少女性用户", "question"),
    ("您好！北京的男性用户有多少", "question"),
    ("在吗？喜欢露营的用户", "question"),
    ("上海有多少女性用户，谢谢", "question"),
    ("早上下单的用户", "question"),   # "早" is no greeting here: 早上 is when the order was placed
    # data questions that merely look like small talk
    ("show me the profile of u00001", "question"),
    ("有哪些关于露营的标签", "question"),
    ("users in Beijing", "question"),
    ("嗨 帮我找下喜欢露营的用户", "question"),
    ("what can you tell me about users in Beijing", "question"),
    # nonsense stays "not understood"
    ("asdf qwer", "nonsense"),
    ("hi asdf qwer", "nonsense"),
    ("zxcv", "nonsense"),
    ("你好 asdf", "nonsense"),
    ("叽里咕噜", "nonsense"),
]

TOPICS = {"greeting", "thanks", "bye", "ack", "help", "identity", "data"}


def kind_of(message: str) -> str:
    try:
        request = parse_question(message)
    except PlanError:
        return "nonsense"
    return request.args["topic"] if request.kind == "chat" else "question"


def test_the_table_is_bilingual_and_covers_every_kind():
    chinese = [m for m, _ in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in m)]
    assert len(CASES) >= 40 and 0.35 < len(chinese) / len(CASES) < 0.65
    assert {kind for _, kind in CASES} == TOPICS | {"question", "nonsense"}


@pytest.mark.parametrize("message, expected", CASES, ids=[m for m, _ in CASES])
def test_classification(message, expected):
    assert kind_of(message) == expected


@pytest.mark.parametrize("greeted, bare", [
    ("hi, how many users in Beijing?", "how many users in Beijing?"),
    ("Good morning! users who love camping", "users who love camping"),
    ("how many users in Beijing? thanks", "how many users in Beijing?"),
    ("你好，上海有多少女性用户", "上海有多少女性用户"),
    ("您好！北京的男性用户有多少", "北京的男性用户有多少"),
    ("上海有多少女性用户，谢谢", "上海有多少女性用户"),
])
def test_a_greeting_around_a_question_is_filler(greeted, bare):
    plan, expected = planner_answer(greeted), planner_answer(bare)
    assert plan.kind == "tool" and (plan.tool, plan.args, plan.description) == (
        expected.tool, expected.args, expected.description)


@pytest.mark.parametrize("message, lang", [("hi", "en"), ("你好", "zh"), ("thanks", "en"), ("谢谢", "zh"),
                                           ("bye", "en"), ("再见", "zh"), ("what can you do", "en"),
                                           ("你能做什么", "zh"), ("who are you", "en"), ("有哪些数据", "zh")])
def test_small_talk_is_answered_in_its_language_without_a_tool(message, lang):
    plan = planner_answer(message)
    assert plan.kind == "reply" and plan.tool is None and plan.error is None and plan.lang == lang
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in plan.message.replace("“", "").replace("”", ""))
    assert chinese == (lang == "zh")


@pytest.mark.parametrize("message, lang", [("what can you do", "en"), ("你能做什么", "zh"), ("who are you", "en"),
                                           ("你是谁", "zh"), ("what data do you have", "en"), ("有哪些数据", "zh")])
def test_help_lists_what_persona_does_and_example_questions(message, lang):
    text = planner_answer(message).message
    examples = [line[2:] for line in text.splitlines() if line[2:] in GUIDE_EXAMPLES[lang]]
    assert 4 <= len(examples) <= 6
    if "data" not in message and "数据" not in message:
        for capability in (("interests", "membership", "opinions", "intents", "lifecycle", "profile", "tags",
                            "copy", "follow up") if lang == "en" else
                           ("兴趣", "会员", "评价情绪", "意图", "生命周期", "画像", "标签", "文案", "接着问")):
            assert capability in text


@pytest.mark.parametrize("example", GUIDE_EXAMPLES["zh"] + GUIDE_EXAMPLES["en"])
def test_every_example_in_the_help_is_planned(example):
    assert planner_answer(example).kind == "tool", planner_answer(example).message


def test_thanks_and_bye_are_one_line():
    for topic in ("thanks", "bye", "ack"):
        for lang in ("zh", "en"):
            assert "\n" not in reply(topic, lang) and len(reply(topic, lang)) < 80


@pytest.mark.parametrize("message, description", [
    ("上海的 你好 女性用户", "城市：上海；女性"), ("users in beijing hello", "in Beijing"),
    ("北京的用户 谢谢 谢谢 男性", "城市：北京；男性"), ("上海的女生有多少谢谢", "城市：上海；女性"),
    ("how many women, thanks, in shanghai", "women; in Shanghai"), ("北京的金卡会员 拜托了", "城市：北京；金卡会员")])
def test_a_pleasantry_standing_apart_inside_or_after_a_question_is_filler(message, description):
    plan = planner_answer(message)
    assert plan.kind == "tool" and plan.description.startswith(description), plan.message


@pytest.mark.parametrize("message", ["上海的你好女性用户", "北京的用户谢谢男性", "上海的早上好女性用户"])
def test_a_clarification_never_suggests_small_talk_as_a_tag_lookup(message):
    plan = planner_answer(message)
    assert plan.kind == "clarify"
    assert "标签" not in plan.message and "tags" not in plan.message


def test_nonsense_keeps_the_did_not_understand_answer():
    plan = planner_answer("asdf qwer")
    assert plan.kind == "clarify" and plan.message.startswith('I did not understand this part: "asdf", "qwer".')


# --- through the agent, on the demo database -------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("small_talk"))


def _events_of(db: str, question: str) -> list[dict]:
    return [e for e in recent_events(db, 500) if e["question"] == question]


@pytest.mark.parametrize("message", ["hi", "谢谢", "what can you do", "你能做什么"])
def test_small_talk_runs_and_logs_no_sql(demo_db, message):
    agent = Agent(demo_db, offline=True)
    try:
        answer = agent.ask(message)
    finally:
        agent.close()
    assert answer.error is None and answer.exit_code == 0
    assert answer.sql == [] and answer.rows == [] and answer.row_count is None and answer.round_trips == 1
    kinds = [e["kind"] for e in _events_of(demo_db, message)]
    assert "question" in kinds and "llm" in kinds
    assert not {"sql", "tool"} & set(kinds)
    if message in ("what can you do", "你能做什么"):
        lang = "en" if message.isascii() else "zh"
        ours = showcase_examples(load_showcase(demo_db), lang, [])   # the database's own examples
        assert len(ours) >= 4 and all(f"- {example}" in answer.text for example in ours)


def test_small_talk_inside_a_thread_keeps_the_audience(demo_db):
    answers = []
    for question in ["上海的女性用户有多少", "谢谢！", "那男性呢"]:
        agent = Agent(demo_db, offline=True, thread="small-talk")
        try:
            answers.append(agent.ask(question))
        finally:
            agent.close()
    count, thanks, men = answers
    assert thanks.sql == [] and thanks.text.startswith("不客气")
    assert men.error is None and men.spec is not None
    conditions = {(c["kind"], tuple(c["values"])) for c in men.spec["where"]}
    assert conditions == {("city", ("上海",)), ("gender", ("male",))}


@pytest.mark.parametrize("message", ["hi", "thanks", "what can you do?", "你好"])
def test_a_models_reply_to_small_talk_is_kept(demo_db, monkeypatch, message):
    """A network model that answers small talk in words runs no query; the planner, asked whether
    the question needed one, says no (it used to plan "all users" for "hi"), so the reply stays."""
    from tests.fake_openai import FakeOpenAI, text_reply

    with FakeOpenAI([text_reply("Hello from the model.")]) as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        agent = Agent(demo_db)
        try:
            answer = agent.ask(message)
        finally:
            agent.close()
    assert answer.text == "Hello from the model." and answer.fallback is None and answer.sql == []
