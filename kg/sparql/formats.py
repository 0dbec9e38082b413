"""The names of the result formats `kg query` writes (kg.sparql.results writes them).

Kept free of rdflib so the command line can offer them as choices without loading it.
"""

from __future__ import annotations

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")
