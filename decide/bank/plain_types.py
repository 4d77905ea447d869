"""A strict typed reading of a bank in plain form: every field has the type the model declares.

Pure. `decide.bank.plain` builds model objects from a cache entry by name; this checks each
field's value against the class's annotations (str, int, float, bool, None, Literal, unions,
tuples, lists and mappings of them, and the model's own classes) before the object is built,
so an entry that decodes but holds a number where a text belongs is refused, never used.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any


class WrongType(ValueError):
    """A field of a plain-form object does not have its declared type."""


Check = Callable[[Any], bool]
_CHECKS: dict[type[Any], dict[str, Check]] = {}


def checks(cls: type[Any]) -> dict[str, Check]:
    """One compiled check per field of a model class, from its resolved annotations (made once
    per class: a bank read from its checked copy checks thousands of fields before the first
    question)."""
    made = _CHECKS.get(cls)
    if made is None:
        import decide.core.model as model

        hints = typing.get_type_hints(cls, vars(model))
        made = _CHECKS[cls] = {name: check_for(hint) for name, hint in hints.items()}
    return made


def check_fields(cls: type[Any], fields: dict[str, Any]) -> None:
    """WrongType unless every value in `fields` fits `cls`'s annotation for it."""
    declared = checks(cls)
    for name, value in fields.items():
        check = declared.get(name)
        if check is None or not check(value):
            raise WrongType(f"{cls.__name__}.{name} is not of its type")


def fits(value: Any, hint: Any) -> bool:
    """True when `value` has the type `hint` describes."""
    return check_for(hint)(value)


def check_for(hint: Any) -> Check:
    """A function telling whether a value has the type `hint` describes: str, int, float,
    bool, None, Literal, unions, tuples, lists and mappings of them, and the model's classes."""
    if hint is Any:
        return lambda value: True
    origin = typing.get_origin(hint)
    if origin is None:
        if hint is type(None):
            return lambda value: value is None
        if hint is float:
            return lambda value: type(value) is float or type(value) is int
        if hint is int:
            return lambda value: type(value) is int
        return lambda value: isinstance(value, hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        parts = [check_for(arg) for arg in args]
        return lambda value: any(part(value) for part in parts)
    if origin is typing.Literal:
        allowed = {(type(arg), arg) for arg in args}
        kinds = {type(arg) for arg in args}
        return lambda value: type(value) in kinds and (type(value), value) in allowed
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = check_for(args[0])
            return lambda value: isinstance(value, tuple) and all(map(item, value))
        items = [check_for(arg) for arg in args]
        return lambda value: (
            isinstance(value, tuple)
            and len(value) == len(items)
            and all(check(v) for check, v in zip(items, value, strict=True))
        )
    if origin is list:
        item = check_for(args[0])
        return lambda value: isinstance(value, list) and all(map(item, value))
    if isinstance(origin, type) and issubclass(origin, typing.Mapping | dict):
        key, item = check_for(args[0]), check_for(args[1])
        return lambda value: (
            isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
        )
    return lambda value: False
