"""External programs the tests drive for real (LibreOffice, pdfinfo, node).

Locally a missing program skips its tests; in CI (CI=true) it fails them,
because CI installs every one of them.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}, but CI must have it (see .ci/run)")
        pytest.skip(message)
    return path
