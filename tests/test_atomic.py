"""Output files stay inside their folder and a plan's files are written all or nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.disk.atomic import TMP_SUFFIX, write_files
from planner.errors import OutputExistsError, UsageError, WriteError

PLAN = ["plan", "--start", "2026-11-30", "--tz", "UTC"]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_dangling_link_at_an_output_path_is_refused(cli, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "back-care.json").symlink_to("../elsewhere/planted.json")
    result = cli(*PLAN, "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out / 'back-care.json'} is a link, and output is never written through a "
        "link; remove it or write somewhere else, or use --force to replace the link itself\n"
    )
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["back-care.json"]


def test_force_replaces_the_link_and_never_its_target(cli, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("PRECIOUS")
    (out / "back-care.json").symlink_to("../elsewhere/victim.txt")
    (out / "back-care.ics").symlink_to("../elsewhere/planted.ics")
    result = cli(*PLAN, "--out", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    assert victim.read_text() == "PRECIOUS"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim.txt"]
    for name in ("back-care.json", "back-care.ics"):
        assert not (out / name).is_symlink() and (out / name).stat().st_size > 1000


def test_shopping_output_never_follows_a_link(cli, tmp_path: Path) -> None:
    link = tmp_path / "list.md"
    link.symlink_to(tmp_path / "planted.md")
    refused = cli("shopping", "--start", "2026-11-30", "--format", "md", "-o", str(link))
    assert refused.exit_code == 1 and "is a link" in refused.stderr
    assert not (tmp_path / "planted.md").exists()
    forced = cli("shopping", "--start", "2026-11-30", "--format", "md", "-o", str(link), "--force")
    assert forced.exit_code == 0
    assert not link.is_symlink() and not (tmp_path / "planted.md").exists()


def test_special_files_at_an_output_path_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="is not a regular file"):
        write_files({fifo: b"x"}, force=True)
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        write_files({tmp_path / "dir.json": b"x"}, force=True)


def test_a_failed_rename_puts_the_old_set_back(tmp_path: Path, monkeypatch) -> None:
    names = ["a.json", "b.md", "c.xlsx"]
    for name in names:
        (tmp_path / name).write_text(f"old {name}")
    before = digests(tmp_path)
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(WriteError, match=r"cannot write .*c\.xlsx: Input/output error"):
        write_files({tmp_path / n: b"new" for n in names}, force=True)
    assert digests(tmp_path) == before


def test_stale_temporary_files_are_removed_by_the_next_run(tmp_path: Path) -> None:
    stale = tmp_path / f".back-care.ics.1a2b3c4d{TMP_SUFFIX}"
    stale.write_bytes(b"x" * 1000)
    mine = tmp_path / ".notes.tmp"  # not ours: stays
    mine.write_text("keep")
    write_files({tmp_path / "back-care.json": b"{}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.tmp", "back-care.json"]


def test_existing_files_are_listed_together(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("1")
    (tmp_path / "b").write_text("2")
    with pytest.raises(OutputExistsError, match=r"a, .*b already exist$"):
        write_files({tmp_path / "a": b"", tmp_path / "b": b"", tmp_path / "c": b""})
    assert not (tmp_path / "c").exists()


LIMITED = """
import resource, sys
from planner.cli import main
resource.setrlimit(resource.RLIMIT_FSIZE, (12 * 1024, 12 * 1024))
sys.argv = ["remedy-planner", *sys.argv[1:]]
main()
"""


def _run_limited(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, *args], capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip


@pytest.mark.slow
def test_a_file_size_limit_leaves_exactly_the_previous_set(tmp_path: Path) -> None:
    """EFBIG on the largest files (the PDF, the calendar) must not leave a mixed or partial
    set."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "c"), "REMEDY_PLANNER_NO_CACHE": "1"}
    empty = tmp_path / "empty"
    empty.mkdir()
    first = _run_limited([*PLAN, "--out", str(empty)], env)
    assert first.returncode == 1
    assert first.stderr.startswith("error: cannot write ") and "File too large" in first.stderr
    assert len(first.stderr.splitlines()) == 1  # no traceback
    assert list(empty.iterdir()) == []

    old = tmp_path / "old"
    old.mkdir()
    done = subprocess.run([sys.executable, "-m", "planner", *PLAN, "--weeks", "1", "--out",
                           str(old)], capture_output=True, text=True, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    before = digests(old)
    assert len(before) == 5  # json, shopping list, workbook, PDF, calendar
    again = _run_limited([*PLAN, "--out", str(old), "--force"], env)
    assert again.returncode == 1 and len(again.stderr.splitlines()) == 1
    assert digests(old) == before


@pytest.mark.slow
def test_two_plans_into_one_folder_at_once_never_mix(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "c"), "REMEDY_PLANNER_NO_CACHE": "1"}
    for trial in range(4):
        out = tmp_path / f"o{trial}"
        out.mkdir()
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "planner",
                    "plan",
                    "--start",
                    start,
                    "--tz",
                    "UTC",
                    "--out",
                    str(out),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for start in ("2026-11-30", "2026-12-07")
        ]
        codes = sorted(run.wait(timeout=120) for run in runs)
        errors = [run.stderr.read() if run.stderr else "" for run in runs]
        assert codes == [0, 1], errors
        assert any("already exist" in e for e in errors)
        # The files that stand are one run's set: json, calendar and workbook agree.
        import openpyxl

        start = json.loads((out / "back-care.json").read_text())["start"]
        ics = (out / "back-care.ics").read_text()
        first = min(re.findall(r"DTSTART:(20\d{6})T\d{6}Z", ics))
        assert first == start.replace("-", "")
        about = dict(openpyxl.load_workbook(out / "back-care.xlsx")["About"].values)
        assert about["First day"].date().isoformat() == start


def test_a_second_writer_waits_and_then_sees_the_first_ones_files(tmp_path, monkeypatch) -> None:
    """The first writer is slowed down inside its write; without the folder lock the
    second would check an empty folder and both would write."""
    import threading
    import time

    import planner.disk.atomic as atomic

    real = atomic._write_temp
    inside = threading.Event()

    def slow(target, data, mode):
        if data == b"first":
            inside.set()
            time.sleep(0.5)
        return real(target, data, mode)

    monkeypatch.setattr(atomic, "_write_temp", slow)
    files = [tmp_path / "p.json", tmp_path / "p.ics"]
    outcome: dict[str, object] = {}

    def first() -> None:
        write_files(dict.fromkeys(files, b"first"))
        outcome["first"] = "ok"

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(5)
    with pytest.raises(OutputExistsError):
        write_files(dict.fromkeys(files, b"second"))
    thread.join()
    assert outcome == {"first": "ok"}
    assert [f.read_bytes() for f in files] == [b"first", b"first"]


class _FakeMsvcrt:
    """msvcrt's byte-range lock, played by flock (which, like it, makes two descriptors of
    one process wait for each other); it says which calls were made."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        import fcntl  # taken now: the test then hides it, as Windows has none

        self.fcntl = fcntl
        self.calls: list[int] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        fcntl = self.fcntl
        assert nbytes == 1
        self.calls.append(mode)
        if mode == self.LK_UNLCK:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError while another holds it


def test_on_windows_the_lock_file_is_locked_and_a_second_run_waits(tmp_path, monkeypatch) -> None:
    """Without fcntl (Windows), two runs into one folder still take turns."""
    import sys
    import threading

    from planner.disk.atomic import LOCK_NAME, folder_lock

    fake = _FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl now fails, as on Windows
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    order: list[str] = []
    first_in = threading.Event()

    def second() -> None:
        assert first_in.wait(10)
        with folder_lock(tmp_path):
            order.append("second in")

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    with folder_lock(tmp_path):
        first_in.set()
        time.sleep(0.3)  # the second run is waiting meanwhile
        order.append("first out")
    thread.join(10)
    assert order == ["first out", "second in"]
    assert (tmp_path / LOCK_NAME).is_file()
    assert fake.calls.count(fake.LK_UNLCK) == 2 and fake.calls.count(fake.LK_NBLCK) >= 3
