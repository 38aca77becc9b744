"""Signatures on decision documents (issue 13): the demo organisation's keys
(:mod:`~reports.signing.pki`), checking keys and trust roots (:mod:`~reports.signing.keys`),
PAdES signing with pyHanko (:mod:`~reports.signing.sign`) and verification
(:mod:`~reports.signing.verify`); the review's countersign port on a supervisor's desk
(:mod:`~reports.signing.countersign`). See ``docs/signatures.md``."""

import logging

# pyHanko and its certificate validator explain every failed check at WARNING, with a
# traceback ("Failed to build path for …"), and warn that fetching is off each time the
# desk embeds validation material. The desk says the verdict itself, in the user's
# language; without a handler of their own these records reach the terminal through
# Python's last-resort handler, two dozen English lines above the one that matters.
for _library in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
