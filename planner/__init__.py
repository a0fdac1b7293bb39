"""remedy-planner: home-remedy recipes in, a safe weekly routine out."""

__version__ = "0.1.0"
