"""climate-kg: climate-diplomacy readouts → SHACL-checked RDF → SPARQL answers and exports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("climate-kg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
