"""Writing a set of output files all-or-nothing, inside their folder, never through a link.

A plan's files (json, shopping list, workbook, calendar) belong together, so they
are written as one set:

1. The folder is locked, so two runs into one folder take turns: the second sees
   the first one's files and refuses them without ``force``.
2. Every file is written and flushed to a temporary name in the target folder.
   A full disk, a file-size limit or a read-only file fails here, and then every
   temporary file is removed and the previous files are exactly as they were.
3. Only then is each temporary file renamed onto its target. A rename replaces
   the directory entry itself, so a symbolic link planted at a target is
   replaced, never followed (and without ``force`` it is refused).

Temporary files carry the suffix ``.remedy-planner-tmp``; ones left by a run that
was killed are removed by the next run in that folder, under the lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from planner.errors import OutputExistsError, UsageError, WriteError

TMP_SUFFIX = ".remedy-planner-tmp"
LOCK_NAME = ".remedy-planner.lock"


def _state(path: Path) -> str:
    """ "absent", "file" or "link"; raises for a folder or a special file at ``path``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path} is not a regular file")
    return "file"


def _refuse_existing(states: Mapping[Path, str]) -> None:
    links = [str(p) for p, state in states.items() if state == "link"]
    files = [str(p) for p, state in states.items() if state == "file"]
    if links:
        raise OutputExistsError(
            f"{', '.join(links)} {'is a link' if len(links) == 1 else 'are links'}, and "
            "output is never written through a link; remove it or write somewhere else",
            links=True,
            count=len(links),
        )
    if files:
        raise OutputExistsError(
            f"{', '.join(files)} already exist{'s' if len(files) == 1 else ''}", count=len(files)
        )


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder, held while the block runs.

    The folder itself is locked (flock on its descriptor), so nothing is left
    behind in it; where a file system cannot lock a folder (some network file
    systems), a hidden lock file in it is used instead. Windows has no ``fcntl``
    and cannot open a folder: there the hidden lock file is locked with ``msvcrt``.
    """
    try:
        import fcntl
    except ImportError:
        with _windows_lock(folder):
            yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            fd = _lock_file(folder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _windows_lock(folder: Path) -> Iterator[None]:
    """The lock file's first byte locked with msvcrt, waiting as long as another run
    holds it (msvcrt's own blocking mode gives up after ten seconds)."""
    import msvcrt
    import time

    fd = _lock_file(folder)
    try:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                break
            except OSError:
                time.sleep(0.05)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        os.close(fd)


def _lock_file(folder: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    lock = folder / LOCK_NAME
    try:
        fd = os.open(lock, flags, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UsageError(f"{lock} is not a regular file")
    return fd


def _remove_stale(folder: Path) -> None:
    """Temporary files of ours from a run that was killed (we hold the lock: none is live)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                        os.unlink(entry.path)


def _new_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(target: Path, data: bytes, mode: int) -> Path:
    tmp = target.parent / f".{target.name}.{os.urandom(4).hex()}{TMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders created, outermost first."""
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    return missing


def remove_folders(created: list[Path]) -> None:
    """Take back folders that ``make_folder`` created, where they are still empty."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir()


def write_files(files: Mapping[Path, bytes], force: bool = False) -> None:
    """Write every file or none, each in its folder; raise before anything changes.

    Raises OutputExistsError when a target exists (or is a link) and ``force`` is
    not given, UsageError when a target is a folder or special file or its folder
    is missing, WriteError when the disk refuses (the old files then stay as they were).
    """
    folder = _folder_of(files)
    with folder_lock(folder):
        write_locked(files, force=force)


def _folder_of(files: Mapping[Path, bytes]) -> Path:
    folders = {path.parent for path in files}
    if len(folders) != 1:
        raise UsageError("a set of output files must share one folder")
    folder = next(iter(folders))
    if not folder.is_dir():
        raise UsageError(f"output folder {folder} does not exist")
    return folder


def write_locked(files: Mapping[Path, bytes], force: bool = False) -> None:
    """``write_files`` for a caller that already holds ``folder_lock`` on their folder.

    A caller that reads a file and writes it back (the history) holds the lock
    around both, so that no other run writes in between; taking the lock again
    here would wait for itself.
    """
    folder = _folder_of(files)
    _remove_stale(folder)
    states = {path: _state(path) for path in files}
    if not force:
        _refuse_existing(states)
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            mode = _new_mode()
            with contextlib.suppress(OSError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode):
                    mode = info.st_mode & 0o777
            try:
                written[path] = _write_temp(path, data, mode)
            except OSError as exc:
                raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        _rename_all(written)
    finally:
        for tmp in written.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _sync_folder(folder)


def _rename_all(written: dict[Path, Path]) -> None:
    """Rename every temporary file onto its target; on a failure, put the old files back."""
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for path in written:
            # A hard link keeps the old file reachable until the whole set is in place.
            backup = path.parent / f".{path.name}.{os.urandom(4).hex()}.old{TMP_SUFFIX}"
            with contextlib.suppress(OSError):
                os.link(path, backup, follow_symlinks=False)  # a link is kept as a link
                backups[path] = backup
        for path, tmp in written.items():
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
            done.append(path)
    except BaseException:
        for path in done:
            with contextlib.suppress(OSError):
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    os.unlink(path)
        raise
    finally:
        for backup in backups.values():
            with contextlib.suppress(OSError):
                os.unlink(backup)


def check_targets(paths: list[Path], force: bool = False) -> None:
    """Raise now what ``write_files`` would raise for these targets as they stand."""
    states = {path: _state(path) for path in paths}
    if not force:
        _refuse_existing(states)


def write_file(path: Path, data: bytes, force: bool = False) -> None:
    """One file, written the same careful way as a set."""
    write_files({path: data}, force=force)
