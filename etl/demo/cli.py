"""`python -m etl demo`: write the synthetic demo files in the official formats."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.demo.generate import generate
from etl.home import ENV_KREIS, checked, home_kreis


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=Path("data/demo"), help="target folder (default data/demo)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed; same seed = same bytes")
    parser.add_argument(
        "--scale",
        choices=("lippe", "germany"),
        default="lippe",
        help="lippe: the Land of the home Kreis at Kreis depth and the home Kreis with its Gemeinden "
        "(default; the name is historic); germany: all Kreise + Gemeinden (benchmark)",
    )
    parser.add_argument(
        "--kreis",
        help=f"home Kreis (5-digit AGS); default: {ENV_KREIS} or catalogue/home.toml",
    )


def main(args: argparse.Namespace) -> int:
    kreis = checked(args.kreis, "--kreis") if args.kreis else home_kreis()
    generate(args.out, seed=args.seed, scale=args.scale, log=lambda line: print(line, flush=True),
             kreis=kreis)
    return 0
