"""`persona segments [list|show NAME|discover|refresh|delete NAME]`.

list      saved, rule and discovered segments with their sizes as a bar chart
show      one segment's profile: interests, praise and complaints, consumption and lifecycle mix, quotes
discover  cluster every built user (--method kmeans|dbscan|hdbscan, --k, --seed); replaces earlier clusters
refresh   re-run every saved segment's statement (`persona build` does this by itself)
delete    remove a segment (its campaign copy is kept); a built-in rule segment only with --force

Exit 0 on success, 2 when the request cannot be done (unknown segment, nothing to cluster), 1 on an
internal failure.
"""

from __future__ import annotations

import json
import sys


def run(args) -> int:
    from tools.clustering import ClusteringError
    from tools.segments import SegmentError

    action = {"list": _list, "show": _show, "discover": _discover, "refresh": _refresh, "delete": _delete}
    try:
        return action[args.action](args)
    except (SegmentError, ClusteringError) as exc:
        print(f"persona segments {args.action}: {exc}", file=sys.stderr)
        return 2


def _console():
    from rich.console import Console

    return Console()


def _list(args) -> int:
    from tools.segments import list_segments

    segments = list_segments(args.db)
    if args.json:
        print(json.dumps(segments, ensure_ascii=False))
        return 0
    from agent.render_segments import SegmentList

    _console().print(SegmentList(segments))
    return 0


def _show(args) -> int:
    from tools.segments import SegmentError, segment_profile

    if not args.name:
        raise SegmentError("which segment? e.g. `persona segments show 价格敏感的户外爱好者` (or its id)")
    profile = segment_profile(args.db, args.name)
    if args.json:
        print(json.dumps(profile, ensure_ascii=False))
        return 0
    from agent.render_segments import SegmentProfileView

    _console().print(SegmentProfileView(profile))
    return 0


def _discover(args) -> int:
    from tools.clustering import discover_segments

    result = discover_segments(args.db, method=args.method, k=args.k, seed=args.seed)
    if args.json:
        print(json.dumps({
            "method": result.method, "k": result.k, "seed": result.seed, "silhouette": result.silhouette,
            "noise": result.noise, "users": result.n_users,
            "segments": [{"segment_id": c.segment_id, "name": c.name, "name_zh": c.name_zh, "name_en": c.name_en,
                          "size": len(c.user_ids), "description_zh": c.description_zh,
                          "description_en": c.description_en} for c in result.clusters],
        }, ensure_ascii=False))
        return 0
    from rich.text import Text

    from agent.render_segments import SegmentList
    from tools.segments import list_segments

    console = _console()
    silhouette = f", silhouette {result.silhouette:.3f}" if result.silhouette is not None else ""
    noise = f", {result.noise:,} users in no cluster" if result.noise else ""
    console.print(Text(f"{result.method}: {result.k} segments from {result.n_users:,} users{silhouette}{noise}",
                       style="bold"))
    console.print(SegmentList([s for s in list_segments(args.db) if s["kind"] == "discovered"]))
    for cluster in result.clusters:
        console.print(Text(f"{cluster.segment_id.split('-')[0]} {cluster.name}: ", style="bold"), end="")
        console.print(Text(cluster.description_zh, style="dim"))
    return 0


def _refresh(args) -> int:
    from tools.segments import refresh_saved_segments

    sizes = refresh_saved_segments(args.db)
    if args.json:
        print(json.dumps(sizes, ensure_ascii=False))
    elif not sizes:
        print("no saved segments to refresh")
    else:
        for name, size in sizes.items():
            print(f"{name}: {size:,} user{'' if size == 1 else 's'}")
    return 0


def _delete(args) -> int:
    from tools.segments import SegmentError, delete_segment

    if not args.name:
        raise SegmentError("which segment? e.g. `persona segments delete 价格敏感的户外爱好者`")
    deleted = delete_segment(args.db, args.name, force=args.force)
    if args.json:
        print(json.dumps(deleted, ensure_ascii=False))
    elif deleted["kind"] == "rule":
        print(f"deleted rule segment {deleted['segment_id']!r} ({deleted['name_zh'] or deleted['name']}); the next "
              "`persona build` creates it again and fills it as it rebuilds profiles (`--all` for everyone)")
    else:
        print(f"deleted segment {deleted['name']!r}")
    return 0
