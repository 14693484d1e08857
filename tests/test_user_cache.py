"""parsed_file: a file's parsed data from the user cache while the file is unchanged, read anew as
soon as it changes; what cannot be kept, and a reader's errors, pass through."""

import datetime
import json

import pytest

from tools.user_cache import parsed_file


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _counting_reader(path, calls):
    def parse():
        calls.append(path)
        return json.loads(path.read_text(encoding="utf-8"))
    return parse


def test_an_unchanged_file_is_parsed_once(tmp_path):
    source, calls = tmp_path / "data.json", []
    source.write_text('{"城市": ["上海", "北京"], "tier": 1, "ok": true, "x": null}', encoding="utf-8")
    first = parsed_file(source, _counting_reader(source, calls))
    second = parsed_file(source, _counting_reader(source, calls))
    assert first == second == {"城市": ["上海", "北京"], "tier": 1, "ok": True, "x": None}
    assert len(calls) == 1


def test_a_changed_file_is_parsed_again(tmp_path):
    source, calls = tmp_path / "data.json", []
    source.write_text('{"a": 1}', encoding="utf-8")
    parsed_file(source, _counting_reader(source, calls))
    source.write_text('{"a": 2}', encoding="utf-8")
    assert parsed_file(source, _counting_reader(source, calls)) == {"a": 2}
    assert len(calls) == 2


def test_copies_of_a_file_share_one_entry(tmp_path):
    calls = []
    for name in ("one.json", "two.json"):
        (tmp_path / name).write_text('{"a": 1}', encoding="utf-8")
        assert parsed_file(tmp_path / name, _counting_reader(tmp_path / name, calls)) == {"a": 1}
    assert len(calls) == 1
    assert len(list((tmp_path / "cache").glob("persona/parsed/*.marshal"))) == 1


def test_values_marshal_cannot_hold_are_returned_not_kept(tmp_path):
    source, calls = tmp_path / "data.txt", []
    source.write_text("2026-10-02", encoding="utf-8")

    def parse():
        calls.append(1)
        return {"day": datetime.date.fromisoformat(source.read_text())}

    assert parsed_file(source, parse) == parsed_file(source, parse) == {"day": datetime.date(2026, 10, 2)}
    assert len(calls) == 2


def test_the_readers_errors_pass_through(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError):
        parsed_file(missing, lambda: missing.read_text())
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    for _ in range(2):  # nothing was kept for it
        with pytest.raises(json.JSONDecodeError):
            parsed_file(broken, lambda: json.loads(broken.read_text()))
