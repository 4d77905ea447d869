"""A checked `Bank` as plain JSON data and back: the one place the model is serialised. Pure.

The bank cache (`decide.bank.cache`) stores banks in this form. It is plain data only: JSON
objects, lists, strings, numbers, booleans and null. Turning it back into a `Bank` builds only
the model's own frozen classes, chosen by name from a closed list, and calls no other code: a
damaged or foreign document raises `PlainError`, never builds anything else.

The shapes:
- a model object is `{"$": "Question", "id": ..., ...}` with only the fields that differ from
  their default;
- a tuple is a JSON list; a list (a condition's value) is `{"$list": [...]}`;
- a mapping is `{"$map": [[key, value], ...]}` (keys keep their type: scale labels use numbers);
- a `Location` is `{"$at": [source, line, column]}`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

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

_MISSING = dataclasses.MISSING
# class name -> [(field name, default or _MISSING)], for leaving defaults out
_FIELDS: dict[str, list[tuple[str, Any]]] = {
    name: [(f.name, f.default) for f in dataclasses.fields(cls)] for name, cls in CLASSES.items()
}


class PlainError(ValueError):
    """The data is not a bank in plain form (damaged, foreign, or from another decide)."""


def to_plain(value: Any) -> Any:
    """`value` (a Bank, or any part of one) as plain JSON data."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, model.Location):
        return {"$at": [value.source, value.line, value.column]}
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


def from_plain(data: Any) -> Any:
    """The model object that `to_plain` made `data` from; PlainError when it is not one."""
    try:
        return _build(data)
    except PlainError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        raise PlainError(f"not a bank in plain form ({error.__class__.__name__})") from None


def _build(data: Any) -> Any:
    if isinstance(data, list):
        return tuple([_build(item) for item in data])
    if not isinstance(data, dict):
        if data is None or isinstance(data, str | bool | int | float):
            return data
        raise PlainError(f"unexpected {type(data).__name__}")
    if "$" in data:
        cls = CLASSES.get(data["$"])
        if cls is None:
            raise PlainError(f"unknown kind {data['$']!r}")
        return cls(**{key: _build(item) for key, item in data.items() if key != "$"})
    if "$at" in data:
        source, line, column = data["$at"]
        if not isinstance(source, str) or not isinstance(line, int) or not isinstance(column, int):
            raise PlainError("a location is a file name, a line and a column")
        return model.Location(source, line, column)
    if "$list" in data:
        return [_build(item) for item in data["$list"]]
    if "$map" in data:
        return {_build(key): _build(item) for key, item in data["$map"]}
    raise PlainError("an object without a kind")


def bank_from_plain(data: Any) -> model.Bank:
    """A `Bank` from plain data; PlainError when it is anything else."""
    bank = from_plain(data)
    if not isinstance(bank, model.Bank):
        raise PlainError("not a bank")
    return bank
