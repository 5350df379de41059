"""One module per CLI command; ``nq57parse.cli`` wires them to typer."""
