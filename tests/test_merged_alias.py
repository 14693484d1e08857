"""An id merged into another user (identity resolution by a shared phone): its card and the chat's
answer say whose profile is shown and why, instead of silently showing the other user."""

import json

import pytest

from agent.cli import main
from tools.profile.build import build_profiles


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("merged")
    path = folder / "members.jsonl"
    records = [
        {"user_id": "F004", "identities": {"phone": "13800000004"}, "attributes": {"name": "Jack Wang", "age": 50},
         "orders": [{"order_id": "o1", "product": "年卡", "amount": 3999, "ordered_at": "2026-11-01"}]},
        {"user_id": "F061", "identities": {"phone": "138 0000 0004"}, "attributes": {"name": "王杰"}},
        {"user_id": "F005", "identities": {"email": "a@b.cn"}, "attributes": {"name": "Lily"}},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    db = folder / "gym.db"
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    build_profiles(str(db))
    return str(db)


def _run(capsys, *args) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang, said", [("en", "F061 was merged into F004 (shared phone)"),
                                        ("zh", "F061 已合并到 F004（共用手机号）")])
def test_the_card_of_a_merged_id_says_whose_card_it_is(merged_db, capsys, lang, said):
    out = _run(capsys, "profile", "F061", "--lang", lang, "--db", merged_db)
    assert said in out and "F004" in out
    own = _run(capsys, "profile", "F004", "--lang", lang, "--db", merged_db)
    assert "merged" not in own and "合并" not in own   # the user's own id: nothing to explain


@pytest.mark.parametrize("question, said", [("show me F061", "F061 was merged into F004 (shared phone)."),
                                            ("F061的画像", "F061 已合并到 F004（共用手机号）。")])
def test_the_chat_answer_for_a_merged_id_says_so_first(merged_db, capsys, question, said):
    out = _run(capsys, "ask", question, "--db", merged_db)
    assert out.splitlines()[0] == said
    assert "F004" in out.splitlines()[1]
    assert "merged" not in _run(capsys, "ask", "show me F005", "--db", merged_db)
