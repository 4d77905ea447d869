"""Reading question banks and answers files: safe YAML with marks, the checker, the schema.

Turns a YAML file into the core's model, or into one located problem per mistake. It may import
`decide.core` and the standard library's file reading, never the terminal (typer, rich).
`read_bank` is the one entry point most code needs; `parse_bank` (the checker) is imported
only when it is first used, so a bank from the cache does not load it.
"""

from typing import TYPE_CHECKING, Any

from decide.bank.read import bundled_bank_path, read_bank

if TYPE_CHECKING:
    from decide.bank.load import parse_bank

__all__ = ["bundled_bank_path", "parse_bank", "read_bank"]


def __getattr__(name: str) -> Any:
    if name == "parse_bank":
        from decide.bank.load import parse_bank

        return parse_bank
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
