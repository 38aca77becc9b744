"""The desk's open resources for one process: paths, database, evidence store, clock,
and the keyring that holds its secrets.

Both the command line and the UI open one of these and hand out units of work from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app import audit
from app.clock import Clock, SystemClock
from app.config import DeskPaths, resolve_paths
from app.contract.content_store import ContentStore
from app.security.chain_key import keep_anchor, load_anchor, load_chain_key
from app.security.credentials import CredentialStore, KeyringCredentialStore
from app.store.db import Database, open_database
from app.store.unit_of_work import UnitOfWork
from app.store.writer_lock import waiting_words
from app.vocabulary import Words


@dataclass
class Desk:
    paths: DeskPaths
    database: Database
    evidence: ContentStore
    clock: Clock = field(default_factory=SystemClock)
    credentials: CredentialStore = field(default_factory=KeyringCredentialStore)
    _chain_key: audit.ChainKey | None = field(default=None, init=False, repr=False)
    _chain_key_looked_up: bool = field(default=False, init=False, repr=False)
    _desk_id: str | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(
        cls,
        home: str | Path | None = None,
        db_url: str | None = None,
        clock: Clock | None = None,
        credentials: CredentialStore | None = None,
    ) -> Desk:
        """Open (and migrate) the store for this data folder."""
        paths = resolve_paths(home, db_url)
        database = open_database(paths.db_url)
        evidence = ContentStore(paths.evidence_folder)
        evidence.clean_leftovers()
        return cls(
            paths,
            database,
            evidence,
            clock or SystemClock(),
            credentials or KeyringCredentialStore(),
        )

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(
            self.database,
            self.evidence,
            self.clock,
            read_only=read_only,
            chain_key=self.chain_key if read_only else self.chain_key_for_writing,
        )

    # -- the audit chain's key and anchor -------------------------------------------------

    @property
    def desk_id(self) -> str | None:
        if self._desk_id is None:
            with self.unit_of_work(read_only=True) as uow:
                self._desk_id = audit.desk_id(uow.session)
        return self._desk_id

    def chain_key_for_writing(self) -> audit.ChainKey | None:
        """The chain key, made on first use; asked of the keyring once per process.

        Raises :class:`~app.errors.CredentialStoreUnavailable` when the chain is keyed
        but the keyring cannot be reached (locked): nothing is written unkeyed then.
        """
        if not self._chain_key_looked_up:
            identity = self.desk_id
            if identity is not None:
                self._chain_key = load_chain_key(
                    self.credentials, identity, create=True, chain_is_keyed=self._chain_is_keyed()
                )
            self._chain_key_looked_up = True
        return self._chain_key

    def chain_key(self) -> audit.ChainKey | None:
        """The chain key for verifying (never made here); a keyed chain with the keyring
        out of reach raises the keyring's own error instead of looking like a rewrite."""
        if self._chain_key_looked_up:
            return self._chain_key
        identity = self.desk_id
        if identity is None:
            return None
        return load_chain_key(
            self.credentials, identity, create=False, chain_is_keyed=self._chain_is_keyed()
        )

    def _chain_is_keyed(self) -> bool:
        with self.unit_of_work(read_only=True) as uow:
            return audit.chain_is_keyed(uow.session)

    def kept_anchor(self) -> audit.AuditAnchor | None:
        """The chain's head as the keyring recorded it when a desk last closed."""
        identity = self.desk_id
        return None if identity is None else load_anchor(self.credentials, identity)

    def keep_anchor(self) -> None:
        """Record the chain's head in the keyring (it only ever moves forward there)."""
        with self.unit_of_work(read_only=True) as uow:
            anchor = audit.current_anchor(uow)
        if anchor is not None:
            keep_anchor(self.credentials, anchor)

    def waiting_words(self) -> Words:
        """What to tell the user when a write waits for another process: who holds it."""
        return waiting_words(self.paths.home)

    def close(self) -> None:
        # A desk that wrote to the chain leaves its head outside the database.
        if self._chain_key_looked_up:
            self.keep_anchor()
        self.database.dispose()


__all__ = ["Desk", "UnitOfWork"]  # the unit of work is what the desk hands out
