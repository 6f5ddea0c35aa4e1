"""Pieces several commands share: the catalog search path, config, output files."""

from __future__ import annotations

import argparse
import json
import os
import sys

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS as LANG_CHOICES  # noqa: E402 - the one list of languages


def add_catalog_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalog",
        action="append",
        default=[],
        metavar="DIR",
        help="extra folder of templates (repeatable); also OKRGEN_CATALOG=dir1:dir2 and `catalog` in okrgen.toml",
    )
    parser.add_argument("--config", metavar="FILE", help="okrgen.toml or pyproject.toml to use instead of the one found")


def load_config(args: argparse.Namespace):
    from okrgen.cli.config import discover

    return discover(getattr(args, "config", None))


def catalog_from_args(args: argparse.Namespace):
    from okrgen.catalog.index import Catalog

    config = load_config(args)
    return Catalog(extra=args.catalog, config_dirs=[str(p) for p in (config.catalog or [])])


def default_lang() -> str:
    """OKRGEN_LANG, else the user's locale if it is one we speak, else English."""
    for var in ("OKRGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value[:2].lower()
        if var == "OKRGEN_LANG" and value:
            if code not in LANG_CHOICES:
                raise OkrgenError(f"OKRGEN_LANG={value!r} is not a supported language", hint="Use en, ru or zh.")
            return code
        if code in LANG_CHOICES and var != "OKRGEN_LANG":
            return code
    return "en"


def emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_json(data) -> None:
    emit(json.dumps(data, ensure_ascii=False, indent=2))
