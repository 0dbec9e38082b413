"""RDF: `Record` → one readout graph, its identity, and its SHACL check.

Owns the mapping of a record to triples with evidence (`mapping`, see ontology/MAPPING.md);
identity resolution of people and forums against what a store already holds, handed in as
plain values (`identity`); validation with a typed report (`validate`, with the compiled
pre-check `shacl_fast`); parsing untrusted RDF safely (`safety`).

Does not decide what a text says (that is `kg.extract`) and never queries a store: the
loader reads what identity and validation need and passes it in.
"""

__all__ = ["identity", "mapping", "safety", "shacl_fast", "validate"]
