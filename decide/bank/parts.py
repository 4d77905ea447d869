"""Reading and checking the rest of a bank: metadata, the decision in plain words, sections,
points to raise (considerations), the safety block, other options and standard questions."""

from __future__ import annotations

from decide.bank.checker import KEY_ID, Checker, source_keys
from decide.bank.conditions import ConditionReader
from decide.bank.naming import did_you_mean
from decide.bank.yamlsource import MDict, MList
from decide.core.model import (
    CONSIDERATION_KINDS,
    Consideration,
    ConsiderationKind,
    CrisisResource,
    Decision,
    Meta,
    Option,
    OtherOption,
    Safety,
    Section,
)


def read_meta(c: Checker, root: MDict) -> Meta | None:
    d = c.mapping_in(root, "meta")
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
    authors: list[str] = []
    for name, at in c.items(d, "authors", "meta"):
        if isinstance(name, str) and name.strip():
            authors.append(c.text_value(name, at, "meta 'authors'"))
        else:
            c.problem(at, "meta 'authors' must be a list of names")
    if "authors" in d and not authors and isinstance(d["authors"], MList):
        c.problem(d.where("authors"), "meta 'authors' must name at least one author")
    meta = Meta(
        id=c.string(d, "id", "meta", KEY_ID),
        title=c.text(d, "title", "meta"),
        version=c.string(d, "version", "meta"),
        language=language,
        last_reviewed=c.date(d, "last_reviewed", "meta"),
        next_review_due=c.date(d, "next_review_due", "meta"),
        authors=tuple(authors),
        funding=c.text(d, "funding", "meta"),
        update_policy=c.text(d, "update_policy", "meta"),
        evidence_note=c.text(d, "evidence_note", "meta"),
    )
    if meta.last_reviewed and meta.next_review_due and meta.next_review_due <= meta.last_reviewed:
        c.problem(
            d.where("next_review_due"), "meta 'next_review_due' must come after 'last_reviewed'"
        )
    return meta


def read_decision(c: Checker, root: MDict) -> Decision | None:
    d = c.mapping_in(root, "decision")
    if d is None:
        return None
    keys = ("who_for", "choice", "does", "does_not", "time_needed")
    c.keys(d, keys, (), "decision")
    return Decision(**{k: c.text(d, k, "decision") for k in keys})


def read_sections(c: Checker, root: MDict) -> list[Section]:
    out: list[Section] = []
    for d, sid in c.entries(
        root, "sections", "a section", ("id", "title"), ("intro", "facilitator_note")
    ):
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


def read_considerations(
    c: Checker,
    root: MDict,
    options: list[Option],
    conditions: ConditionReader,
    row_ids: list[str],
) -> list[Consideration]:
    out: list[Consideration] = []
    option_ids = [o.id for o in options]
    for raw, at in c.items(root, "considerations", "the bank"):
        d = c.mapping(raw, at, "a consideration")
        if d is None:
            continue
        cid = c.ident(d, "id", "a consideration")
        what = f"consideration '{cid}'" if cid else "a consideration"
        c.keys(d, ("id", "kind", "row", "when", "points"), ("ask", "sources"), what)
        kind = _kind(c, d, what)
        row = _row(c, d, row_ids, what)
        when = conditions.read(d["when"], (d, "when"), f"{what} when") if "when" in d else None
        texts = _points(c, d, option_ids, what) if "points" in d else {}
        if when is not None:
            out.append(
                Consideration(
                    id=cid,
                    when=when,
                    points={o: texts[o] for o in option_ids if o in texts},
                    kind=kind,
                    row=row,
                    ask=c.text(d, "ask", what),
                    sources=source_keys(d),
                )
            )
    return out


def _kind(c: Checker, d: MDict, what: str) -> ConsiderationKind:
    """How much the point weighs on the one-page summary: one of CONSIDERATION_KINDS."""
    value = d.get("kind")
    for kind in CONSIDERATION_KINDS:
        if value == kind:
            return kind
    if "kind" in d:
        c.problem(
            d.where("kind"),
            f"{what}: 'kind' must be one of {', '.join(CONSIDERATION_KINDS)}, not {value!r}"
            f"{did_you_mean(str(value), list(CONSIDERATION_KINDS))}",
        )
    return "background"


def _row(c: Checker, d: MDict, row_ids: list[str], what: str) -> str:
    """The comparison row the point belongs to: it brings that row onto the one page."""
    if "row" not in d:
        return ""
    row = c.ident(d, "row", what)
    if row and row not in row_ids:
        c.problem(d.where("row"), f"{what}: 'row' names no row '{row}'{did_you_mean(row, row_ids)}")
        return ""
    return row


def _points(c: Checker, d: MDict, option_ids: list[str], what: str) -> dict[str, str]:
    """A consideration's point per option (only options that exist; at least one)."""
    points = c.mapping(d["points"], (d, "points"), f"{what}: 'points'")
    if points is None:
        return {}
    if not points:
        c.problem(points.at, f"{what}: 'points' needs a point for at least one option")
    texts: dict[str, str] = {}
    for key in points:
        if key in option_ids:
            texts[key] = c.text(points, key, what)
        else:
            hint = did_you_mean(key, option_ids)
            c.problem(points.where_key(key), f"{what}: no option '{key}'{hint}")
    return texts


def read_safety(c: Checker, root: MDict, conditions: ConditionReader) -> Safety | None:
    d = c.mapping_in(root, "safety")
    if d is None:
        return None
    c.keys(d, ("message", "concern_if", "resources"), (), "safety")
    concern = (
        conditions.read(d["concern_if"], (d, "concern_if"), "safety concern_if")
        if "concern_if" in d
        else None
    )
    resources: list[CrisisResource] = []
    for raw, at in c.items(d, "resources", "safety"):
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


def read_other_options(c: Checker, root: MDict) -> list[OtherOption]:
    out: list[OtherOption] = []
    for raw, at in c.items(root, "other_options", "the bank"):
        d = c.mapping(raw, at, "another option")
        if d is not None:
            c.keys(d, ("name", "text"), ("sources",), "another option")
            out.append(
                OtherOption(
                    c.text(d, "name", "another option"),
                    c.text(d, "text", "another option"),
                    source_keys(d),
                )
            )
    return out


def read_specialist_questions(c: Checker, root: MDict) -> list[str]:
    items = c.list_in(root, "specialist_questions")
    return [c.text_value(item, (items, i), "a specialist question") for i, item in enumerate(items)]
