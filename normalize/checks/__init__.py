"""The checks, one module per family of rules."""
