"""The composition root hands the review's approval the real countersign port and the
sync its timestamping port, and building the command line (every command does) or the
desk's case view still loads no pyHanko: it loads at the first approval or timestamp."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from app.cli.main import build_parser
build_parser()
from app.cli import review_commands
from reports.signing.countersign import desk_countersign
assert review_commands.COUNTERSIGN is desk_countersign, review_commands.COUNTERSIGN
from app.cli import sync_commands
from reports.signing.timestamping import desk_stamper
assert sync_commands.STAMPER is desk_stamper, sync_commands.STAMPER
import ui.case_view
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("pyhanko", "pyhanko_certvalidator"))
print(loaded)
"""


def test_the_countersign_port_is_wired_and_pyhanko_stays_unloaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
