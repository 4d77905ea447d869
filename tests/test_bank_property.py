"""Whatever a bank author does to a valid bank, decide answers with a bank or with clean problem lines."""

from __future__ import annotations

import copy
import datetime
import re
from pathlib import Path
from typing import Any

import yaml
from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decide.bank import parse_bank
from decide.core.errors import BankError
from decide.core.model import Bank

SOURCE = Path(__file__).parent / "banks" / "small.yaml"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


BASE = _plain(yaml.safe_load(SOURCE.read_text(encoding="utf-8")))
LINE = re.compile(r"^bank\.yaml:\d+:\d+: \S.*$")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["alpha", "beta", "seizures", "tried", "chance", "SRC-A", "yes"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)


def _containers(node: Any, out: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        out.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, out)
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    bank = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        containers = _containers(bank, [])
        target = draw(st.sampled_from(containers))
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            action = draw(st.sampled_from(["delete", "replace", "rename_id", "add"]))
            if action == "delete":
                del target[key]
            elif action == "replace":
                target[key] = draw(values)
            elif action == "rename_id" and "id" in target:
                target["id"] = draw(
                    st.sampled_from(["alpha", "seizures", "x", "Bad Id", "tried", ""])
                )
            else:
                target[draw(st.text(min_size=1, max_size=8))] = draw(values)
        elif isinstance(target, list) and target:
            index = draw(st.integers(0, len(target) - 1))
            if draw(st.booleans()):
                del target[index]
            else:
                target[index] = draw(values)
    return dict(bank)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_bank_loads_or_gives_clean_located_problems(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        bank = parse_bank(text, "bank.yaml")
    except BankError as error:
        assert error.problems, "a BankError always names at least one problem"
        for problem in error.problems:
            assert LINE.match(str(problem)), str(problem)
        return
    assert isinstance(bank, Bank)
    assert [o.id for o in bank.options] and all(
        set(r.cells) == {o.id for o in bank.options} for r in bank.rows
    )


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=200))
def test_any_text_at_all_gives_a_bank_error_not_a_crash(text: str) -> None:
    try:
        parse_bank(text, "bank.yaml")
    except BankError as error:
        assert all(LINE.match(str(p)) for p in error.problems)
