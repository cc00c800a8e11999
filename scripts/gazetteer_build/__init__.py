"""Modules of scripts/build_gazetteer.py: read the sources, derive places, write the YAML.

Not shipped. Each module handles one source or one kind of fact; ``build`` ties them together.
"""
