from okrgen.console import format_error
from okrgen.errors import OkrgenError
from okrgen.finding import Finding


def test_located_error_has_file_line_col_pointer_and_fix():
    err = OkrgenError("bad", [Finding("SCHEMA", "error", "unknown key 'x'", "Remove it.", "p.yaml", 3, 5, "/objectives/0/x")])
    assert format_error(err) == "p.yaml:3:5: error: unknown key 'x'\n  at /objectives/0/x\n  fix: Remove it.\n"


def test_plain_error_with_hint():
    assert format_error(OkrgenError("no such file", hint="Check the path.")) == "okrgen: error: no such file\n  hint: Check the path.\n"
