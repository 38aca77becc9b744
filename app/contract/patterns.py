"""The string patterns of the case document schema and the wire protocol.

Kept apart from the models so that :mod:`app.contract.problems` can name what each
pattern means (a value that breaks :data:`ID_PATTERN` "must be an id of letters,
digits…") without importing the models that use them.
"""

from __future__ import annotations

from typing import Final

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
ACTOR_PATTERN: Final = r"^(platform|user:[A-Za-z0-9._-]{1,64}|[A-Za-z0-9][A-Za-z0-9._:-]{0,63})$"
SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
CURRENCY_PATTERN: Final = r"^[A-Z]{3}$"
USERNAME_PATTERN: Final = r"^[A-Za-z0-9._-]{1,64}$"
MEDIA_TYPE_PATTERN: Final = r"^[a-z0-9.+-]+/[a-z0-9.+-]+$"
EVENT_PATTERN: Final = r"^[a-z][a-z0-9_.]{0,63}$"
