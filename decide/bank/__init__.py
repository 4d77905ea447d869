"""Reading question banks and answers files: safe YAML with marks, the checker, the schema.

Turns a YAML file into the core's model, or into one located problem per mistake. It may import
`decide.core` and the standard library's file reading, never the terminal (typer, rich).
`read_bank` is the one entry point most code needs.
"""

from decide.bank.load import bundled_bank_path, parse_bank, read_bank

__all__ = ["bundled_bank_path", "parse_bank", "read_bank"]
