"""Questions: the named questions of queries/*.rq and any SPARQL a user writes.

Owns reading the questions and their typed parameters, binding values as RDF terms,
time limits in a killable worker process (`named`, `worker`); the read-only SPARQL 1.1
endpoint (`serve`); the people and forum listings and what identity resolution needs to
know of a store (`people`).
"""

__all__ = ["named", "people", "serve", "worker"]
