"""`python -m etl demo`: write the synthetic demo files in the official formats."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.demo.generate import generate


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=Path("data/demo"), help="target folder (default data/demo)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed; same seed = same bytes")
    parser.add_argument(
        "--scale",
        choices=("lippe", "germany"),
        default="lippe",
        help="lippe: NRW + Lippe (default); germany: all Kreise + synthetic Gemeinden (benchmark)",
    )


def main(args: argparse.Namespace) -> int:
    generate(args.out, seed=args.seed, scale=args.scale, log=lambda line: print(line, flush=True))
    return 0
