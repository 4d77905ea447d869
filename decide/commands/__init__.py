"""The Typer commands: one module per group, each a thin layer over the parts below it.

They parse options, call the core, the bank loader, the session store, the terminal and the
renderers, and import what they need inside the function that needs it, so that `decide
--version` and the first question stay fast. Only `decide.cli` imports them.
"""
