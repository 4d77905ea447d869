"""libyaml's events made with lean classes (decide.bank.lean_events): the same tree, and
PyYAML left exactly as it was after every parse, whatever happens during it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from decide.bank import lean_events as lean
from decide.bank.text_file import YamlError
from decide.bank.yamlsource import compose

C_LOADER: Any = getattr(yaml, "CSafeLoader", None)
needs_libyaml = pytest.mark.skipif(C_LOADER is None, reason="PyYAML was built without libyaml")
NAMES = (
    "ScalarEvent",
    "MappingStartEvent",
    "SequenceStartEvent",
    "MappingEndEvent",
    "SequenceEndEvent",
)
TEXT = "a: [1, {b: yes}]\nc: |\n  text\n"


def pyyaml_classes() -> list[object]:
    return [getattr(yaml._yaml, name) for name in NAMES]


def own_classes() -> list[object]:
    return [getattr(yaml.events, name) for name in NAMES]


@needs_libyaml
def test_the_c_parser_makes_lean_events_during_a_parse_and_its_own_after() -> None:
    with lean.lean_events(C_LOADER) as kinds:
        assert kinds is lean.LEAN
        assert [type(e) for e in yaml.parse("[a]", Loader=C_LOADER)][2:5] == [
            kinds.sequence_start,
            kinds.scalar,
            kinds.sequence_end,
        ]
    assert pyyaml_classes() == own_classes()
    assert all(type(e).__module__ == "yaml.events" for e in yaml.parse(TEXT, Loader=C_LOADER))


@needs_libyaml
def test_a_failed_parse_puts_pyyaml_back_too() -> None:
    with pytest.raises(YamlError):
        compose("a: [1, 2\n", "bad.yaml")
    with pytest.raises(YamlError):
        compose("a: !!python/object:os.system 1\n", "tag.yaml")
    assert pyyaml_classes() == own_classes()


@needs_libyaml
def test_the_tree_is_the_same_with_either_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    lean_tree = compose(TEXT, "a.yaml")
    monkeypatch.setattr(lean, "_takes", False)  # as when the swap does not take
    assert compose(TEXT, "a.yaml") == lean_tree == {"a": [1, {"b": True}], "c": "text\n"}
    assert lean_tree["a"].where(1).column == compose(TEXT, "a.yaml")["a"].where(1).column == 8


@needs_libyaml
def test_classes_someone_else_set_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class Theirs(yaml.ScalarEvent):
        pass

    monkeypatch.setattr(yaml._yaml, "ScalarEvent", Theirs)
    with lean.lean_events(C_LOADER) as kinds:
        assert kinds is lean.PYYAML
        assert getattr(yaml._yaml, "ScalarEvent") is Theirs  # noqa: B009


def test_the_pure_python_parser_keeps_its_own_classes() -> None:
    with lean.lean_events(yaml.SafeLoader) as kinds:
        assert kinds is lean.PYYAML
    assert compose(TEXT, "a.yaml") == {"a": [1, {"b": True}], "c": "text\n"}


@needs_libyaml
def test_the_probe_sees_whether_the_swap_took(monkeypatch: pytest.MonkeyPatch) -> None:
    with lean.lean_events(C_LOADER):
        assert lean._probe(C_LOADER)
    assert not lean._probe(C_LOADER)  # PyYAML's own classes are back
