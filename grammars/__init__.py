"""Lark grammars of nq57parse, shipped as package data (``nq57parse.grammars``)."""
