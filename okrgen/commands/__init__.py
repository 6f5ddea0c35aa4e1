"""Subcommands: each `<name>_cmd.py` module has `register(subparsers)` and is found automatically."""
