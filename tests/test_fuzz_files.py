"""Hundreds of generated broken recipe files: each must end in a clean error, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.errors import DataError
from planner.load.recipe import load_recipe_file

VALID: dict[str, Any] = {
    "name": "Mask",
    "kind": "mask",
    "summary": "A mask.",
    "minutes": 20,
    "steps": ["Mix.", "Apply."],
    "ingredients": [{"item": "baking soda", "amount": "1 tbsp", "section": "grocery"}],
    "limits": {"max_per_week": {"value": 2, "source": "twice"}, "not_same_day_as": ["soda-mask"]},
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["1 tbsp", "-2 g", "0 ml", "a pinch", "9e99 g", "mask", "", "evening", "25:00"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=10,
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # inf/nan and 2**70 are deliberate syntax or range errors
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        items = ", ".join(
            f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}"
            for k, v in value.items()
            if v is not None
        )
        return "{" + items + "}"
    return '""'


def _to_toml(data: dict[str, Any]) -> str:
    return "".join(
        f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}\n"
        for k, v in data.items()
        if v is not None
    )


@st.composite
def broken_recipes(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=300))
    if choice == 1:
        return draw(st.text(max_size=300)).encode("utf-8", "surrogatepass")
    data = dict(VALID)
    for key in draw(st.lists(st.sampled_from(sorted(VALID)), max_size=3)):
        data.pop(key, None)
    for key in draw(st.lists(st.sampled_from([*VALID, "extra", "nämé", "limits"]), max_size=3)):
        data[key] = draw(values)
    if choice == 3:
        limits = dict(VALID["limits"])
        key = draw(
            st.sampled_from(
                [
                    "max_per_week",
                    "per_day",
                    "times",
                    "min_days_between",
                    "time_of_day",
                    "around_event",
                    "bogus",
                ]
            )
        )
        limits[key] = draw(values)
        data["limits"] = limits
    return _to_toml(data).encode("utf-8", "surrogatepass")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=broken_recipes())
def test_generated_files_load_or_fail_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "generated.toml"
    path.write_bytes(content)
    try:
        load_recipe_file(path)
    except DataError as exc:
        assert exc.problems
        for line in exc.problems:
            assert line.startswith(str(path)), line
            assert "\n" not in line


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=broken_recipes())
def test_validate_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "generated.toml"
    path.write_bytes(content)
    # A crash propagates (catch_exceptions=False) and fails the test; a known failure is
    # one error line per problem, each naming the file.
    result = CliRunner().invoke(
        main, ["validate", str(path)], env={"XDG_CONFIG_HOME": str(tmp_path)},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith(f"error: {path}") for line in lines), lines
