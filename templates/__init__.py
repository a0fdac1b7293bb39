"""Built-in routine files, shipped inside the package as planner.builtin_templates."""
