"""`decide validate`, `decide questions` and `decide schema`: working with question banks."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from decide.commands.options import BankOption

BankArgument = Annotated[
    Path | None,
    typer.Argument(
        help="The bank file to check. Default: the bank that ships with decide.", show_default=False
    ),
]


def validate(bank: BankArgument = None) -> None:
    """Check a question bank and list every problem as file:line:column: message."""
    from decide.bank import read_bank
    from decide.bank.text_file import paused_gc
    from decide.core.errors import BankError, problem_lines

    try:
        with paused_gc():  # the check and the cache entry written after it make no cycles
            loaded = read_bank(bank)
    except BankError as error:
        for line in problem_lines(error.problems):
            typer.echo(line)
        count = len(error.problems)
        typer.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        raise typer.Exit(1) from None
    meta = loaded.meta
    typer.echo(
        f"{bank if bank is not None else 'bundled bank'}: valid. {meta.title} {meta.version}: "
        f"{len(loaded.options)} options, {len(loaded.rows)} rows, {len(loaded.questions)} questions, "
        f"{len(loaded.considerations)} considerations, {len(loaded.sources)} sources."
    )


class QuestionsFormat(StrEnum):
    text = "text"
    json = "json"
    fhir = "fhir"


def questions(
    bank: BankOption = None,
    fmt: Annotated[
        QuestionsFormat | None,
        typer.Option(
            "--format",
            help="text (one line per question), json (a stable list for scripts and answers "
            "files) or fhir (a FHIR R4 Questionnaire). Default: text.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """List the bank's questions in order, as text, JSON or a FHIR Questionnaire."""
    from decide.bank import read_bank

    if as_json and fmt not in (None, QuestionsFormat.json):
        raise typer.BadParameter(
            f"--json asks for JSON, --format for {fmt}; give one of them.", param_hint="'--json'"
        )
    chosen = QuestionsFormat.json if as_json else (fmt or QuestionsFormat.text)
    loaded = read_bank(bank)
    if chosen is QuestionsFormat.fhir:
        from decide.flows.fhir_export import questionnaire_text

        typer.echo(questionnaire_text(loaded), nl=False)
        return
    from decide.bank.export import question_list

    items = question_list(loaded)
    if chosen is QuestionsFormat.json:
        import json

        typer.echo(json.dumps(items, indent=2, ensure_ascii=False))
        return
    for item in items:
        typer.echo(f"{item['id']} ({item['type']}, {item['section']}): {item['text']}")
        for choice in item["choices"]:
            typer.echo(f"    {choice['id']}: {choice['label']}")


def schema() -> None:
    """Print the JSON Schema of a question bank (for editors and other tools)."""
    from decide.bank.export import schema_text

    typer.echo(schema_text(), nl=False)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(questions)
    app.command()(schema)
