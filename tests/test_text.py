"""The text rules every layer shares, and the one description they lay out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planner.core.text import formula_safe, one_line, plain_text, wrap_words
from planner.core.zones import system_zone
from planner.load.cache import TomlCache, cache_file
from planner.view.describe import amount_text, recipe_card

from .libraries import builtin


@given(st.lists(st.text("abcdefgh-", min_size=1, max_size=30), max_size=40), st.integers(10, 80))
def test_wrapping_keeps_every_word_within_the_width(words: list[str], width: int) -> None:
    lines = wrap_words(" ".join(words), width, "  - ", "    ")
    assert all(len(line) <= width for line in lines)
    assert "".join(w for w in words) == "".join(
        line.removeprefix("  - ").removeprefix("    ").replace(" ", "") for line in lines
    )


def test_the_three_text_rules() -> None:
    assert plain_text(" a\tb\nc\u202ed\x07 ") == "a b cd"
    assert one_line("a\nb\x1b") == "a\\nb\\x1b"
    assert one_line("a\x85b").splitlines() == ["a\\x85b"]  # NEL is a line break too
    assert [formula_safe(t) for t in ("=1+1", "-2", "ok")] == ["'=1+1", "'-2", "ok"]


def test_tap_water_reads_the_same_everywhere(cli) -> None:
    soda = builtin().recipes["soda-mask"]
    water = next(i for i in soda.ingredients if i.type == "tap")
    assert amount_text(water) == "water: tap water"
    assert "  - water: tap water" in cli("recipes", "show", "soda-mask").stdout


def test_a_card_prints_the_times_the_plan_uses() -> None:
    import datetime as dt

    from planner.load.routine import builtin_routine_files, load_routine_file
    from planner.schedule import build_schedule

    wipe = builtin().recipes["calendula-wipe"]
    routine = load_routine_file(builtin_routine_files()["back-care"], builtin())
    plan = build_schedule(routine, builtin().recipes, dt.date(2026, 11, 30))
    own = [r.text for r in recipe_card(wipe, {}) if r.text.startswith("At 0")]
    planned = {r.label: r.text for r in recipe_card(wipe, {}, plan)}
    in_plan = [r.text for r in recipe_card(wipe, {}, plan)]
    assert own[0].startswith("At 08:00 and 20:00 (")  # the recipe's own, without a plan
    # With a plan, the card gives the plan's times and no other times that could
    # contradict them (not the recipe's own, not its time of day).
    assert planned["In this plan"] == (
        "Every day, twice, at 07:15 and 21:45 (56 sessions, 30 Nov to 27 Dec)"
    )
    assert not [t for t in in_plan if t.startswith(("At 0", "Best in the"))]
    # Safety first: who should not use it and the warnings open the card.
    assert [r.label for r in recipe_card(wipe, {}, plan)][:2] == [
        "Do not use if you have",
        "Warnings",
    ]


def test_the_cache_round_trips_toml_dates_and_times(tmp_path: Path) -> None:
    src = tmp_path / "r.toml"
    src.write_text("x = 1\n")
    data = {"times": [dt.time(20, 0)], "when": dt.date(2026, 12, 1), "n": [1, {"a": "b"}]}
    cache = TomlCache(tmp_path / "c")
    cache.put(src, data)
    cache.save()
    assert TomlCache(tmp_path / "c").get(src) == data


def test_the_cache_keeps_entries_of_files_that_still_hold_and_drops_the_rest(
    tmp_path: Path,
) -> None:
    kept, gone, edited = (tmp_path / f"{n}.toml" for n in ("kept", "gone", "edited"))
    for f in (kept, gone, edited):
        f.write_text("x = 1\n")
    first = TomlCache(tmp_path / "c")
    for f in (kept, gone, edited):
        first.put(f, {"x": 1})
    first.save()
    gone.unlink()
    edited.write_text("x = 22\n")
    later = TomlCache(tmp_path / "c")  # a run that reads none of the three
    later.save()
    assert sorted(TomlCache(tmp_path / "c").entries) == [str(kept)]
    stamp = (tmp_path / "c").stat().st_mtime_ns
    TomlCache(tmp_path / "c").save()  # nothing to add or drop: the file is not rewritten
    assert (tmp_path / "c").stat().st_mtime_ns == stamp


def test_the_cache_folder_follows_each_platform() -> None:
    home = "/home/anna"
    assert cache_file("linux", {}, home) == Path("/home/anna/.cache/remedy-planner/recipes.cache")
    assert cache_file("linux", {"XDG_CACHE_HOME": "/x"}, home) == Path(
        "/x/remedy-planner/recipes.cache"
    )
    assert cache_file("darwin", {}, home) == Path(
        "/home/anna/Library/Caches/remedy-planner/recipes.cache"
    )
    assert cache_file("win32", {}, home) is None
    assert cache_file("linux", {"REMEDY_PLANNER_NO_CACHE": "1"}, home) is None


def test_the_system_zone_is_the_first_valid_name() -> None:
    assert system_zone(["", "/usr/share/zoneinfo/Europe/Berlin", "Asia/Tokyo"]) == "Europe/Berlin"
    assert system_zone([":America/Nuuk"]) == "America/Nuuk"
    assert system_zone(["../etc/passwd", "Not/AZone", "/etc/localtime"]) == "UTC"


def test_a_clock_time_reads_the_same_in_a_recipe_and_a_routine(cli, tmp_path: Path) -> None:
    nettle = (Path(__file__).parent / "data" / "good-recipes" / "nettle-wipe.toml").read_text()
    assert "[limits]" in nettle
    early = nettle.replace("[limits]", '[limits]\ntimes = ["8:00"]')
    (tmp_path / "early.toml").write_text(
        early.replace('name = "Nettle wipe"', 'id = "early"\nname = "Early wipe"')
    )
    routine = tmp_path / "r.toml"
    routine.write_text(
        'title = "R"\n[[remedies]]\nrecipe = "early"\nper_week = 2\ntimes = ["8:00", "9:00"]\n'
    )
    result = cli("--recipes", str(tmp_path), "validate", str(tmp_path))
    assert result.exit_code == 1
    # "8:00" is a time in both files; the routine's two times for one session a day are not.
    assert result.stderr.splitlines() == [
        f"error: {routine}:5: remedies[1].times: gives 2 times but per_day is 1; "
        "give one per session"
    ]


def test_every_error_line_has_its_prefix(cli, tmp_path: Path) -> None:
    folder = tmp_path / "error-recipes"
    folder.mkdir()
    (folder / "bad.toml").write_text('name = "x"\n')
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert all(line.startswith("error: ") for line in result.stderr.splitlines())


def test_printable_escapes_what_could_move_the_terminal_and_keeps_line_breaks() -> None:
    from planner.core.text import printable

    assert printable("a\nb") == "a\nb"
    assert printable("\x1b]0;title\x07\r\t\x85\u202eX\u2028") == (
        "\\u001b]0;title\\u0007\\u000d\\u0009\\u0085\\u202eX\\u2028"
    )
    assert printable("Rücken \u2013 Pflege ✓ 背中") == "Rücken \u2013 Pflege ✓ 背中"


def test_printable_json_stays_json() -> None:
    import json

    from planner.core.text import printable

    data = {"name": "a\x85b\u202ec\x1b"}
    assert json.loads(printable(json.dumps(data, ensure_ascii=False))) == data
