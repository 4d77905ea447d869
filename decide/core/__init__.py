"""The pure core: the bank's data model, conditions, the interview engine, typed answers, safety.

Plain Python with no terminal, files or clock. It imports nothing from decide outside
`decide.core`, and never typer, rich or pydantic: every other part of decide builds on it.
"""
