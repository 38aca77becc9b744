"""The ``mediation-desk`` command line: everything the desk does, scriptable."""
