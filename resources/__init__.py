"""Data the desk ships with: workflow scripts, calendars, wording, translations, fonts.

The folder is installed as the package ``mediation_desk_resources`` (``setup.py`` maps
it), so a wheel carries it; code reads it through :mod:`app.resources`, never by a path
relative to the source tree. This file only makes the folder a package.
"""
