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
    from decide.flows.validate import validate as run

    verdict = run(bank)
    for line in verdict.out:
        typer.echo(line)
    for line in verdict.err:
        typer.echo(line, err=True)
    if verdict.code:
        raise typer.Exit(verdict.code)


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
