"""A checked `Bank` as plain JSON data and back: the one place the model is serialised. Pure.

The bank cache (`decide.bank.cache`) stores banks in this form. It is plain data only: JSON
objects, lists, strings, numbers, booleans and null. Turning it back into a `Bank` builds only
the model's own frozen classes, chosen by name from a closed list, and calls no other code: a
damaged or foreign document raises `PlainError`, never builds anything else.

The shapes:
- a model object is `{"$": "Question", "id": ..., ...}` with only the fields that differ from
  their default;
- a tuple is a JSON list; a list (a condition's value) is `{"$list": [...]}`;
- a mapping is `{"$map": [[key, value], ...]}` (keys keep their type: scale labels use numbers).

A checked bank holds no file name or position (only problems have those), so the same text
gives the same plain form wherever the file was read: the checked copy shipped in the wheel is
built in one place and used in another.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from msgspec import NODEFAULT
from msgspec.structs import fields

from decide.bank.plain_types import WrongType, check_fields
from decide.core import model

# Every class a bank is made of, by name: nothing outside this list is ever built.
CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Test,
        model.All,
        model.Any_,
        model.Not,
        model.Meta,
        model.Decision,
        model.Option,
        model.OtherOption,
        model.Source,
        model.Comparator,
        model.Figure,
        model.Cell,
        model.Row,
        model.Section,
        model.Choice,
        model.Question,
        model.Consideration,
        model.CrisisResource,
        model.Safety,
        model.Bank,
    )
}

_MISSING = NODEFAULT
# class name -> [(field name, default or _MISSING)], for leaving defaults out (a field made by a
# default factory has no default here: it is always written)
_FIELDS: dict[str, list[tuple[str, Any]]] = {
    name: [(f.name, f.default) for f in fields(cls)] for name, cls in CLASSES.items()
}


class PlainError(ValueError):
    """The data is not a bank in plain form (damaged, foreign, or from another decide)."""


def to_plain(value: Any) -> Any:
    """`value` (a Bank, or any part of one) as plain JSON data."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, list):
        return {"$list": [to_plain(item) for item in value]}
    if isinstance(value, Mapping):
        return {"$map": [[to_plain(k), to_plain(v)] for k, v in value.items()]}
    name = type(value).__name__
    if CLASSES.get(name) is not type(value):
        raise PlainError(f"a {name} is not part of a bank")
    plain: dict[str, Any] = {"$": name}
    for field, default in _FIELDS[name]:
        item = getattr(value, field)
        if default is _MISSING or item != default or type(item) is not type(default):
            plain[field] = to_plain(item)
    return plain


def bank_from_json(text: str | bytes) -> model.Bank:
    """A `Bank` from the JSON text of its plain form; PlainError when it is anything else.

    The model objects are built while the JSON is decoded (from the innermost out), which
    keeps a 10,000-question bank's read well under its parse and check.
    """
    try:
        bank = json.loads(text, object_hook=_build)
    except PlainError:
        raise
    except WrongType as error:
        raise PlainError(f"not a bank in plain form ({error})") from None
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError) as error:
        raise PlainError(f"not a bank in plain form ({error.__class__.__name__})") from None
    if not isinstance(bank, model.Bank):
        raise PlainError("not a bank")
    return bank


def bank_from_plain(data: Any) -> model.Bank:
    """A `Bank` from plain data (as `to_plain` made it); PlainError when it is anything else."""
    return bank_from_json(json.dumps(data))


class _List(list[Any]):
    """A real list (a condition's value) while decoding, told apart from a tuple's JSON list."""


def _tuples(value: Any) -> Any:
    """JSON lists back to the model's tuples; real lists back to lists."""
    kind = type(value)
    if kind is list:
        return tuple([_tuples(item) for item in value])
    if kind is _List:
        return [_tuples(item) for item in value]
    return value


def _build(data: dict[str, Any]) -> Any:
    """One JSON object, its contents already decoded, as the model object it stands for."""
    if "$" in data:
        cls = CLASSES.get(data.pop("$"))
        if cls is None:
            raise PlainError("unknown kind")
        fields = {key: _tuples(item) for key, item in data.items()}
        check_fields(cls, fields)  # a strict typed reading: WrongType is a PlainError's kin
        return cls(**fields)
    if "$list" in data:
        return _List(data["$list"])
    if "$map" in data:
        return {_tuples(key): _tuples(item) for key, item in data["$map"]}
    raise PlainError("an object without a kind")
