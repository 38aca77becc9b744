"""``python -m app``: the same as the ``mediation-desk`` command."""

import sys

from app.cli.main import main

sys.exit(main())
