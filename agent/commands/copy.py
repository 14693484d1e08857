"""`persona copy SEGMENT --channel sms|push|email|social --tone T --language zh|en [--offer O] [--n N]`.

Writes campaign copy grounded in the segment's data, checks it against the channel's rules and saves
it (campaign_copy) so versions can be compared. Uses the configured model unless --offline; if the
model fails, the offline engine writes the copy and the reason is shown. Exit 0 on success, 2 when
the request cannot be done (unknown segment or tone, an offer too long for the channel), 1 on an
internal failure.
"""

from __future__ import annotations

import json
import sys


def run(args) -> int:
    from tools.copywriter import CopyError, write_marketing_copy
    from tools.copywriter.writer import MAX_VARIANTS
    from tools.segments import SegmentError

    if not 1 <= args.n <= MAX_VARIANTS:
        print(f"persona copy: --n must be between 1 and {MAX_VARIANTS}, got {args.n}", file=sys.stderr)
        return 2
    model = None
    if not args.offline:
        from tools.llm import chat_model_from_env

        model = chat_model_from_env()
    try:
        result = write_marketing_copy(args.db, segment=args.segment, channel=args.channel, tone=args.tone,
                                      language=args.language, offer=args.offer, n=args.n, model=model)
    except (CopyError, SegmentError) as exc:
        print(f"persona copy: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    from rich.console import Console

    from agent.render_segments import CopyView

    Console().print(CopyView(result))
    return 0
