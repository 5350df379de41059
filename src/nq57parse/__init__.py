"""nq57parse: Vietnamese legal and administrative documents to structured, validated, cross-linked data."""

__version__ = "0.1.0"
