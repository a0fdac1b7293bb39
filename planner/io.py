"""Writing output files safely: all-or-nothing, never over a user's file without force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from planner.errors import OutputExistsError, UsageError, WriteError


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    An interrupted write leaves the previous file (or no file) behind, never half a file.
    """
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; use --force to replace it")
    if path.is_symlink():
        # Replace the file the link points to, not the link itself.
        path = path.resolve()
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a regular file (for standard output use -o -)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the mode a normal new file would get.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_outputs(files: Mapping[Path, bytes], force: bool = False) -> None:
    """Write every file or none: existing files are refused before anything is written."""
    taken = [p for p in files if p.exists()]
    if taken and not force:
        names = ", ".join(str(p) for p in taken)
        raise OutputExistsError(
            f"{names} already exist{'s' if len(taken) == 1 else ''}; use --force to replace"
        )
    for path in files:
        if not path.parent.is_dir():
            raise UsageError(f"output folder {path.parent} does not exist")
        if path.is_dir():
            raise UsageError(f"{path} is a folder")
    for path, data in files.items():
        write_atomic(path, data, force=True)
