"""Loading a question bank: safe YAML in, a checked `Bank` out, or every problem at once.

`parse_bank(text, source)` is pure; `decide.bank.read.read_bank(path)` adds the file reading and
the cache. A bank is untrusted input (clinic staff write and share them), so nothing in it is
ever run, and every mistake is reported with `file:line:column` before anyone is interviewed
with it.
"""

from __future__ import annotations

import hashlib

from decide.bank.checker import Checker
from decide.bank.comparison import check_sources_used, read_options, read_rows, read_sources
from decide.bank.conditions import ConditionReader, read_skeletons
from decide.bank.naming import did_you_mean
from decide.bank.parts import (
    read_considerations,
    read_decision,
    read_meta,
    read_other_options,
    read_safety,
    read_sections,
    read_specialist_questions,
)
from decide.bank.questions import read_questions
from decide.bank.text_file import YamlError, decode, paused_gc
from decide.bank.yamlsource import MDict, MList, compose, composed_problems
from decide.core.errors import BankError
from decide.core.model import (
    Bank,
    Location,
    Source,
)

FORMAT = 1
TOP_KEYS = (
    "format",
    "meta",
    "decision",
    "options",
    "sections",
    "rows",
    "questions",
    "considerations",
    "safety",
    "specialist_questions",
    "other_options",
    "sequencing_note",
    "sources",
)


def parse_bank(text: str | bytes, source: str = "<bank>", language: str | None = None) -> Bank:
    """Check a bank's text and build it, or raise BankError listing every problem by position."""
    # Loading makes hundreds of thousands of small objects and no cycles; the cyclic garbage
    # collector would walk them again and again (a 10,000-question bank took 5x longer).
    with paused_gc():
        return _parse_bank(text, source, language)


def _parse_bank(text: str | bytes, source: str, language: str | None) -> Bank:
    try:
        if isinstance(text, bytes):
            text = decode(text, source, "bank")
        data = compose(text, source)
    except YamlError as error:
        raise BankError(error.problems) from None
    problems = composed_problems(data)
    c = Checker(source, requested=language)
    root = c.mapping(data, Location(source, 1, 1), "the bank")
    bank = (
        _read(c, root, hashlib.sha256(text.encode("utf-8")).hexdigest())
        if root is not None
        else None
    )
    problems += c.problems
    if problems or bank is None:
        raise BankError(problems)
    return bank


def _read(c: Checker, root: MDict, content_hash: str) -> Bank | None:
    c.keys(root, TOP_KEYS, ("sequencing_sources",), "the bank")
    if "format" in root and root["format"] != FORMAT:
        c.problem(
            root.where("format"),
            f"this bank is format {root['format']!r}; this decide reads format {FORMAT}",
        )
    meta = read_meta(c, root)
    options = read_options(c, root)
    sources = read_sources(c, root)
    sections = read_sections(c, root)
    raw_questions = c.list_in(root, "questions")
    skeletons = read_skeletons(c, raw_questions)
    conditions = ConditionReader(c, skeletons)
    rows = read_rows(c, root, options, conditions)
    row_ids = {row.id: row for row in rows}
    section_index = {s.id: i for i, s in enumerate(sections)}
    questions = read_questions(c, raw_questions, section_index, row_ids, conditions)
    considerations = read_considerations(c, root, options, conditions, list(row_ids))
    safety = read_safety(c, root, conditions)
    other = read_other_options(c, root)
    specialist = read_specialist_questions(c, root)
    decision = read_decision(c, root)
    sequencing = c.text(root, "sequencing_note", "the bank")
    sequencing_sources = _sequencing_sources(c, root, sources)
    check_sources_used(c, root, sources)
    if c.problems or meta is None or decision is None or safety is None:
        return None
    return Bank(
        meta=meta,
        decision=decision,
        options=tuple(options),
        rows=tuple(rows),
        sections=tuple(sections),
        questions=tuple(questions),
        considerations=tuple(considerations),
        safety=safety,
        specialist_questions=tuple(specialist),
        other_options=tuple(other),
        sequencing_note=sequencing,
        sequencing_sources=sequencing_sources,
        sources=sources,
        content_hash=content_hash,
    )


def _sequencing_sources(c: Checker, root: MDict, sources: dict[str, Source]) -> tuple[str, ...]:
    """The optional `sequencing_sources: [KEY, ...]`: what the sequencing note rests on, each
    a defined source, so the summary can cite it by number like every other text."""
    if "sequencing_sources" not in root:
        return ()
    keys = root["sequencing_sources"]
    if not isinstance(keys, MList) or not keys:
        c.problem(
            root.where("sequencing_sources"),
            "'sequencing_sources' must be a list of at least one source key",
        )
        return ()
    for i, key in enumerate(keys):
        if not isinstance(key, str) or key not in sources:
            c.problem(
                keys.where(i),
                f"the source '{key}' is not defined in 'sources'{did_you_mean(str(key), sources)}",
            )
    return tuple(k for k in keys if isinstance(k, str) and k in sources)
