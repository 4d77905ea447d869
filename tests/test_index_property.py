"""Whatever bytes are in the session index or its save log, `sessions list` shows exactly what
reading every session file shows: a damaged line is never used, a damaged index is rebuilt."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small_answers import FULL

from decide.bank import read_bank
from decide.core.model import Bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SessionStore
from decide.sessions.index import INDEX_NAME, SAVES_NAME, indexed_list
from decide.sessions.overview import overview

BANK = Path(__file__).parent / "banks" / "small.yaml"


@cache
def sample() -> tuple[SessionStore, Bank, bytes, bytes]:
    """A store of four sessions (one with a crisis flag, one a patient's), the index a list
    made of them, and a save log of one line; made once for every example."""
    bank = read_bank(BANK)
    root = Path(tempfile.mkdtemp(prefix="decide-index-property-")) / "store"
    minutes = iter(range(60))
    store = SessionStore(root, clock=lambda: f"2026-05-01T10:{next(minutes):02d}:00Z")
    half = dict(list(FULL.items())[: len(FULL) // 2])
    people = [(FULL, "C-1", True), (half, "C-2", False), ({}, None, False), (half, "C-3", True)]
    for values, code, crisis in people:
        record = InterviewRecord(
            mode="counselor" if code else "patient", client_code=code, crisis_fired=crisis
        )
        record.answers = {q: GivenAnswer(v, "2026-05-01T09:00:00Z") for q, v in values.items()}
        with store.create(bank, record):
            pass
    indexed_list(store, bank)
    sid = store.ids()[0]
    with store.open(sid, bank) as session:  # a save after the index: one line in the log
        session.record.client_code = "C-9"
        session.save(session.record)
    index = (root / INDEX_NAME).read_bytes()
    saves = (root / SAVES_NAME).read_bytes()
    return store, bank, index, saves


def from_the_files(store: SessionStore, bank: Bank | None) -> list[dict[str, Any]]:
    found, _ = store.list()
    return [overview(saved, bank).as_json() for saved in found]


@st.composite
def damaged(draw: st.DrawFn, whole: bytes) -> bytes:
    """`whole` with some of its bytes changed, cut, repeated or left out, or any bytes."""
    how = draw(st.sampled_from(["bytes", "replace", "cut", "insert", "lines"]))
    if how == "bytes":
        return draw(st.binary(max_size=600))
    at = draw(st.integers(0, len(whole)))
    if how == "replace":
        new = draw(st.binary(min_size=1, max_size=8))
        return whole[:at] + new + whole[at + len(new) :]
    if how == "cut":
        return whole[:at]
    if how == "insert":
        return whole[:at] + draw(st.binary(min_size=1, max_size=40)) + whole[at:]
    lines = whole.split(b"\n")
    picked = draw(st.lists(st.sampled_from(lines), max_size=len(lines) + 2))
    return b"\n".join(picked)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.sampled_from(["index", "saves", "both"]), with_bank=st.booleans())
def test_no_bytes_in_the_index_or_its_log_change_what_the_list_shows(
    data: st.DataObject, which: str, with_bank: bool
) -> None:
    store, the_bank, index, saves = sample()
    bank = the_bank if with_bank else None
    expected = from_the_files(store, bank)
    new_index = data.draw(damaged(index)) if which != "saves" else index
    new_saves = data.draw(damaged(saves)) if which != "index" else saves
    (store.root / INDEX_NAME).write_bytes(new_index)
    (store.root / SAVES_NAME).write_bytes(new_saves)
    items, problems = indexed_list(store, bank)
    assert [item.as_json() for item in items] == expected
    assert problems == []
    again, _ = indexed_list(store, bank)  # and from the index that list wrote
    assert [item.as_json() for item in again] == expected
