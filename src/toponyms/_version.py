"""The version of toponyms: read by the build (pyproject.toml) and at run time, where asking
importlib.metadata would cost a twelfth of a second of every start."""

__version__ = "0.1.0"
