"""Signatures on decision documents (issue 13): the demo organisation's keys
(:mod:`~reports.signing.pki`), checking keys and trust roots (:mod:`~reports.signing.keys`),
PAdES signing with pyHanko (:mod:`~reports.signing.sign`) and verification
(:mod:`~reports.signing.verify`); the review's countersign port on a supervisor's desk
(:mod:`~reports.signing.countersign`). See ``docs/signatures.md``."""

from reports.signing import pdf_tokens

# Every signed PDF the desk reads (verifying, countersigning) goes through pyHanko's
# parser; its byte-at-a-time token readers are half of a verification (see pdf_tokens).
pdf_tokens.install()
