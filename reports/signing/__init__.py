"""Signatures on decision documents (issue 13): the demo organisation's keys
(:mod:`~reports.signing.pki`), checking keys and trust roots (:mod:`~reports.signing.keys`),
PAdES signing with pyHanko (:mod:`~reports.signing.sign`) and verification
(:mod:`~reports.signing.verify`). See ``docs/signatures.md``."""
