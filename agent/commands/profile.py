"""`persona profile ID [--json] [--lang zh|en]`: one user's profile card, or its JSON for scripts.

The card speaks the reader's language (--lang, else the locale's when it is Chinese or English),
whatever language the user writes in; without either it is the database's (most of its texts' language),
so one Chinese text does not switch an English shop's card to Chinese.

Exit 0 with the card, 1 when the user is unknown or has no profile yet (the message says what
to run; with --json stdout then holds ``{"error": …}``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(args) -> int:
    from agent.commands import locale_language
    from tools.profile.store import load_profile

    lang = args.lang or locale_language()
    if not Path(args.db).exists():
        return _failed(args, f"{args.db}: no such database; create one with `persona ingest FILE --db {args.db}`")
    profile = load_profile(args.db, args.user_id, lang=lang)
    if profile is None:
        return _failed(args, f"no user {args.user_id!r} in {args.db} (try `persona sql \"SELECT user_id FROM users "
                             f"LIMIT 5\"`)")
    if profile["profile"] is None:
        return _failed(args, f"user {profile['user_id']} has no profile yet; run `persona build --user "
                             f"{profile['user_id']}`")
    if args.json:
        print(json.dumps(profile, ensure_ascii=False))
        return 0
    from rich.console import Console

    from agent.render_profile import ProfileCard

    Console().print(ProfileCard(profile, lang=lang))
    return 0


def _failed(args, reason: str) -> int:
    """Exit 1 with ``reason`` on stderr; with --json, stdout holds ``{"error": reason}`` so a script
    reading stdout gets JSON either way."""
    if args.json:
        print(json.dumps({"error": reason}, ensure_ascii=False))
    print(f"persona profile: {reason}", file=sys.stderr)
    return 1
