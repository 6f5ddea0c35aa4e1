"""SMART findings for a loaded plan, located at its lines: shared by `new`, `render` and `lint`.

The lint core works on plain data and answers with JSON pointers; this step applies the plan's
`# okrgen: ignore[...]` comments and turns pointers into `file:line:col`.
"""

from __future__ import annotations

from okrgen.finding import Finding


def lint_loaded(loaded, config=None) -> list[Finding]:
    """Findings for a schema-valid plan (okrgen.yamlload.Loaded); [] if the linter is absent."""
    try:
        from okrgen.lint import lint_plan
    except ImportError:
        return []
    from okrgen.commands.lint_cmd import _ignored, locate, yaml_ignores

    ignores = yaml_ignores(loaded)
    for ptr, codes in ignores.items():
        _, _, i, _, j = ptr.split("/")
        kr = loaded.data["objectives"][int(i)]["key_results"][int(j)]
        kr["ignore"] = sorted(set(kr.get("ignore") or []) | (codes - {"*"}))
    findings = locate(lint_plan(loaded.data, config=config), loaded.file, loaded.positions, loaded.position)
    for ptr in ignores:
        _, _, i, _, j = ptr.split("/")
        loaded.data["objectives"][int(i)]["key_results"][int(j)].pop("ignore", None)
    return [f for f in findings if not _ignored(f, ignores)]
