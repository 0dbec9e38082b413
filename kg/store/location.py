"""Where a store is: a folder for the embedded store, an http(s) URL for a SPARQL 1.1 server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store.embedded import EmbeddedStore
    from kg.store.remote import RemoteStore

DEFAULT_STORE = "./kg-store"
STORE_ENV = "KG_STORE"


def default_location() -> str:
    """The store used when no --store is given: $KG_STORE, else ./kg-store."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path | None = None, *, create: bool = True, read_only: bool = False,
               lock_timeout: float | None = None) -> EmbeddedStore | RemoteStore:
    """A store by path (default: $KG_STORE or ./kg-store), or a SPARQL 1.1 server by http(s) URL.

    An embedded store opened for writing holds the store's write lock until it is closed or
    the process ends (another writer waits up to `lock_timeout`, default $KG_LOCK_TIMEOUT or
    60 s); `read_only=True` opens a snapshot without the lock, for readers during a load.
    """
    loc = str(location) if location is not None else default_location()
    if is_remote(loc):
        from kg.store.remote import RemoteStore

        return RemoteStore(loc)
    from kg.store.embedded import EmbeddedStore  # here: pyoxigraph and rdflib load only when a store opens

    return EmbeddedStore(loc, create=create, read_only=read_only, lock_timeout=lock_timeout)
