"""README's format tables are the schema the loaders use, and the schema says what the
loaders really do.

The tests of the second kind run the real loaders on small files written here: a key the
schema calls required is refused when it is missing, an optional one is not, every key it
lists is accepted and no other is. They never check the schema against itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.core.recipe import Library, Recipe
from planner.core.routine import Routine
from planner.errors import DataError
from planner.load import schema
from planner.load.diagnostics import Key as PathPart
from planner.load.diagnostics import key_path
from planner.load.recipe import load_recipe_file
from planner.load.routine import load_routine_file

README = Path(__file__).resolve().parent.parent / "README.md"
Place = tuple[PathPart, ...]

# ---- files with every key the schema lists ----

FULL_RECIPE: dict[str, Any] = {
    "id": "full-recipe",
    "name": "Full recipe",
    "kind": "mask",
    "summary": "A recipe that uses every key.",
    "area": "back",
    "effects": ["drying"],
    "prep_minutes": 5,
    "skin_minutes": 10,
    "minutes": 20,
    "steps": ["Mix.", "Spread.", "Rinse."],
    "aftercare": "Pat dry.",
    "contraindications": ["open-pimples"],
    "warnings": ["Not on broken skin."],
    "ingredients": [
        {
            "item": "baking soda",
            "amount": "1 tbsp",
            "type": "consumable",
            "section": "grocery",
            "note": "plain",
            "density": "0.9 g/ml",
        },
        {"item": "water", "amount": "50 ml", "type": "tap", "section": "grocery"},
    ],
    "limits": {
        "max_per_week": {"value": 2, "source": "Twice a week at most."},
        "min_days_between": {"value": 3, "default": "Keeps the sessions apart."},
        "per_day": 1,
        "times": ["20:00"],
        "time_of_day": "evening",
        "not_same_day_as": ["fruit-acid-peel"],
        "around_event": {
            "event": "hair-removal",
            "first_day": -14,
            "last_day": -1,
            "source": "Two weeks ahead.",
        },
    },
}
# The same with the other kind of provenance where a table can hold only one.
FULL_RECIPE_B = copy.deepcopy(FULL_RECIPE)
FULL_RECIPE_B["limits"]["around_event"] = {
    "event": "hair-removal",
    "first_day": -14,
    "last_day": -1,
    "default": "Our choice.",
}

FULL_ROUTINE: dict[str, Any] = {
    "id": "full-routine",
    "title": "Full routine",
    "summary": "A routine that uses every key.",
    "weeks": 4,
    "conditions": ["open-pimples"],
    "availability": {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "windows": ["07:00-08:30", "19:00-22:30"],
        "blackout": [dt.date(2026, 12, 24), "2026-12-31..2027-01-02"],
    },
    "remedies": [
        {
            "recipe": "soda-mask",
            "per_week": 2,
            "per_day": 1,
            "days": ["mon", "thu"],
            "times": ["20:00"],
        },
        {
            # Tied to an event (its recipe has around_event): no per_week, and per_day
            # is optional.
            "recipe": "anti-ingrown",
            "per_day": 1,
            "window": {"event": "hair-removal", "first_day": -10, "last_day": -1, "default": "x"},
        },
    ],
    "events": [
        {
            "event": "salon-cleansing",
            "title": "Salon",
            "day": 24,
            "time": "16:00",
            "minutes": 60,
            "recipe": "salon-ultrasonic-cleansing",
            "keep_clear": {
                "recipes": ["fruit-acid-peel"],
                "first_day": -2,
                "last_day": 2,
                "default": "x",
            },
        },
        {
            "event": "hair-removal",
            "date": dt.date(2026, 12, 14),
            "keep_clear": {"recipes": ["soda-mask"], "first_day": 0, "last_day": 1, "source": "x"},
        },
    ],
}

FULL_ROUTINE_B = copy.deepcopy(FULL_ROUTINE)
FULL_ROUTINE_B["remedies"][1]["window"] = {
    "event": "hair-removal",
    "first_day": -10,
    "last_day": -1,
    "source": "x",
}

FULL: dict[str, tuple[dict[str, Any], ...]] = {
    "recipe": (FULL_RECIPE, FULL_RECIPE_B),
    "routine": (FULL_ROUTINE, FULL_ROUTINE_B),
}
# Where each table of the schema stands in those files.
PLACES: dict[str, dict[str, tuple[Place, ...]]] = {
    "recipe": {
        "recipe": ((),),
        "ingredients": (("ingredients", 0), ("ingredients", 1)),
        "limits": (("limits",),),
        "limit": (("limits", "max_per_week"), ("limits", "min_days_between")),
        "around_event": (("limits", "around_event"),),
    },
    "routine": {
        "routine": ((),),
        "availability": (("availability",),),
        "remedies": (("remedies", 0), ("remedies", 1)),
        "window": (("remedies", 1, "window"),),
        "events": (("events", 0), ("events", 1)),
        "keep_clear": (("events", 0, "keep_clear"), ("events", 1, "keep_clear")),
    },
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of plain text is a TOML basic string
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def toml_text(data: dict[str, Any]) -> str:
    """``data`` as a file a person would write: [tables] and [[arrays]] after the top keys."""
    head: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables += ["", f"[{key}]", *(f"{k} = {_toml_value(v)}" for k, v in value.items())]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                tables += ["", f"[[{key}]]", *(f"{k} = {_toml_value(v)}" for k, v in item.items())]
        else:
            head.append(f"{key} = {_toml_value(value)}")
    return "\n".join(head + tables) + "\n"


def _at(data: dict[str, Any], place: Place) -> dict[str, Any]:
    node: Any = data
    for part in place:
        node = node[part]
    return node


def _load(kind: str, data: dict[str, Any], folder: Path, library: Library) -> Recipe | Routine:
    path = folder / f"full-{kind}.toml"
    path.write_text(toml_text(data), encoding="utf-8")
    if kind == "recipe":
        return load_recipe_file(path)
    return load_routine_file(path, library)


def _problems(kind: str, data: dict[str, Any], folder: Path, library: Library) -> list[str]:
    """What the real loader says about ``data`` written as a file; [] when it loads."""
    try:
        _load(kind, data, folder, library)
    except DataError as exc:
        return list(exc.problems)
    return []


def _holding(kind: str, table: str, key: str) -> list[tuple[dict[str, Any], Place]]:
    """Every (file, place) of the full files where ``key`` of ``table`` is written."""
    return [
        (doc, place)
        for doc in FULL[kind]
        for place in PLACES[kind][table]
        if key in _at(doc, place)
    ]


def _edited(doc: dict[str, Any], place: Place, change: Callable[[dict[str, Any]], Any]) -> dict:
    out = copy.deepcopy(doc)
    change(_at(out, place))
    return out


def _names(line: str, names: tuple[str, ...] | list[str]) -> bool:
    return all(re.search(rf"\b{re.escape(n)}\b", line) for n in names)


def _keys(*rules: str) -> list[Any]:
    return [
        pytest.param(kind, table.name, key.name, id=f"{kind}:{table.name}.{key.name}")
        for kind, tables in schema.FILES.items()
        for table in tables
        for key in table.keys
        if key.rule in rules
    ]


# ---- README shows the schema ----


def _block(text: str, file: str) -> str:
    start, end = f"<!-- schema:{file} -->\n", f"<!-- /schema:{file} -->"
    assert start in text and end in text, f"README lost its {start.strip()} markers"
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("file", list(schema.FILES))
def test_readme_tables_are_the_schema_rendered(file: str) -> None:
    # Fails when a key is added, renamed or reworded in the schema (and so in the loader)
    # without regenerating README, or when someone edits the tables by hand.
    assert _block(README.read_text(encoding="utf-8"), file) == (
        "\n" + schema.markdown_tables(file) + "\n"
    )


def test_every_key_of_the_schema_is_in_readme_in_its_section() -> None:
    # Fails when the renderer drops keys or tables, which the comparison above could not
    # see (it compares README with the renderer's own output).
    text = README.read_text(encoding="utf-8")
    for file, tables in schema.FILES.items():
        block = _block(text, file)
        section = text.split(f"## {file.capitalize()} format", 1)[1].split("\n## ", 1)[0]
        assert block in section
        rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|", block, re.M)
        assert rows == [(k.name, k.need) for t in tables for k in t.keys]


def test_the_regeneration_command_rewrites_stale_tables(tmp_path: Path) -> None:
    # Fails when `python -m planner.load.schema --write README.md` (README's contributor
    # line) does not replace the tables, or harms the text around them.
    text = README.read_text(encoding="utf-8")
    stale = text.replace(_block(text, "routine"), "\n| `old` | stale |\n")
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")
    assert schema.main(["--check", str(readme)]) == 1
    assert schema.main(["--write", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == text
    assert schema.main(["--check", str(readme)]) == 0


# ---- the schema says what the loaders do ----


def test_the_test_files_are_written_as_meant() -> None:
    # Fails when toml_text above writes something other than the data (then every test
    # below would test another file than it thinks).
    for docs in FULL.values():
        for doc in docs:
            assert tomllib.loads(toml_text(doc)) == doc


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_files_with_every_listed_key_load(kind: str, tmp_path: Path, library: Library) -> None:
    # Fails when the schema lists a key the loader refuses (as unknown, or otherwise), and
    # when a table of the schema has no place in the files these tests write.
    assert set(PLACES[kind]) == {t.name for t in schema.FILES[kind]}
    for table in schema.FILES[kind]:
        written = {k for doc in FULL[kind] for p in PLACES[kind][table.name] for k in _at(doc, p)}
        assert written == set(table.names), table.name
    for doc in FULL[kind]:
        assert _problems(kind, doc, tmp_path, library) == []


@pytest.mark.parametrize(("kind", "table", "key"), _keys("required"))
def test_a_required_key_left_out_is_an_error_naming_it(
    kind: str, table: str, key: str, tmp_path: Path, library: Library
) -> None:
    # Fails when README calls a key required that the loader does without (or the loader's
    # message stops naming the key).
    for doc, place in _holding(kind, table, key):
        problems = _problems(kind, _edited(doc, place, lambda t: t.pop(key)), tmp_path, library)
        label = key_path([*place, key])
        assert any(f": {label}: " in line for line in problems), (label, problems)


@pytest.mark.parametrize(("kind", "table", "key"), _keys("optional"))
def test_an_optional_key_left_out_still_loads(
    kind: str, table: str, key: str, tmp_path: Path, library: Library
) -> None:
    # Fails when README calls a key optional that the loader requires: README's old
    # recipe format showed minutes and section as optional, and files written from it failed.
    places = _holding(kind, table, key)
    assert places
    for doc, place in places:
        edited = _edited(doc, place, lambda t: t.pop(key))
        assert _problems(kind, edited, tmp_path, library) == [], (place, key)


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_a_table_without_all_its_optional_keys_still_loads(
    kind: str, tmp_path: Path, library: Library
) -> None:
    # Fails when README calls two keys optional of which the loader needs one (minutes and
    # skin_minutes, per_week and per_day): leaving out either alone loads, both at once not.
    for table in schema.FILES[kind]:
        optional = [k.name for k in table.keys if k.rule == "optional"]
        for doc in FULL[kind]:
            for place in PLACES[kind][table.name]:
                bare = _edited(doc, place, lambda t, o=optional: [t.pop(k, None) for k in o])
                assert _problems(kind, bare, tmp_path, library) == [], (table.name, place)


def _groups() -> list[Any]:
    seen: dict[tuple[str, str, tuple[str, ...]], schema.Key] = {}
    for kind, tables in schema.FILES.items():
        for table in tables:
            for key in table.keys:
                if key.rule == "one of":
                    seen.setdefault((kind, table.name, key.together), key)
    return [
        pytest.param(kind, table, together, key.need, id=f"{kind}:{table}:{'/'.join(together)}")
        for (kind, table, together), key in seen.items()
    ]


@pytest.mark.parametrize(("kind", "table", "together", "need"), _groups())
def test_a_one_of_group_left_out_entirely_is_an_error_naming_it(
    kind: str, table: str, together: tuple[str, ...], need: str, tmp_path: Path, library: Library
) -> None:
    # Fails when README says "one of minutes / skin_minutes" (or per_week / per_day, or
    # day / date) but the loader accepts a file with none of them, or requires one of them
    # in particular, or accepts both where README says "not both".
    for name in together:
        assert (
            schema.FILES[kind][[t.name for t in schema.FILES[kind]].index(table)].key(name).together
            == together
        ), f"{name} names another group"
    doc, place = _holding(kind, table, together[0])[0]
    label = key_path(place)

    def drop_all(t: dict[str, Any]) -> None:
        for name in together:
            t.pop(name, None)

    problems = _problems(kind, _edited(doc, place, drop_all), tmp_path, library)
    assert any(label in line and _names(line, together) for line in problems), problems

    values = {name: _at(d, p)[name] for name in together for d, p in _holding(kind, table, name)}
    if "not both" in need:
        both = _edited(doc, place, lambda t: t.update(values))
        problems = _problems(kind, both, tmp_path, library)
        assert any(label in line and _names(line, together) for line in problems), problems
        for name in together:  # each one alone is enough
            alone = _edited(doc, place, lambda t, n=name: (drop_all(t), t.update({n: values[n]})))
            assert _problems(kind, alone, tmp_path, library) == [], name
    else:
        for name in together:  # any one of them may be left out while another is given
            full = _edited(doc, place, lambda t: t.update(values))
            less = _edited(full, place, lambda t, n=name: t.pop(n))
            assert _problems(kind, less, tmp_path, library) == [], name


# A "required when" key: a place where its condition holds and one where it does not.
CONDITIONAL: dict[tuple[str, str, str], tuple[Place, Place]] = {
    ("recipe", "ingredients", "amount"): (("ingredients", 0), ("ingredients", 1)),
    ("recipe", "ingredients", "section"): (("ingredients", 0), ("ingredients", 1)),
}


def test_every_conditional_key_has_a_case_here() -> None:
    # Fails when the schema gains a "required when" key that the next test does not check.
    assert {(k, t, key) for k, t, key in (p.values for p in _keys("when"))} == set(CONDITIONAL)


@pytest.mark.parametrize(("kind", "table", "key"), list(CONDITIONAL))
def test_a_conditional_key_is_required_only_when_its_condition_holds(
    kind: str, table: str, key: str, tmp_path: Path, library: Library
) -> None:
    # Fails when an ingredient's section or amount is documented as "required unless type
    # is tap or equipment" but the loader asks for it on water, or lets a bought item go
    # without it.
    holds, off = CONDITIONAL[kind, table, key]
    doc = FULL[kind][0]
    assert key in _at(doc, holds) and key in _at(doc, off)
    problems = _problems(kind, _edited(doc, holds, lambda t: t.pop(key)), tmp_path, library)
    label = key_path([*holds, key])
    assert any(f": {label}: " in line for line in problems), problems
    assert _problems(kind, _edited(doc, off, lambda t: t.pop(key)), tmp_path, library) == []


def test_a_remedy_tied_to_an_event_needs_no_per_week_or_per_day(
    tmp_path: Path, library: Library
) -> None:
    # Fails when the "unless tied to an event" of per_week / per_day is not what the loader
    # does: a tied remedy without either must load, and per_week on it is refused.
    tied: Place = ("remedies", 1)
    assert "per_week" not in _at(FULL_ROUTINE, tied)
    bare = _edited(FULL_ROUTINE, tied, lambda t: (t.pop("per_day"), t.pop("window")))
    assert _problems("routine", bare, tmp_path, library) == []
    weekly = _edited(FULL_ROUTINE, tied, lambda t: t.update(per_week=2))
    problems = _problems("routine", weekly, tmp_path, library)
    assert any(": remedies[2].per_week: does not apply" in line for line in problems), problems


def test_every_table_refuses_a_key_the_schema_does_not_list(
    tmp_path: Path, library: Library
) -> None:
    # Fails when some table (say keep_clear or a limit written as a table) has no unknown-key
    # check, or checks against a list of its own that is longer than README's.
    for kind, places in PLACES.items():
        for table, spots in places.items():
            for place in spots:
                doc = _edited(FULL[kind][0], place, lambda t: t.update(colour="red"))
                label = key_path([*place, "colour"])
                problems = _problems(kind, doc, tmp_path, library)
                assert any(f": {label}: unknown key" in line for line in problems), (
                    table,
                    problems,
                )


def _spans() -> list[Any]:
    return [
        pytest.param(kind, table.name, key.name, key.span, id=f"{kind}:{table.name}.{key.name}")
        for kind, tables in schema.FILES.items()
        for table in tables
        for key in table.keys
        if key.span is not None
    ]


@pytest.mark.parametrize(("kind", "table", "key", "span"), _spans())
def test_the_range_readme_states_is_the_one_the_loader_checks(
    kind: str, table: str, key: str, span: tuple[int, int], tmp_path: Path, library: Library
) -> None:
    # Fails when a loader checks a whole number against bounds of its own that README
    # does not state (per_day "1 to 6" in README, 1 to 7 in the loader).
    doc, place = _holding(kind, table, key)[0]
    label = key_path([*place, key])
    for wrong in (span[0] - 1, span[1] + 1):
        edited = _edited(doc, place, lambda t, v=wrong: t.update({key: v}))
        problems = _problems(kind, edited, tmp_path, library)
        said = f": {label}: must be between {span[0]} and {span[1]}, not {wrong}"
        assert any(said in line for line in problems), problems


# Defaults README states in words that a loaded file shows as a value.
DEFAULTS: dict[tuple[str, str, str], Callable[[Any], str]] = {
    ("recipe", "recipe", "id"): lambda r: (
        "the file name without `.toml`" if r.id == "full-recipe" else r.id
    ),
    ("recipe", "recipe", "prep_minutes"): lambda r: str(r.prep_minutes),
    ("recipe", "ingredients", "type"): lambda r: r.ingredients[0].type,
    ("recipe", "limits", "per_day"): lambda r: str(r.limits.per_day.value),
    ("recipe", "limits", "min_days_between"): lambda r: str(r.limits.min_days_between.value),
    ("recipe", "limits", "time_of_day"): lambda r: r.limits.time_of_day.value,
    ("recipe", "limits", "max_per_week"): lambda r: (
        "7 x per_day"
        if r.limits.max_per_week.value == 7 * r.limits.per_day.value
        else str(r.limits.max_per_week.value)
    ),
    ("routine", "routine", "weeks"): lambda r: str(r.weeks),
    ("routine", "availability", "windows"): lambda r: ", ".join(
        w.label() for w in r.availability.windows
    ),
    ("routine", "availability", "days"): lambda r: (
        "every day" if len(r.availability.weekdays) == 7 else str(r.availability.weekdays)
    ),
    ("routine", "keep_clear", "first_day"): lambda r: str(r.events[0].keep_clear.first_day),
    ("routine", "keep_clear", "last_day"): lambda r: str(r.events[0].keep_clear.last_day),
}


@pytest.mark.parametrize(("kind", "table", "key"), list(DEFAULTS))
def test_a_default_readme_states_is_what_the_loader_uses(
    kind: str, table: str, key: str, tmp_path: Path, library: Library
) -> None:
    # Fails when README promises a default (weeks 4, evening, 07:00-23:00, ...) that the
    # loader does not apply to a file without the key.
    doc, place = _holding(kind, table, key)[0]
    if (table, key) == ("limits", "max_per_week"):  # per_day stays 1, as written
        doc = _edited(doc, place, lambda t: t.update(per_day=1))
    loaded = _load(kind, _edited(doc, place, lambda t: t.pop(key)), tmp_path, library)
    expected = schema.FILES[kind][[t.name for t in schema.FILES[kind]].index(table)].key(key)
    assert DEFAULTS[kind, table, key](loaded) == expected.default


# ---- the loader's messages ----


def test_problems_of_one_file_come_in_line_order(tmp_path: Path) -> None:
    # Fails when problems come in the order the loader checks keys: effects (line 3) is
    # checked after minutes (line 6), and was listed after it.
    path = tmp_path / "order.toml"
    path.write_text(
        'name = "Order"\nkind = "mask"\neffects = ["soothing"]\nsummary = "x"\n'
        'steps = ["x"]\nminutes = "ten"\ncolour = "red"\n\n[limits]\nper_day = 0\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_recipe_file(path)
    lines = [int(line.split(":")[1]) for line in info.value.problems]
    assert lines == [3, 6, 7, 10], info.value.problems


def test_messages_count_and_name_types_in_plain_words(tmp_path: Path) -> None:
    # Fails on "gives 1 times", "not float" and "not bool" (the review's wording notes).
    text = (Path(__file__).parent / "data" / "good-recipes" / "nettle-wipe.toml").read_text()
    path = tmp_path / "nettle-wipe.toml"
    path.write_text(
        text.replace("[limits]\n", "[limits]\nper_day = 2\ntimes = [\"08:00\"]\n"
                     "min_days_between = 1.5\n")
        .replace("minutes = 5", "minutes = true"),
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(DataError) as info:
        load_recipe_file(path)
    said = "\n".join(info.value.problems)
    assert "limits.times: gives 1 time but per_day is 2" in said
    assert "limits.min_days_between: must be a whole number, not a decimal number" in said
    assert "minutes: must be a whole number, not true/false" in said
