"""The bank cache: an unchanged bank comes from it, a damaged entry is ignored and rebuilt, and
a changed bank is always checked again. What is cached is plain JSON, owner-only."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decide.bank import bundled_bank_path, parse_bank, read_bank
from decide.bank.cache import cache_folder
from decide.bank.plain import PlainError, bank_from_json, bank_to_json
from decide.cli import app
from decide.core.errors import BankError

BANKS = Path(__file__).parent / "banks"


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_bytes((BANKS / "small.yaml").read_bytes())
    return path


def entries() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_an_unchanged_bank_is_read_from_the_cache(bank_file: Path, parses: list[str]) -> None:
    first = read_bank(bank_file)
    second = read_bank(bank_file)
    assert parses == [str(bank_file)]  # checked once, then taken from the cache
    assert second == first
    assert second.content_hash == first.content_hash


def test_a_changed_bank_is_always_checked_again(bank_file: Path, parses: list[str]) -> None:
    read_bank(bank_file)
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("format: 1", "format: 2", 1), encoding="utf-8")
    with pytest.raises(BankError, match="format 2"):
        read_bank(bank_file)
    bank_file.write_text(text + "\n# a comment changes the text, not the bank\n", "utf-8")
    read_bank(bank_file)
    assert parses == [str(bank_file)] * 3


def test_a_bank_with_problems_is_never_cached(bank_file: Path) -> None:
    bank_file.write_text("format: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(BankError):
            read_bank(bank_file)
    assert entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b'"title":"', b'"title":"changed ', 1),  # checksum no longer fits
        lambda data: b"not json at all\n" + data,
        lambda data: data.replace(b'"decide":"', b'"decide":"0.0.0-', 1),  # another decide
    ],
    ids=["empty", "cut-short", "changed", "garbage", "other-version"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    bank_file: Path, parses: list[str], damage: Any
) -> None:
    first = read_bank(bank_file)
    (entry,) = entries()
    entry.write_bytes(damage(entry.read_bytes()))
    assert read_bank(bank_file) == first
    assert parses == [str(bank_file)] * 2  # the damaged entry was not trusted
    assert read_bank(bank_file) == first
    assert parses == [str(bank_file)] * 2  # and the rebuilt one is used again


def test_a_forged_entry_with_a_matching_checksum_builds_nothing_foreign(
    bank_file: Path, parses: list[str]
) -> None:
    import hashlib

    read_bank(bank_file)
    (entry,) = entries()
    head = entry.read_bytes().split(b"\n", 1)[0]
    forged = json.dumps({"$": "Path", "args": ["/etc/passwd"]}).encode()
    about = json.loads(head)
    about["sha256"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(about).encode() + b"\n" + forged)
    read_bank(bank_file)
    assert parses == [str(bank_file)] * 2


def test_entries_and_their_folder_are_owner_only(bank_file: Path) -> None:
    read_bank(bank_file)
    (entry,) = entries()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert not [p for p in entry.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_cache_folder_can_be_chosen_and_an_unwritable_one_is_only_slower(
    bank_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("DECIDE_CACHE", str(blocked))
    assert read_bank(bank_file) == read_bank(bank_file)
    assert parses == [str(bank_file)] * 2
    monkeypatch.setenv("DECIDE_CACHE", str(tmp_path / "mine"))
    read_bank(bank_file)
    assert [p.parent for p in entries()] == [tmp_path / "mine" / "banks"]


def test_the_cli_uses_the_cache_for_bank_files(bank_file: Path, parses: list[str]) -> None:
    for _ in range(2):
        result = CliRunner().invoke(app, ["validate", str(bank_file)])
        assert result.exit_code == 0, result.output
    assert parses == [str(bank_file)]


@pytest.mark.parametrize("path", [BANKS / "small.yaml", BANKS / "interview_small.yaml", None])
def test_the_plain_form_gives_back_the_same_bank(path: Path | None) -> None:
    bank = parse_bank(
        (path or bundled_bank_path()).read_text(encoding="utf-8"), str(path or "bundled")
    )
    again = bank_from_json(bank_to_json(bank))
    assert again == bank
    assert [dict(q.labels) for q in again.questions] == [dict(q.labels) for q in bank.questions]
    # ints stay ints (a bound of 0 is never shown as 0.0), tuples stay tuples
    assert [(type(q.min), type(q.max)) for q in again.questions] == [
        (type(q.min), type(q.max)) for q in bank.questions
    ]


def _first_question_with(data: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(q for q in data["questions"] if q.get(key))
    return found


DAMAGE: dict[str, Any] = {
    "a number for a text": lambda d: d["options"][0].update(name=1),
    "a bool for a number": lambda d: _first_question_with(d, "max").update(max=True),
    "a field the model does not have": lambda d: d["options"][0].update(x=1),
    "a field missing": lambda d: d["options"][0].pop("summary"),
    "a condition of another kind": lambda d: _first_question_with(d, "show_if").update(
        show_if={"type": "Eval", "code": "print(1)"}
    ),
    "a value no condition takes": lambda d: _first_question_with(d, "show_if").update(
        show_if={"type": "Test", "question": "q", "op": "is", "value": {"a": 1}}
    ),
    "an operator that does not exist": lambda d: _first_question_with(d, "show_if").update(
        show_if={"type": "Test", "question": "q", "op": "eval", "value": True}
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_plain_data_that_is_not_a_bank_is_refused(damage: str) -> None:
    data = json.loads(bank_to_json(parse_bank(bundled_bank_path().read_text(encoding="utf-8"))))
    DAMAGE[damage](data)
    with pytest.raises(PlainError):
        bank_from_json(json.dumps(data))


@pytest.mark.parametrize(
    "text", ["", "not json", "[]", '{"$": "Path", "args": ["/"]}', '{"meta": 1}', "[" * 100_000]
)
def test_text_that_is_not_a_bank_is_refused(text: str) -> None:
    with pytest.raises(PlainError):
        bank_from_json(text)


def test_without_its_own_setting_the_cache_follows_decide_home(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cache_folder() == Path(os.environ["DECIDE_CACHE"]) / "banks"
    monkeypatch.delenv("DECIDE_CACHE")
    assert cache_folder() == Path(os.environ["DECIDE_HOME"]) / ".cache" / "banks"


def test_private_mode_reads_the_cache_but_never_writes_it(bank_file: Path) -> None:
    args = ["interview", "--no-save", "--plain", "--bank", str(bank_file)]
    result = CliRunner().invoke(app, args, input="quit\n")
    assert result.exit_code == 0, result.output
    assert entries() == []
    read_bank(bank_file)
    (entry,) = entries()
    before = entry.stat()
    CliRunner().invoke(app, args, input="quit\n")
    assert entries() == [entry] and entry.stat().st_mtime_ns == before.st_mtime_ns


def _first(data: Any, kind: str) -> dict[str, Any]:
    """The first object of `kind` (a question, or a question's choice) in a bank's JSON."""
    if kind == "Question":
        question: dict[str, Any] = data["questions"][0]
        return question
    choice: dict[str, Any] = _first_question_with(data, "choices")["choices"][0]
    return choice


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [("Question", "text", 7), ("Choice", "label", ["x"]), ("Question", "type", "essay")],
    ids=["a number for a text", "a list for a label", "a type that is not one"],
)
def test_an_entry_with_a_field_of_the_wrong_type_is_never_used(
    bank_file: Path, parses: list[str], kind: str, field: str, value: Any
) -> None:
    import hashlib

    first = read_bank(bank_file)
    (entry,) = entries()
    head, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    _first(data, kind)[field] = value
    body = json.dumps(data).encode()
    about = json.loads(head)
    about["sha256"] = hashlib.sha256(body).hexdigest()  # a checksum that matches the change
    entry.write_bytes(json.dumps(about).encode() + b"\n" + body)
    assert read_bank(bank_file) == first
    assert parses == [str(bank_file)] * 2  # the entry was refused, the bank checked again
