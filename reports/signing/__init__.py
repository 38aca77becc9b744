"""Signatures on decision documents (issue 13): the demo organisation's keys
(:mod:`~reports.signing.pki`), checking keys and trust roots (:mod:`~reports.signing.keys`),
PAdES signing with pyHanko (:mod:`~reports.signing.sign`) and verification
(:mod:`~reports.signing.verify`); the review's countersign port on a supervisor's desk
(:mod:`~reports.signing.countersign`). See ``docs/signatures.md``."""
