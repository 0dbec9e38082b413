"""One error hierarchy for the library; the CLI maps each class to an exit code.

Exit codes (documented in README.md):
  0  success
  1  data rejected: a readout or store does not conform to the shapes, or a load was refused
  2  usage error or unreadable input (missing file, bad encoding, bad parameter, bad query)
  3  processor failure: the store or a server could not be opened or answered with an error
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 3


class InputError(KGError):
    """An input file, folder or stream cannot be read as a readout (names the file and why)."""

    exit_code = 2


class UsageError(KGError):
    """A command or library call was given arguments it cannot use."""

    exit_code = 2


class RecordError(InputError):
    """A JSON readout record does not follow the record schema (names the field)."""


class NoContentError(InputError):
    """A readable text holds nothing a readout is made of (no actor, forum, meeting...)."""


class ValidationError(KGError):
    """A readout graph does not conform to the SHACL shapes; carries the report."""

    exit_code = 1

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class QueryError(KGError):
    """A SPARQL query is malformed, refused by the safety rules, or timed out."""

    exit_code = 2


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class StoreError(KGError):
    """The store cannot be opened, locked or written."""

    exit_code = 3


class UnsafeRDFError(InputError):
    """RDF input that would expand entities, fetch a remote context or read local files."""
