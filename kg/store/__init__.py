"""The store: named graphs per readout, written atomically, SPARQL over their union.

A readout's shared triples are in its named graph and the union; its own triples (its node,
load, commitments, evidence) in the union only, written once (`own_triples`).

Owns opening a store by path or URL (`location.open_store`); Oxigraph in a folder
(`embedded`); a SPARQL 1.1 server by URL (`remote`); the one-writer lock (`locking`);
dump and restore (`backup`); counts, the list of readouts and whole-store validation
(`stats`). Knows graphs and queries, not what the facts mean.
"""

__all__ = ["backup", "embedded", "locking", "location", "own_triples", "remote", "stats"]
