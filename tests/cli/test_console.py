from okrgen.cli.console import format_error
from okrgen.errors import OkrgenError
from okrgen.finding import Finding


def test_located_error_has_file_line_col_pointer_and_fix():
    err = OkrgenError("bad", [Finding("SCHEMA", "error", "unknown key 'x'", "Remove it.", "p.yaml", 3, 5, "/objectives/0/x")])
    assert format_error(err) == "p.yaml:3:5: error: unknown key 'x'\n  at /objectives/0/x\n  fix: Remove it.\n"


def test_plain_error_with_hint():
    assert format_error(OkrgenError("no such file", hint="Check the path.")) == "okrgen: error: no such file\n  hint: Check the path.\n"


def test_a_hint_that_repeats_the_fix_is_printed_once():
    f = Finding("CONFIG-KEY", "error", "unknown key 'x'", "Allowed keys: a, b.", "okrgen.toml", 2, 1)
    text = format_error(OkrgenError("unknown key 'x' in okrgen.toml", [f], hint="Allowed keys: a, b."))
    assert text.count("Allowed keys: a, b.") == 1 and "fix: Allowed keys" in text
    other = format_error(OkrgenError("m", [f], hint="Run okrgen rules."))
    assert "hint: Run okrgen rules." in other
