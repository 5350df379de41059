"""Data tables (type codes, issuer codes, known documents, cue words), shipped as package data."""
