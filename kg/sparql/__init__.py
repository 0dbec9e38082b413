"""SPARQL and RDF-term helpers shared by the stages that talk to a store, below all of them.

Owns binding parameters as a `VALUES` block (`binding`); the safety check that refuses
updates, SERVICE and remote datasets before a query runs (`safety`); SPARQL results in
their JSON/XML/CSV forms and as rows (`results`), read from the TSV the query worker writes
(`results_tsv`); rdflib ↔ pyoxigraph terms (`terms`).

Kept beside `kg.model` as ground so that the store never imports the question layer and
validation never imports the store.
"""

__all__ = ["binding", "results", "results_tsv", "safety", "terms"]
