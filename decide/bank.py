"""Loading a question bank: safe YAML in, a checked `Bank` out, or every problem at once.

`parse_bank(text, source)` is pure; `read_bank(path)` adds the file reading. A bank is untrusted
input (clinic staff write and share them), so nothing in it is ever run, and every mistake is
reported with `file:line:column` before anyone is interviewed with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from decide.bank_questions import ConditionReader, read_question, read_skeletons
from decide.checker import KEY_ID, Checker, did_you_mean
from decide.errors import BankError, Problem
from decide.model import (
    ROW_COVERS,
    Bank,
    Cell,
    Comparator,
    Consideration,
    CrisisResource,
    Decision,
    Figure,
    Location,
    Meta,
    Option,
    OtherOption,
    Question,
    Row,
    Safety,
    Section,
    Source,
)
from decide.yamlsource import (
    MDict,
    MList,
    YamlError,
    compose,
    composed_problems,
    decode,
    paused_gc,
    read_text,
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
SOURCE_KINDS = (
    "trial",
    "review",
    "label",
    "regulator",
    "guideline",
    "clinic",
    "consumer",
    "news",
    "other",
)


def bundled_bank_path() -> Path:
    """The bank that ships with decide (inside the wheel), or the repository's copy in a checkout."""
    packaged = Path(__file__).with_name("questions.yaml")
    return (
        packaged
        if packaged.is_file()
        else Path(__file__).resolve().parent.parent / "questions.yaml"
    )


def read_bank(path: Path | None = None, language: str | None = None) -> Bank:
    """Read and check a bank file (the bundled bank when `path` is None)."""
    path = path if path is not None else bundled_bank_path()
    try:
        text = read_text(path, "bank")
    except YamlError as error:
        raise BankError(error.problems) from None
    return parse_bank(text, str(path), language)


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
    c.keys(root, TOP_KEYS, (), "the bank")
    if "format" in root and root["format"] != FORMAT:
        c.problem(
            root.where("format"),
            f"this bank is format {root['format']!r}; this decide reads format {FORMAT}",
        )
    meta = _meta(c, root)
    options = _options(c, root)
    sources = _sources(c, root)
    sections = _sections(c, root)
    raw_questions = _list(c, root, "questions")
    skeletons = read_skeletons(c, raw_questions)
    conditions = ConditionReader(c, skeletons)
    rows = _rows(c, root, options, conditions)
    row_at = {row.id: row_at for row, row_at in rows}
    section_index = {s.id: i for i, s in enumerate(sections)}
    questions = _questions(c, raw_questions, section_index, row_at, conditions)
    considerations = _considerations(c, root, options, conditions)
    safety = _safety(c, root, conditions)
    other = _other_options(c, root)
    specialist = _specialist_questions(c, root)
    decision = _decision(c, root)
    sequencing = c.text(root, "sequencing_note", "the bank")
    _check_sources_used(c, root, sources)
    if c.problems or meta is None or decision is None or safety is None:
        return None
    return Bank(
        meta=meta,
        decision=decision,
        options=tuple(options),
        rows=tuple(r for r, _ in rows),
        sections=tuple(sections),
        questions=tuple(questions),
        considerations=tuple(considerations),
        safety=safety,
        specialist_questions=tuple(specialist),
        other_options=tuple(other),
        sequencing_note=sequencing,
        sources=sources,
        content_hash=content_hash,
    )


def _list(c: Checker, root: MDict, key: str) -> MList:
    if key not in root:
        return MList()
    items = c.sequence(root[key], root.where(key), f"'{key}'")
    return items if items is not None else MList()


def _section_map(c: Checker, root: MDict, key: str) -> MDict | None:
    if key not in root:
        return None
    return c.mapping(root[key], root.where(key), f"'{key}'")


def _meta(c: Checker, root: MDict) -> Meta | None:
    d = _section_map(c, root, "meta")
    if d is None:
        return None
    required = (
        "id",
        "title",
        "version",
        "language",
        "last_reviewed",
        "next_review_due",
        "authors",
        "funding",
        "update_policy",
        "evidence_note",
    )
    c.keys(d, required, (), "meta")
    language = c.string(d, "language", "meta") or "en"
    c.language = language
    authors = d.get("authors")
    if "authors" in d and (
        not isinstance(authors, MList)
        or not authors
        or not all(isinstance(a, str) and a.strip() for a in authors)
    ):
        c.problem(d.where("authors"), "meta 'authors' must be a list of names")
        authors = []
    meta = Meta(
        id=c.string(d, "id", "meta", KEY_ID),
        title=c.text(d, "title", "meta"),
        version=c.string(d, "version", "meta"),
        language=language,
        last_reviewed=c.date(d, "last_reviewed", "meta"),
        next_review_due=c.date(d, "next_review_due", "meta"),
        authors=tuple(authors or ()),
        funding=c.text(d, "funding", "meta"),
        update_policy=c.text(d, "update_policy", "meta"),
        evidence_note=c.text(d, "evidence_note", "meta"),
    )
    if meta.last_reviewed and meta.next_review_due and meta.next_review_due <= meta.last_reviewed:
        c.problem(
            d.where("next_review_due"), "meta 'next_review_due' must come after 'last_reviewed'"
        )
    return meta


def _decision(c: Checker, root: MDict) -> Decision | None:
    d = _section_map(c, root, "decision")
    if d is None:
        return None
    keys = ("who_for", "choice", "does", "does_not", "time_needed")
    c.keys(d, keys, (), "decision")
    return Decision(**{k: c.text(d, k, "decision") for k in keys})


def _options(c: Checker, root: MDict) -> list[Option]:
    items = _list(c, root, "options")
    out: list[Option] = []
    for index, raw in enumerate(items):
        d = c.mapping(raw, items.where(index), "an option")
        if d is None:
            continue
        c.keys(d, ("id", "name", "short_name", "summary"), (), "an option")
        oid = c.ident(d, "id", "an option")
        if oid in {o.id for o in out}:
            c.problem(d.where("id"), f"the option id '{oid}' is used twice")
            continue
        what = f"option '{oid}'"
        out.append(
            Option(
                oid,
                c.text(d, "name", what),
                c.text(d, "short_name", what),
                c.text(d, "summary", what),
            )
        )
    if "options" in root and len(out) < 2:
        c.problem(root.where("options"), "a bank compares at least two options")
    return out


def _sources(c: Checker, root: MDict) -> dict[str, Source]:
    d = _section_map(c, root, "sources")
    out: dict[str, Source] = {}
    if d is None:
        return out
    for key, raw in d.items():
        entry = c.mapping(raw, d.where(key), f"source '{key}'")
        if not KEY_ID.match(key):
            c.problem(
                d.where_key(key), f"the source key '{key}' may only use letters, digits, -, _ and ."
            )
        if entry is None:
            continue
        what = f"source '{key}'"
        c.keys(entry, ("citation", "kind", "date"), ("url", "doi"), what)
        kind = c.string(entry, "kind", what)
        if kind and kind not in SOURCE_KINDS:
            c.problem(
                entry.where("kind"), f"{what}: 'kind' must be one of {', '.join(SOURCE_KINDS)}"
            )
        date = c.string(entry, "date", what)
        if date and not (date[:4].isdigit() and len(date) in (4, 7, 10)):
            c.problem(entry.where("date"), f"{what}: 'date' must be a year, YYYY-MM or YYYY-MM-DD")
        if "url" not in entry and "doi" not in entry:
            c.problem(entry.at, f"{what} needs a 'url' or a 'doi'")
        out[key] = Source(
            key=key,
            citation=c.text(entry, "citation", what),
            kind=kind,
            date=date,
            url=c.string(entry, "url", what) or None,
            doi=c.string(entry, "doi", what) or None,
        )
    return out


def _check_sources_used(c: Checker, root: MDict, sources: dict[str, Source]) -> None:
    """Every `sources: [...]` list anywhere must name defined keys."""
    stack: list[Any] = [root[k] for k in ("rows", "considerations", "other_options") if k in root]
    while stack:
        node = stack.pop()
        if isinstance(node, MDict):
            if isinstance(node.get("sources"), MList):
                keys = node["sources"]
                if not keys:
                    c.problem(node.where("sources"), "'sources' must name at least one source")
                for i, key in enumerate(keys):
                    if not isinstance(key, str) or key not in sources:
                        c.problem(
                            keys.where(i),
                            f"the source '{key}' is not defined in 'sources'{did_you_mean(str(key), sources)}",
                        )
            elif "sources" in node:
                c.problem(node.where("sources"), "'sources' must be a list of source keys")
            stack.extend(v for k, v in node.items() if k != "sources")
        elif isinstance(node, MList):
            stack.extend(node)


def _sections(c: Checker, root: MDict) -> list[Section]:
    items = _list(c, root, "sections")
    out: list[Section] = []
    for index, raw in enumerate(items):
        d = c.mapping(raw, items.where(index), "a section")
        if d is None:
            continue
        c.keys(d, ("id", "title"), ("intro", "facilitator_note"), "a section")
        sid = c.ident(d, "id", "a section")
        if sid in {s.id for s in out}:
            c.problem(d.where("id"), f"the section id '{sid}' is used twice")
            continue
        what = f"section '{sid}'"
        out.append(
            Section(
                sid,
                c.text(d, "title", what),
                c.text(d, "intro", what),
                c.text(d, "facilitator_note", what),
            )
        )
    return out


def _rows(
    c: Checker, root: MDict, options: list[Option], conditions: ConditionReader
) -> list[tuple[Row, Location]]:
    items = _list(c, root, "rows")
    option_ids = [o.id for o in options]
    out: list[tuple[Row, Location]] = []
    for index, raw in enumerate(items):
        d = c.mapping(raw, items.where(index), "a row")
        if d is None:
            continue
        c.keys(
            d, ("id", "title", "covers", "cells"), ("note", "raised_if", "raised_because"), "a row"
        )
        rid = c.ident(d, "id", "a row")
        what = f"row '{rid}'"
        if rid in {r.id for r, _ in out}:
            c.problem(d.where("id"), f"the row id '{rid}' is used twice")
            continue
        covers = d.get("covers")
        if "covers" in d and covers not in ROW_COVERS:
            c.problem(d.where("covers"), f"{what}: 'covers' must be one of {', '.join(ROW_COVERS)}")
        raised = (
            conditions.read(d["raised_if"], d.where("raised_if"), f"{what} raised_if")
            if "raised_if" in d
            else None
        )
        because = c.text(d, "raised_because", what)
        if ("raised_if" in d) != bool(because):
            c.problem(d.at, f"{what}: 'raised_if' and 'raised_because' go together")
        cells = _cells(c, d, option_ids, what)
        row = Row(
            id=rid,
            title=c.text(d, "title", what),
            covers=covers if covers in ROW_COVERS else "about",
            cells=cells,
            note=c.text(d, "note", what),
            raised_if=raised,
            raised_because=because,
        )
        out.append((row, d.at))
    return out


def _cells(c: Checker, d: MDict, option_ids: list[str], what: str) -> dict[str, Cell]:
    raw = c.mapping(d.get("cells"), d.where("cells"), f"{what}: 'cells'") if "cells" in d else None
    if raw is None:
        return {}
    for key in raw:
        if key not in option_ids:
            c.problem(
                raw.where_key(key), f"{what}: no option '{key}'{did_you_mean(key, option_ids)}"
            )
    cells: dict[str, Cell] = {}
    for oid in option_ids:
        if oid not in raw:
            c.problem(
                raw.at,
                f"{what} has no cell for option '{oid}'; every option needs one in every row",
            )
            continue
        cell = c.mapping(raw[oid], raw.where(oid), f"{what} cell '{oid}'")
        if cell is None:
            continue
        c.keys(cell, ("text", "sources"), ("figures",), f"{what} cell '{oid}'")
        figures = [
            _figure(c, f, at, f"{what} cell '{oid}' figure")
            for f, at in _items(c, cell, "figures", f"{what} cell '{oid}'")
        ]
        cells[oid] = Cell(
            text=c.text(cell, "text", f"{what} cell '{oid}'"),
            sources=_keys(cell),
            figures=tuple(f for f in figures if f is not None),
        )
    return cells


def _items(c: Checker, d: MDict, key: str, what: str) -> list[tuple[Any, Location]]:
    if key not in d:
        return []
    items = c.sequence(d[key], d.where(key), f"{what}: '{key}'")
    return [(item, items.where(i)) for i, item in enumerate(items)] if items is not None else []


def _keys(d: MDict) -> tuple[str, ...]:
    value = d.get("sources")
    return tuple(k for k in value if isinstance(k, str)) if isinstance(value, MList) else ()


def _per_100(c: Checker, d: MDict, what: str) -> int:
    value = c.number(d, "per_100", what, whole=True)
    if value is not None and not 0 <= value <= 100:
        c.problem(d.where("per_100"), f"{what}: 'per_100' must be from 0 to 100 (out of 100)")
    return int(value or 0)


def _figure(c: Checker, raw: Any, at: Location, what: str) -> Figure | None:
    d = c.mapping(raw, at, what)
    if d is None:
        return None
    keys = ("per_100", "event", "no_event", "who", "time_frame", "study", "sources")
    c.keys(d, keys, ("comparator",), what)
    comparator = None
    if "comparator" in d:
        comp = c.mapping(d["comparator"], d.where("comparator"), f"{what} comparator")
        if comp is not None:
            c.keys(comp, ("label", "per_100"), (), f"{what} comparator")
            comparator = Comparator(
                c.text(comp, "label", f"{what} comparator"), _per_100(c, comp, f"{what} comparator")
            )
    return Figure(
        per_100=_per_100(c, d, what),
        event=c.text(d, "event", what),
        no_event=c.text(d, "no_event", what),
        who=c.text(d, "who", what),
        time_frame=c.text(d, "time_frame", what),
        study=c.text(d, "study", what),
        sources=_keys(d),
        comparator=comparator,
    )


def _questions(
    c: Checker,
    items: MList,
    sections: dict[str, int],
    rows: dict[str, Location],
    conditions: ConditionReader,
) -> list[Question]:
    out: list[Question] = []
    last_section = -1
    for index, raw in enumerate(items):
        question = read_question(c, raw, (items, index), index, sections, rows, conditions)
        if question is None:
            continue
        position = sections.get(question.section, last_section)
        if position < last_section and question.at is not None:
            c.problem(
                question.at,
                f"question '{question.id}': its section '{question.section}' comes earlier; "
                "keep the questions in the order of 'sections'",
            )
        last_section = max(last_section, position)
        out.append(question)
    return out


def _considerations(
    c: Checker, root: MDict, options: list[Option], conditions: ConditionReader
) -> list[Consideration]:
    out: list[Consideration] = []
    option_ids = [o.id for o in options]
    for raw, at in _items(c, root, "considerations", "the bank"):
        d = c.mapping(raw, at, "a consideration")
        if d is None:
            continue
        c.keys(d, ("id", "when", "points"), ("ask", "sources"), "a consideration")
        cid = c.ident(d, "id", "a consideration")
        what = f"consideration '{cid}'"
        when = conditions.read(d["when"], d.where("when"), f"{what} when") if "when" in d else None
        points = (
            c.mapping(d.get("points"), d.where("points"), f"{what}: 'points'")
            if "points" in d
            else None
        )
        texts: dict[str, str] = {}
        for key in list(points) if points is not None else []:
            assert points is not None
            if key not in option_ids:
                c.problem(
                    points.where_key(key),
                    f"{what}: no option '{key}'{did_you_mean(key, option_ids)}",
                )
            else:
                texts[key] = c.text(points, key, what)
        if points is not None and not points:
            c.problem(points.at, f"{what}: 'points' needs a point for at least one option")
        if when is not None:
            out.append(
                Consideration(
                    id=cid,
                    when=when,
                    points={o: texts[o] for o in option_ids if o in texts},
                    ask=c.text(d, "ask", what),
                    sources=_keys(d),
                )
            )
    return out


def _safety(c: Checker, root: MDict, conditions: ConditionReader) -> Safety | None:
    d = _section_map(c, root, "safety")
    if d is None:
        return None
    c.keys(d, ("message", "concern_if", "resources"), (), "safety")
    concern = (
        conditions.read(d["concern_if"], d.where("concern_if"), "safety concern_if")
        if "concern_if" in d
        else None
    )
    resources: list[CrisisResource] = []
    for raw, at in _items(c, d, "resources", "safety"):
        r = c.mapping(raw, at, "a crisis resource")
        if r is None:
            continue
        c.keys(r, ("name", "contact", "region", "last_checked"), (), "a crisis resource")
        resources.append(
            CrisisResource(
                c.text(r, "name", "a crisis resource"),
                c.text(r, "contact", "a crisis resource"),
                c.string(r, "region", "a crisis resource"),
                c.date(r, "last_checked", "a crisis resource"),
            )
        )
    if "resources" in d and not resources:
        c.problem(d.where("resources"), "safety needs at least one crisis resource")
    if concern is None:
        return None
    return Safety(
        message=c.text(d, "message", "safety"), resources=tuple(resources), concern_if=concern
    )


def _other_options(c: Checker, root: MDict) -> list[OtherOption]:
    out: list[OtherOption] = []
    for raw, at in _items(c, root, "other_options", "the bank"):
        d = c.mapping(raw, at, "another option")
        if d is not None:
            c.keys(d, ("name", "text"), ("sources",), "another option")
            out.append(
                OtherOption(
                    c.text(d, "name", "another option"),
                    c.text(d, "text", "another option"),
                    _keys(d),
                )
            )
    return out


def _specialist_questions(c: Checker, root: MDict) -> list[str]:
    items = _list(c, root, "specialist_questions")
    return [
        c.text_value(item, items.where(i), "a specialist question") for i, item in enumerate(items)
    ]


def problems_of(text: str, source: str = "<bank>") -> list[Problem]:
    """Every problem of a bank's text (empty when it is valid)."""
    try:
        parse_bank(text, source)
    except BankError as error:
        return error.problems
    return []
