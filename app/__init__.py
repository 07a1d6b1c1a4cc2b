"""A graph database of institutional lineage."""

__version__ = "0.1.0"
