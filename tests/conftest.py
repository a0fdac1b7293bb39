from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.core.recipe import Library

from .clock import PINNED_NOW

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs on the same day (tests/clock.py), never on the real one."""
    monkeypatch.setenv("REMEDY_PLANNER_NOW", PINNED_NOW)
    return PINNED_NOW


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current code (review the diff before committing)",
    )


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Result]:
    """Run the CLI with empty config, cache and data folders, so the user's own recipes
    and history never leak in."""
    from planner.cli import main

    config = tmp_path / "xdg-config"
    config.mkdir()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        full_env = {
            "XDG_CONFIG_HOME": str(config),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            # 'done' writes, and the plan commands read, the history in the data folder.
            "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
            **(env or {}),
        }
        return runner.invoke(main, list(args), env=full_env, catch_exceptions=False)

    run.config_dir = config  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="session")
def library() -> Library:
    """The built-in recipe library, loaded once for the whole run."""
    from .libraries import builtin

    return builtin()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes the Radicale ``server`` fixture starts another program: slow."""
    for item in items:
        if "server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
