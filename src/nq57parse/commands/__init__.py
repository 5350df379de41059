"""One module per CLI command; ``app`` wires them to typer, ``nq57parse.cli`` runs it."""
