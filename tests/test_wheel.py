"""The built wheel carries the recipe library and the PDF fonts, and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_lists_recipes_from_an_unrelated_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("remedy_planner-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    out = subprocess.run(
        [str(bindir / "remedy-planner"), "recipes", "list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "soda-mask" in out.stdout
    assert "salon-ultrasonic-cleansing" in out.stdout
    shown = subprocess.run(
        [str(bindir / "remedy-planner"), "recipes", "show", "calendula-wipe"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Calendula" in shown.stdout
    # The PDF's fonts and their licence are in the wheel, and a plan writes its PDF.
    import zipfile

    names = set(zipfile.ZipFile(wheels[0]).namelist())
    assert {"planner/fonts/DejaVuSans.ttf", "planner/fonts/DejaVuSans-Bold.ttf",
            "planner/fonts/LICENSE"} <= names  # fmt: skip
    subprocess.run(
        [str(bindir / "remedy-planner"), "plan", "--start", "2026-11-30", "--tz", "UTC",
         "--out", "out", "-q"],
        cwd=elsewhere, env={**env, "REMEDY_PLANNER_NOW": "2026-11-27T12:00:00+00:00"},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert (elsewhere / "out" / "back-care.pdf").read_bytes().startswith(b"%PDF-")
