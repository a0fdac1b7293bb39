"""Writing output files safely: all-or-nothing, never over a user's file without force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from planner.errors import OutputExistsError, UsageError


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    An interrupted write leaves the previous file (or no file) behind, never half a file.
    """
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; use --force to replace it")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
        try:
            write_atomic(path, data, force=True)
        except PermissionError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}") from None
