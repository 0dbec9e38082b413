"""Questions: the named questions of queries/*.rq and any SPARQL a user writes.

Owns reading the questions and their typed parameters, binding values as RDF terms,
time limits in a killable worker process (`named`, `worker`); the read-only SPARQL 1.1
endpoint (`serve`); the people and forum listings and what identity resolution needs to
know of a store (`people`); the aggregates kept at load time (`summaries`, `post_holders`,
`pairs`) and the rewrites of stored readouts when identity learns a fuller form while
loading (`stored_rewrites`).
"""

__all__ = ["named", "pairs", "people", "post_holders", "serve", "stored_rewrites", "summaries", "worker"]
