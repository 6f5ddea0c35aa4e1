"""The Jinja environment output templates run in.

Sandboxed because users may override templates; StrictUndefined so a typo in a template fails a
test instead of printing an empty cell; compiled templates cached on disk to save start-up time.
"""

from __future__ import annotations

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from okrgen.resources import bytecode_cache, folder


def output_environment(fmt: str, *, autoescape: bool, filters: dict) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder("templates") / fmt)),
        undefined=StrictUndefined,
        bytecode_cache=bytecode_cache(),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env
