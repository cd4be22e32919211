"""Command line: python -m etl {parse,demo,build,...}.

Each sub-command lives in its own module, which provides ``configure(parser)`` and ``main(args) -> int``.
"""

import argparse
import importlib
import sys

COMMANDS = {
    "parse": ("etl.parse.cli", "Print the tidy long table of an official statistics file."),
    "demo": ("etl.demo.cli", "Write the synthetic demo files in the official formats."),
    "build": ("etl.build", "Build a new warehouse version from raw files and switch to it."),
    "fetch": ("etl.fetch.cli", "Download official tables via the GENESIS web service into data/raw."),
    "boundaries": ("etl.boundaries", "Prepare BKG boundaries (VG250/VG5000) for the maps."),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    argv = sys.argv[1:] if argv is None else argv
    # Import only the chosen command's module (the others pull in heavy libraries); all of them for --help.
    chosen = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name in chosen:
            importlib.import_module(module_name).configure(command_parser)
    args = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    return module.main(args)


if __name__ == "__main__":
    sys.exit(main())
