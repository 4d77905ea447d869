"""Reading and checking what a bank compares: the options, the rows with one cell per option,
the figures, and the sources every cell and figure must name."""

from __future__ import annotations

import re
from typing import Any

from decide.bank.checker import KEY_ID, At, Checker, source_keys
from decide.bank.conditions import ConditionReader
from decide.bank.links import CLINICAL_KINDS, not_primary, same_address
from decide.bank.naming import did_you_mean
from decide.bank.short_kinds import check_short_kinds
from decide.bank.yamlsource import MDict, MList
from decide.core.model import (
    CERTAINTIES,
    ROW_COVERS,
    Cell,
    Certainty,
    Comparator,
    Figure,
    Option,
    Row,
    Source,
)

# Short forms (the at-a-glance grid): one or two plain sentences, about the same length for
# every option in a row (the longest at most SHORT_BALANCE times the shortest, in words).
SHORT_WORDS = 25
SHORT_SENTENCES = 2
SENTENCE_WORDS = 20
SHORT_BALANCE = 1.6
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")

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


def read_options(c: Checker, root: MDict) -> list[Option]:
    out: list[Option] = []
    for d, oid in c.entries(
        root, "options", "an option", ("id", "name", "short_name", "summary"), ()
    ):
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


PMID = re.compile(r"^[1-9]\d{0,8}$")
REGISTRY = re.compile(
    r"^(?:NCT\d{8}|ISRCTN\d{8}|ACTRN\d{14}|EUCTR\d{4}-\d{6}-\d{2}|(?!NCT)[A-Z]{2,}[A-Z0-9-]*\d)$"
)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def read_sources(c: Checker, root: MDict) -> dict[str, Source]:
    d = c.mapping_in(root, "sources")
    out: dict[str, Source] = {}
    if d is None:
        return out
    for key, raw in d.items():
        entry = c.mapping(raw, (d, key), f"source '{key}'")
        if not KEY_ID.match(key):
            c.problem(
                d.where_key(key), f"the source key '{key}' may only use letters, digits, -, _ and ."
            )
        if entry is None:
            continue
        what = f"source '{key}'"
        c.keys(entry, ("citation", "kind", "date"), (*LINK_KEYS, "no_link"), what)
        kind = c.string(entry, "kind", what)
        if kind and kind not in SOURCE_KINDS:
            c.problem(
                entry.where("kind"), f"{what}: 'kind' must be one of {', '.join(SOURCE_KINDS)}"
            )
        date = c.string(entry, "date", what)
        if date and not (date[:4].isdigit() and len(date) in (4, 7, 10)):
            c.problem(entry.where("date"), f"{what}: 'date' must be a year, YYYY-MM or YYYY-MM-DD")
        if not any(k in entry for k in LINK_KEYS) and "no_link" not in entry:
            c.problem(
                entry.at,
                f"{what} needs a 'url', 'doi', 'pmid' or 'registry', or a 'no_link' that says "
                "why no primary record could be linked",
            )
        out[key] = Source(
            key=key,
            citation=c.text(entry, "citation", what),
            kind=kind,
            date=date,
            url=c.string(entry, "url", what) or None,
            doi=_identifier(c, entry, "doi", DOI, "a DOI such as 10.1001/jama.2019.1", what),
            pmid=_identifier(c, entry, "pmid", PMID, "a PubMed id: digits only", what),
            registry=_identifier(
                c, entry, "registry", REGISTRY, "a registry id such as NCT01234567", what
            ),
            no_link=c.text(entry, "no_link", what),
        )
    _check_links(c, d, out)
    return out


LINK_KEYS = ("url", "doi", "pmid", "registry")


def _identifier(
    c: Checker, entry: MDict, key: str, pattern: re.Pattern[str], hint: str, what: str
) -> str | None:
    value = c.string(entry, key, what)
    if value and not pattern.match(value):
        c.problem(entry.where(key), f"{what}: '{key}' '{value}' is not {hint}")
        return None
    return value or None


def _check_links(c: Checker, d: MDict, sources: dict[str, Source]) -> None:
    """A clinical source links to its primary record, and no two sources share one address."""
    seen: dict[str, str] = {}
    for key, source in sources.items():
        if not source.url or not isinstance(d.get(key), MDict):
            continue
        at: At = (d[key], "url")
        copy = not_primary(source.url)
        if copy and source.kind in CLINICAL_KINDS:
            c.problem(
                at,
                f"source '{key}' is a {source.kind} but its url points at {copy}, not the "
                "primary record; link the publisher (doi), PubMed (pmid), the trial registry "
                "(registry) or the regulator's own page",
            )
        address = same_address(source.url)
        if address in seen:
            c.problem(
                at,
                f"source '{key}' has the same url as source '{seen[address]}'; each source "
                "needs its own record, so merge the two or link each to its own page",
            )
        else:
            seen[address] = key


def check_sources_used(c: Checker, root: MDict, sources: dict[str, Source]) -> None:
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


def read_rows(
    c: Checker, root: MDict, options: list[Option], conditions: ConditionReader
) -> list[Row]:
    option_ids = [o.id for o in options]
    out: list[Row] = []
    for d, rid in c.entries(
        root,
        "rows",
        "a row",
        ("id", "title", "covers", "cells"),
        ("note", "raised_if", "raised_because"),
    ):
        what = f"row '{rid}'"
        covers = d.get("covers")
        if "covers" in d and covers not in ROW_COVERS:
            c.problem(d.where("covers"), f"{what}: 'covers' must be one of {', '.join(ROW_COVERS)}")
        raised = (
            conditions.read(d["raised_if"], (d, "raised_if"), f"{what} raised_if")
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
        out.append(row)
    return out


def _cells(c: Checker, d: MDict, option_ids: list[str], what: str) -> dict[str, Cell]:
    raw = c.field_mapping(d, "cells", what)
    if raw is None:
        return {}
    for key in raw:
        if key not in option_ids:
            c.problem(
                raw.where_key(key), f"{what}: no option '{key}'{did_you_mean(key, option_ids)}"
            )
    cells: dict[str, Cell] = {}
    short_at: dict[str, At] = {}
    for oid in option_ids:
        if oid not in raw:
            c.problem(
                raw.at,
                f"{what} has no cell for option '{oid}'; every option needs one in every row",
            )
            continue
        cell = c.mapping(raw[oid], (raw, oid), f"{what} cell '{oid}'")
        if cell is None:
            continue
        c.keys(cell, ("text", "short", "sources"), ("figures",), f"{what} cell '{oid}'")
        figures = [
            _figure(c, f, at, f"{what} cell '{oid}' figure")
            for f, at in c.items(cell, "figures", f"{what} cell '{oid}'")
        ]
        short = c.text(cell, "short", f"{what} cell '{oid}'")
        if short:
            short_at[oid] = (cell, "short")
            _check_short(c, short, short_at[oid], f"{what} cell '{oid}' short")
        cells[oid] = Cell(
            text=c.text(cell, "text", f"{what} cell '{oid}'"),
            short=short,
            sources=source_keys(cell),
            figures=tuple(f for f in figures if f is not None),
        )
    _check_short_balance(c, (raw, None), cells, what)
    check_short_kinds(c, cells, short_at, what)
    return cells


def words(text: str) -> int:
    return len(text.split())


def _check_short(c: Checker, short: str, at: At, what: str) -> None:
    """A short form is one or two plain sentences, SHORT_WORDS words at most, none of them
    long: sentence length is the part of reading level a validator can measure without a
    dictionary (the bundled bank's tests add the Flesch-Kincaid grade)."""
    if words(short) > SHORT_WORDS:
        c.problem(
            at,
            f"{what} has {words(short)} words; keep it to {SHORT_WORDS} or fewer (one or two "
            "plain sentences)",
        )
    sentences = [s for s in _SENTENCE_END.split(short) if s.strip()]
    if len(sentences) > SHORT_SENTENCES:
        c.problem(at, f"{what} has {len(sentences)} sentences; keep it to one or two")
    longest = max((words(s) for s in sentences), default=0)
    if longest > SENTENCE_WORDS:
        c.problem(
            at,
            f"{what} has a sentence of {longest} words; split it or cut it to "
            f"{SENTENCE_WORDS} or fewer so it reads easily",
        )


def _check_short_balance(c: Checker, at: At, cells: dict[str, Cell], what: str) -> None:
    """Every option's short form gets about the same room: no option is summed up in more
    (or fewer) words than the others."""
    counts = {oid: words(cell.short) for oid, cell in cells.items() if cell.short}
    if len(counts) < 2:
        return
    longest = max(counts, key=lambda oid: counts[oid])
    shortest = min(counts, key=lambda oid: counts[oid])
    if counts[longest] > SHORT_BALANCE * counts[shortest]:
        c.problem(
            at,
            f"{what}: the short forms are out of balance ('{longest}' has {counts[longest]} "
            f"words, '{shortest}' has {counts[shortest]}); keep the longest within "
            f"{SHORT_BALANCE} times the shortest",
        )


def _per_100(c: Checker, d: MDict, what: str) -> int:
    value = c.number(d, "per_100", what, whole=True)
    if value is not None and not 0 <= value <= 100:
        c.problem(d.where("per_100"), f"{what}: 'per_100' must be from 0 to 100 (out of 100)")
    return int(value or 0)


def _figure(c: Checker, raw: Any, at: At, what: str) -> Figure | None:
    d = c.mapping(raw, at, what)
    if d is None:
        return None
    keys = ("per_100", "event", "no_event", "who", "time_frame", "study", "sources", "measure")
    c.keys(d, (*keys, "certainty", "certainty_reason"), ("comparator",), what)
    comparator = None
    if "comparator" in d:
        comp = c.mapping(d["comparator"], (d, "comparator"), f"{what} comparator")
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
        sources=source_keys(d),
        measure=c.text(d, "measure", what),
        certainty=_certainty(c, d, what),
        certainty_reason=c.text(d, "certainty_reason", what),
        comparator=comparator,
    )


def _certainty(c: Checker, d: MDict, what: str) -> Certainty:
    value = c.string(d, "certainty", what)
    for certainty in CERTAINTIES:
        if value == certainty:
            return certainty
    if value:
        c.problem(
            d.where("certainty"),
            f"{what}: 'certainty' must be one of {', '.join(CERTAINTIES)}, not '{value}'",
        )
    return "very low"
