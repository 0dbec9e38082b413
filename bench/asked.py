"""Named queries as an analyst asks them: with their parameters bound to values the store holds.

Every named query is also timed with its parameters unbound ("every row": all commitments,
all evidence...), which at N = 10,000 means up to hundreds of thousands of rows and is
bounded by how fast rows can be produced at all. The questions the queries exist for name
something: the evidence of *this* fact, the meetings of *this* country, who held each post
*as of this date*. Here each such query gets five parameter sets, drawn from the loaded store
and rotated over the timed runs: where a value's answer can be large, the values with the
largest (the countries, pairs, forums and meetings with the most meetings or commitments, the
latest dates); where it is one thing, the first in IRI order (a fact, a readout, two readouts
of one forum). The naive baseline runs the same parameter sets.

The values are read from the kg store once, after its load, and written into the run's
results; they are RDF terms, exactly what `kg.query.named.bind_params` makes of a user's values.
"""

from __future__ import annotations

from typing import Any

_PREFIXES = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# query name -> a SELECT whose variables are the query's parameters (at most five rows)
SAMPLES: dict[str, str] = {
    "co-participation": "SELECT ?country WHERE { ?m a kg:Meeting ; kg:participant ?country } "
                        "GROUP BY ?country ORDER BY DESC(COUNT(?m)) ?country LIMIT 5",
    "commitments": "SELECT ?actor ?topic WHERE { ?c a kg:Commitment ; kg:committedBy ?actor ; dcterms:subject ?topic } "
                   "GROUP BY ?actor ?topic ORDER BY DESC(COUNT(?c)) ?actor ?topic LIMIT 5",
    "evidence": "SELECT ?fact WHERE { ?fact a kg:Commitment } ORDER BY ?fact LIMIT 5",
    "forum-history": "SELECT ?forum WHERE { ?forum a kg:Forum . ?m kg:sessionOf ?forum } "
                     "GROUP BY ?forum ORDER BY DESC(COUNT(?m)) ?forum LIMIT 5",
    "forums": "SELECT ?forum WHERE { ?forum a kg:Forum . ?m kg:sessionOf ?forum } "
              "GROUP BY ?forum ORDER BY DESC(COUNT(?m)) ?forum LIMIT 5",
    "meeting-participants": "SELECT ?meeting WHERE { ?meeting a kg:Meeting ; kg:participant ?p } "
                            "GROUP BY ?meeting ORDER BY DESC(COUNT(?p)) ?meeting LIMIT 5",
    "meetings-between": "SELECT ?a ?b WHERE { ?m a kg:Meeting ; kg:participant ?a , ?b FILTER(STR(?a) < STR(?b)) } "
                        "GROUP BY ?a ?b ORDER BY DESC(COUNT(?m)) ?a ?b LIMIT 5",
    "meetings": "SELECT ?country WHERE { ?m a kg:Meeting ; kg:participant ?country } "
                "GROUP BY ?country ORDER BY DESC(COUNT(?m)) ?country LIMIT 5",
    # the latest publication dates: as of then, every post has its holder (the most rows)
    "post-holders-as-of": "SELECT ?asOf WHERE { ?r a kg:Readout ; dcterms:issued ?asOf } "
                          "GROUP BY ?asOf ORDER BY DESC(?asOf) LIMIT 5",
    "posts-by-country": "SELECT ?country WHERE { ?post org:postIn ?country . ?person org:holds ?post } "
                        "GROUP BY ?country ORDER BY DESC(COUNT(?person)) ?country LIMIT 5",
    "presidencies": "SELECT ?country WHERE { ?p a kg:Presidency ; org:member ?country } "
                    "GROUP BY ?country ORDER BY DESC(COUNT(?p)) ?country LIMIT 5",
    # two readouts reporting sessions of one forum, the earlier first
    "readout-changes": "SELECT ?from ?to WHERE { GRAPH ?from { ?m1 kg:sessionOf ?forum } "
                       "GRAPH ?to { ?m2 kg:sessionOf ?forum } ?from dcterms:issued ?d1 . ?to dcterms:issued ?d2 "
                       "FILTER(?d1 < ?d2) } ORDER BY ?from ?to LIMIT 5",
    "readouts": "SELECT ?readout WHERE { ?readout a kg:Readout } ORDER BY ?readout LIMIT 5",
}


def sample_bindings(store: Any) -> dict[str, list[dict[str, Any]]]:
    """query name -> parameter sets (SPARQL-JSON terms, as kg.sparql.results writes them) from `store`."""
    from kg.sparql.results import term_to_json
    from kg.sparql.terms import from_ox

    out: dict[str, list[dict[str, Any]]] = {}
    for name, select in SAMPLES.items():
        rows = []
        solutions = store.query(_PREFIXES + select)
        for solution in solutions:
            row = {v.value: term_to_json(from_ox(solution[v])) for v in solutions.variables
                   if solution[v] is not None}
            if row:
                rows.append(row)
        if rows:
            out[name] = rows
    return out
