"""A JSON answers file read without the YAML parser says exactly what YAML would have said:
the same answers, the same notes and problems at the same line and column."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from counts import examples
from hypothesis import given, settings
from hypothesis import strategies as st

import decide.bank.answers_file as answers_file
from decide.bank import read_bank
from decide.bank.answers_file import parse_answers
from decide.bank.json_tree import json_tree
from decide.core.errors import AnswersFileError
from decide.core.model import Bank

SMALL = Path(__file__).parent / "banks" / "small.yaml"


@cache
def bank() -> Bank:
    return read_bank(SMALL)


@contextmanager
def as_yaml_only() -> Iterator[None]:
    """Every answers file read as YAML, as before the JSON reader existed."""
    with mock.patch.object(answers_file, "json_tree", lambda text, source: None):
        yield


def outcome(text: str) -> tuple[str, Any]:
    """What decide says of `text`: the answers and notes, or the problems, as shown."""
    try:
        read = parse_answers(text, "answers.json", bank())
    except AnswersFileError as error:
        return "problems", ([str(p) for p in error.problems], error.values, error.unreadable)
    return "answers", (read.values, [str(n) for n in read.notes])


def plain(value: Any) -> Any:
    """A located tree as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 12),
    st.floats(-3, 12, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from(["yes", "no", "y", "true", "alpha", "beta", "none", "helped", "", " ", "1"]),
    st.text("abc :#-\t'\"\\é", max_size=6),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))


@st.composite
def answers_texts(draw: st.DrawFn) -> str:
    """A JSON answers file as a script might write it: ids of the small bank (and a few that
    are not), values right and wrong, in any of json.dumps's layouts."""
    ids = [q.id for q in bank().questions] + ["not_a_question", "self_harm_"]
    answers = draw(st.dictionaries(st.sampled_from(ids), VALUES, max_size=8))
    indent = draw(st.sampled_from([None, 0, 1, 2, 4, "\t"]))
    ascii_only = draw(st.booleans())
    return json.dumps(answers, indent=indent, ensure_ascii=ascii_only)


@settings(max_examples=examples(300), deadline=None)
@given(answers_texts())
def test_a_json_file_gets_what_yaml_would_have_said(text: str) -> None:
    fast = outcome(text)
    with as_yaml_only():
        assert fast == outcome(text)


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=5),
    st.sampled_from([None, 0, 2, "\t"]),
    st.booleans(),
)
def test_json_is_read_without_yaml_only_where_yaml_reads_it_the_same(
    data: dict[str, Any], indent: int | str | None, ascii_only: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    tree = json_tree(text, "answers.json")
    if tree is not None:
        assert plain(tree) == yaml.safe_load(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"tried": 1e1}',  # YAML 1.1 reads 1e1 as text
        '{"tried":\t3}',  # a tab separates nothing in PyYAML
        '{"tried": 3, "tried": 4}',  # a key twice: YAML reports it
        '{"tried"\n: 3}',  # a key's colon on the next line
        '{"goal": "caf\\u00e9"}',  # an escape
        '{"goal": "café"}',  # not ASCII
        '{"tried": NaN}',
        '{"tried": 1' + "0" * 400 + ".5}",  # too large for a float
        '["tried"]',  # not a mapping
        "tried: 3",  # YAML, not JSON
        "[" * 70 + "]" * 70,
        '{"a": ' + "[" * 70 + "]" * 70 + "}",  # nested deeper than YAML allows
    ],
)
def test_json_yaml_might_read_otherwise_is_left_to_yaml(text: str) -> None:
    assert json_tree(text, "answers.json") is None


def test_a_note_in_a_json_file_has_its_line_and_column(tmp_path: Path) -> None:
    """An answer to a question that does not apply needs its position: read again as YAML."""
    text = '{\n  "self_harm": false,\n  "past": ["none"],\n  "past_alpha": "helped"\n}\n'
    kind, (_, notes) = outcome(text)
    assert kind == "answers"
    assert notes == [
        "answers.json:4:3: the answer to 'past_alpha' is not used: that question does not "
        "apply with the other answers given"
    ]


def test_a_valid_json_file_is_read_without_the_yaml_parser() -> None:
    text = json.dumps({"self_harm": False, "tried": 3, "past": ["alpha"], "know_beta": "false"})
    with mock.patch.object(answers_file, "_checked", wraps=answers_file._checked) as checked:
        kind, (values, notes) = outcome(text)
    assert kind == "answers" and notes == []
    assert values == {"self_harm": False, "tried": 3, "past": ["alpha"], "know_beta": "false"}
    assert checked.call_count == 1  # once, from the JSON tree: no second reading as YAML
