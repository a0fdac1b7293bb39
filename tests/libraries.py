"""The recipe libraries the tests share, each loaded once, on first use (never at import)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planner.core.recipe import Library
from planner.load.library import load_library

REVIEW_RECIPES = Path(__file__).parent / "data" / "review-cases" / "recipes"


@cache
def builtin() -> Library:
    """The built-in recipes only (no config folder, no cache)."""
    return load_library()


@cache
def with_review_recipes() -> Library:
    """The built-in recipes and the extra recipes of the review cases."""
    return load_library([REVIEW_RECIPES])
