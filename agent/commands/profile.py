"""`persona profile ID [--json]`: one user's profile card, or its JSON for scripts.

Exit 0 with the card, 1 when the user is unknown or has no profile yet (the message says what
to run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(args) -> int:
    from tools.profile.store import load_profile

    if not Path(args.db).exists():
        print(f"persona profile: {args.db}: no such database; create one with `persona ingest FILE --db {args.db}`",
              file=sys.stderr)
        return 1
    profile = load_profile(args.db, args.user_id)
    if profile is None:
        print(f"persona profile: no user {args.user_id!r} in {args.db} (try `persona sql \"SELECT user_id FROM users "
              f"LIMIT 5\"`)", file=sys.stderr)
        return 1
    if profile["profile"] is None:
        print(f"persona profile: user {profile['user_id']} has no profile yet; run `persona build --user "
              f"{profile['user_id']}`", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(profile, ensure_ascii=False))
        return 0
    from rich.console import Console

    from agent.render_profile import ProfileCard

    Console().print(ProfileCard(profile))
    return 0
