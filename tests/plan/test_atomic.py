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


def test_a_new_file_is_created_exclusively(tmp_path, monkeypatch):
    """Another process creates the target between the early check and the write: it is kept."""
    import okrgen.plan.atomic as atomic

    target = tmp_path / "plan.yaml"
    monkeypatch.setattr(atomic, "check_writable", lambda path, force: target.write_text("theirs", encoding="utf-8"))
    with pytest.raises(OkrgenError, match="another process created it"):
        write_atomic(target, "ours")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


def test_expect_refuses_a_file_that_changed_since_it_was_read(tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_text("edited by someone else", encoding="utf-8")
    with pytest.raises(OkrgenError, match="changed while okrgen was working"):
        write_atomic(target, "ours", force=True, expect="what we read")
    assert target.read_text(encoding="utf-8") == "edited by someone else"


def test_replacing_keeps_the_mode_and_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o600


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OkrgenError, match="nobody is reading"):
        write_atomic(fifo, "data", force=True)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    import time

    for _ in range(200):  # wait (without a time budget) until the reader has the pipe open
        try:
            write_atomic(fifo, "data", force=True)
            break
        except OkrgenError:
            time.sleep(0.01)
    reader.join()
    assert got == [b"data"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_other_special_files_are_refused(tmp_path):
    import socket
    import stat

    sock_path = tmp_path / "s"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        with pytest.raises(OkrgenError, match="not a regular file"):
            write_atomic(sock_path, "x", force=True)
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    finally:
        sock.close()
