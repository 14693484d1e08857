"""`persona generate`: write a deterministic synthetic dataset and its ground truth (seeds/generate.py)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(args) -> int:
    from seeds.generate import generate, parse_now, truth_path

    folder = Path(args.out).parent
    if not folder.is_dir():
        print(f"persona generate: cannot write {args.out}: the folder {folder} does not exist", file=sys.stderr)
        return 2
    try:
        now = parse_now(args.now)
        existing = [str(path) for path in (Path(args.out), truth_path(args.out)) if path.exists()]
        if existing and not args.force:
            print(f"persona generate: {' and '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                  "add --force to overwrite, or choose another --out", file=sys.stderr)
            return 2
        summary = generate(args.users, args.out, seed=args.seed, now=now, dup_rate=args.dup_rate,
                           workers=args.workers)
    except ValueError as exc:
        print(f"persona generate: {exc}", file=sys.stderr)
        return 2
    rate = summary.users / max(summary.seconds, 1e-9)
    mix = ", ".join(f"{name} {count}" for name, count in summary.archetypes.items() if count)
    print(f"wrote {summary.users} users to {summary.out} in {summary.seconds:.1f}s ({rate:,.0f} users/s)")
    print(f"ground truth: {summary.truth}")
    print(f"archetypes: {mix}")
    return 0
