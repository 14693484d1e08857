"""Fresh eyes 6, command line: `persona export` keeps an existing file without --force (item 23),
which commands take --db (item 19), and what `build --since` means (item 24)."""

import re
from pathlib import Path

from agent.cli import build_parser, main
from tests.test_segments import OUTDOOR_PARAMS, OUTDOOR_PRICE_SQL
from tests.test_segments_data import make_profile_db
from tools.segments import save_segment

ROOT = Path(__file__).resolve().parents[1]


def test_export_refuses_to_overwrite_without_force(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    make_profile_db(db, per_group=10, seed=6)
    save_segment(db, "价格敏感的户外爱好者", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    out = tmp_path / "c3.csv"
    out.write_text("user_id\nsent-to-the-vendor\n", encoding="utf-8")
    assert main(["export", "价格敏感的户外爱好者", "--out", str(out), "--db", db]) == 2
    assert capsys.readouterr().err == (f"persona export: {out} already exists; add --force to overwrite, "
                                       "or choose another --out\n")
    assert out.read_text(encoding="utf-8") == "user_id\nsent-to-the-vendor\n"
    assert main(["export", "价格敏感的户外爱好者", "--out", str(out), "--force", "--db", db]) == 0
    assert "wrote 10 users" in capsys.readouterr().out
    assert len(out.read_text(encoding="utf-8").splitlines()) == 11


def _commands_with_db() -> dict[str, bool]:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    return {name: any("--db" in action.option_strings for action in parser._actions)
            for name, parser in subparsers.choices.items()}


def test_the_readme_says_which_commands_take_db():
    """README: not "every command takes --db": analyze and generate use no database."""
    without = sorted(name for name, has_db in _commands_with_db().items() if not has_db)
    assert without == ["analyze", "generate"]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Every command takes `--db" not in readme
    assert ("Every command that uses a database (all but `persona analyze` and `persona generate`) takes "
            "`--db PATH`") in readme


def test_build_since_is_said_to_mean_ingested_since(capsys):
    help_text = " ".join(build_parser()._subparsers._group_actions[0].choices["build"].format_help().split())
    assert "users whose data was ingested (added or changed by `persona ingest`) at or after time T" in help_text
    for page in ("README.md", "docs/profiles.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("persona build --since"))
        assert re.search(r"ingested .*at or after", line), (page, line)
    assert "not the dates in the data" in (ROOT / "docs/profiles.md").read_text(encoding="utf-8")
