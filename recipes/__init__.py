"""Built-in recipe files, shipped inside the package as planner.builtin_recipes."""
