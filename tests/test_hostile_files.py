"""Hostile input files end fast and clean: one error or warning line, never a hang or traceback.

Time and memory are bounded by running the command in a child process under a
memory limit and a timeout: a quadratic parser or an endless read fails the test
by running out of either, without the test asserting any wall time.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.load.cache import TomlCache
from planner.load.library import load_library

BOUNDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from planner.cli import main
sys.argv = ["remedy-planner", *sys.argv[1:]]
main()
"""
SODA = (Path(__file__).parents[1] / "recipes" / "soda-mask.toml").read_text()


def bounded(
    args: list[str], tmp_path: Path, cache: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("REMEDY_PLANNER_NO_CACHE", None)
    if not cache:
        env["REMEDY_PLANNER_NO_CACHE"] = "1"
    return subprocess.run([sys.executable, "-c", BOUNDED, *args], capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip


def folder_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "rec"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "line"),
    [
        (".".join(["a"] * 200_000) + " = 1\n", 1),  # 400 kB dotted key: minutes and GBs in tomllib
        ('name = "x"\n[' + ".".join(["a"] * 200_000) + "]\n", 2),  # the same as a header
        ('name = "x"\n' + ".".join(['"q"'] * 17) + " = 1\n", 2),  # quoted parts count too
        ('name = "x"\nt = { a = 1, ' + " . ".join(["b"] * 17) + " = 1 }\n", 2),  # inline, spaced
    ],
)
def test_very_long_dotted_keys_are_refused_before_parsing(tmp_path, text: str, line: int) -> None:
    folder = folder_with(tmp_path, "d.toml", text)
    problem = f"{folder / 'd.toml'}:{line}: a key with more than 16 dotted parts"
    # A broken file of one's own only leaves its recipe out of a listing...
    listed = bounded(["--recipes", str(folder), "recipes", "list"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == f"warning: {problem}; recipe 'd' is left out until its file is fixed\n"
    # ...and validate fails on it, within the same memory bound.
    checked = bounded(["validate", str(folder)], tmp_path)
    assert checked.returncode == 1
    assert checked.stderr == f"error: {problem}\n"


def test_keys_of_up_to_16_parts_and_prose_full_of_dots_still_read(tmp_path) -> None:
    from planner.load.diagnostics import read_toml

    path = tmp_path / "ok.toml"
    prose = " ".join(["Mix. Wait. Rinse."] * 100)
    path.write_text(f'summary = "{prose}"\n[t]\n{".".join(["b"] * 16)} = 1\n')
    data, _ = read_toml(path)
    assert data["summary"] == prose
    assert len(str(data["t"]).split("{")) == 17  # 16 nested tables


@pytest.mark.slow
def test_a_deep_header_with_the_cache_on_is_a_clean_error(tmp_path) -> None:
    folder = folder_with(tmp_path, "deep.toml", "[" + ".".join(["a"] * 500) + "]\n")
    for _ in range(2):  # the second run reads the cache the first one wrote
        result = bounded(
            ["--recipes", str(folder), "recipes", "show", "deep"], tmp_path, cache=True
        )
        assert result.returncode == 1
        problem = f"{folder / 'deep.toml'}:1: a key with more than 16 dotted parts"
        assert result.stderr.splitlines() == [
            f"warning: {problem}; recipe 'deep' is left out until its file is fixed",
            f"error: {problem}",
        ]


def test_deep_nesting_inside_values_is_refused(tmp_path) -> None:
    nested = "x = " + "[" * 40 + "1" + "]" * 40 + "\n"
    folder = folder_with(tmp_path, "n.toml", nested)
    (problem,) = load_library([folder]).broken["n"]
    assert "nested more than 32 levels deep" in problem


@pytest.mark.slow
def test_fifos_devices_and_huge_files_in_a_recipe_folder(tmp_path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "nettle.toml").write_text(
        SODA.replace("soda-mask", "nettle").replace("Baking-soda", "Nettle")
    )
    listed = bounded(["--recipes", str(folder), "recipes", "list"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr.splitlines() == [
        f"warning: {folder / 'fifo.toml'}: skipped: it is a FIFO (named pipe), not a file",
        f"warning: {folder / 'zero.toml'}: skipped: it is a device, not a file",
    ]
    with open(folder / "huge.toml", "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: costs no disk, would cost 2 GB to read
    huge = bounded(["validate", str(folder)], tmp_path)
    assert huge.returncode == 1
    assert f"error: {folder / 'huge.toml'}: file is larger than 1000 kB" in huge.stderr.splitlines()


def test_a_fifo_named_as_a_routine_is_an_error_not_a_hang(cli, tmp_path) -> None:
    fifo = tmp_path / "r.toml"
    os.mkfifo(fifo)
    result = cli("plan", str(fifo), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {fifo}: cannot read: it is a FIFO (named pipe), not a file\n"


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        ("r.toml", 'id = "x\\n"\ntitle = "T"\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 1\n',
         "id: 'x\\n' is not a valid routine id"),
        ("s.toml", 'id = "zz\\n"\nname = "Z"\nkind = "mask"\nsummary = "s"\nsteps = ["a"]\nminutes = 5\n',
         "id: 'zz\\n' is not a valid recipe id"),
    ],
)  # fmt: skip
def test_ids_with_a_trailing_newline_are_refused(cli, tmp_path, file, text, message) -> None:
    path = tmp_path / file
    path.write_text(text)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_condition_key_with_a_newline_is_refused(tmp_path) -> None:
    folder = folder_with(tmp_path, "_conditions.toml", '"acne\\n" = { name = "Acne" }\n')
    from planner.errors import DataError

    with pytest.raises(DataError) as info:
        load_library([folder]).conditions  # noqa: B018 - conditions load on first use
    assert "acne\\n" in str(info.value)


def test_a_title_with_a_newline_becomes_one_line(cli, tmp_path) -> None:
    routine = tmp_path / "t.toml"
    routine.write_text(
        'title = "Title\\nwith\\u202eLF"\nweeks = 1\n[[remedies]]\nrecipe = "soda-mask"\nper_week = 1\n'
    )
    result = cli(
        "plan", str(routine), "--start", "2026-11-30", "--tz", "UTC", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Title withLF"
    assert "X-WR-CALNAME:Title withLF" in (tmp_path / "t.ics").read_text()


def _mine(tmp_path: Path) -> Path:
    """A folder of one's own recipes: the cache holds files like these (built-in files
    come parsed with the installation)."""
    folder = folder_with(tmp_path, "nettle.toml", SODA.replace("soda-mask", "nettle")
                         .replace("Baking-soda mask", "Nettle mask"))  # fmt: skip
    (folder / "sage.toml").write_text(SODA.replace("soda-mask", "sage")
                                      .replace("Baking-soda mask", "Sage mask"))  # fmt: skip
    return folder


def _cache_file(tmp_path: Path) -> Path:
    cache = tmp_path / "recipes.cache"
    load_library([_mine(tmp_path)], cache_file=cache)
    assert sorted(Path(k).name for k in TomlCache(cache).entries) == ["nettle.toml", "sage.toml"]
    return cache


def test_a_cache_entry_of_the_wrong_shape_is_ignored(tmp_path) -> None:
    cache = _cache_file(tmp_path)
    header, entries = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps((header, dict.fromkeys(entries, 5))))
    library = load_library([tmp_path / "rec"], cache_file=cache)
    assert library.recipes["nettle"].name == "Nettle mask" and len(library.recipes) == 19


def test_a_cache_entry_with_wrong_values_is_ignored(tmp_path) -> None:
    cache = _cache_file(tmp_path)
    header, entries = marshal.loads(cache.read_bytes())
    tampered = {}
    for key, (mtime, size, blob, digest) in entries.items():
        data = marshal.loads(blob)
        data["name"] = 5  # the right shape, the wrong type
        tampered[key] = (mtime, size, marshal.dumps(data), digest)
    cache.write_bytes(marshal.dumps((header, tampered)))
    library = load_library([tmp_path / "rec"], cache_file=cache)
    assert library.recipes["sage"].name == "Sage mask"
    assert len(TomlCache(cache).entries) == 2  # the cache was rewritten, not abandoned


def test_a_recipe_folder_named_twice_is_read_once(cli, tmp_path) -> None:
    folder = folder_with(tmp_path, "nettle.toml", SODA.replace("soda-mask", "nettle"))
    result = cli("--recipes", str(folder), "--recipes", str(folder), "recipes", "list")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_thousands_of_problems_in_one_file_are_reported_quickly(cli, tmp_path) -> None:
    """Locating each problem scans the file; past the first 50 they are only counted."""
    folder = folder_with(tmp_path, "many.toml", SODA + "".join(f"k{i} = 1\n" for i in range(20000)))
    result = bounded(["validate", str(folder)], tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 51
    assert lines[-1] == f"error: {folder / 'many.toml'}: ... and 19950 more problems"
    # Where the file is only in the way, it is one warning line.
    listed = bounded(["--recipes", str(folder), "recipes", "list"], tmp_path)
    assert listed.returncode == 0
    (warning,) = listed.stderr.splitlines()
    assert warning.startswith(f"warning: {folder / 'many.toml'}:")
    assert warning.endswith("(and 50 more); recipe 'many' is left out until its file is fixed")


def test_a_long_pantry_is_read_in_one_pass_and_its_notices_stay_short(cli, tmp_path) -> None:
    have = tmp_path / "have.toml"
    have.write_text("".join(f'"thing {i}" = "{i + 1} g"\n' for i in range(20000)))
    result = cli("shopping", "--start", "2026-11-30", "--have", str(have))
    assert result.exit_code == 0
    notices = [line for line in result.stderr.splitlines() if line.startswith("notice:")]
    assert len(notices) == 21
    assert notices[0] == f"notice: {have}:1: 'thing 0' is not on the list"
    assert notices[-1] == "notice: ... and 19980 more items you have are not on the list"


def test_control_characters_from_the_command_line_stay_escaped(cli) -> None:
    result = cli("plan", "--condition", "zz-new\n\x07", "--start", "2026-11-30")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x07" not in result.stderr
    assert "zz-new\\n\\x07" in result.stderr


def test_an_id_list_entry_is_checked_as_written(tmp_path) -> None:
    text = SODA.replace("contraindications = [", 'contraindications = ["zz-new\\n", ', 1)
    assert text != SODA
    folder = folder_with(tmp_path, "soda2.toml", text.replace("soda-mask", "soda-two"))
    (problem,) = load_library([folder]).broken["soda2"]
    assert "'zz-new\\n' is not an id" in problem


def test_a_recipe_with_thousands_of_steps_is_refused_at_once(tmp_path: Path) -> None:
    """120,000 one-letter steps once took a plan 46 s; no list may hold over 1000 items."""
    folder = tmp_path / "r"
    folder.mkdir()
    start = SODA.index("steps = [")
    end = SODA.index("]", start) + 1
    many = "steps = [\n" + '  "a",\n' * 120_000 + "]"
    (folder / "soda-mask.toml").write_text(SODA[:start] + many + SODA[end:])
    line = SODA[:start].count("\n") + 1
    done = bounded(["plan", "--recipes", str(folder), "--start", "2026-11-30", "--weeks", "1",
                    "--out", str(tmp_path / "out")], tmp_path)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: {folder}/soda-mask.toml:{line}: steps: a list of more than 1000 items; no "
        "recipe or routine needs so many; recipe 'soda-mask' is left out until its file is "
        "fixed, and routine 'back-care' needs it"
    ]
    assert not (tmp_path / "out").exists()
    # A thousand is still a recipe.
    (folder / "soda-mask.toml").write_text(SODA[:start] + many[: 10 + 7 * 1000] + "]" + SODA[end:])
    assert "soda-mask" in load_library([folder]).recipes
