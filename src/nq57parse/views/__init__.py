"""Human views of a parsed ``Document``: plain text for a terminal, Markdown for GitHub, an HTML report.

In: ``Document`` models (and, for the report, the normalised text they were parsed from).
Out: text. ``common`` turns a document into neutral pieces (header facts, the outline tree, citations
grouped by relation, appendix tables cut to a number of rows); ``text``, ``markdown`` and ``report``
lay those pieces out, so the three views always agree.
"""
