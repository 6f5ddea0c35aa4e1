import os

import pytest

from okrgen.errors import OkrgenError
from okrgen.plan.atomic import write_atomic


def test_writes_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "sub" / "plan.yaml"
    write_atomic(target, "a: 1\n")
    assert target.read_text(encoding="utf-8") == "a: 1\n"
    assert os.listdir(target.parent) == ["plan.yaml"]


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OkrgenError, match="file exists"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "mine"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OkrgenError, match="No space left"):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["plan.yaml"]


def test_parent_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(OkrgenError, match="is a file"):
        write_atomic(tmp_path / "f" / "plan.yaml", "x")
