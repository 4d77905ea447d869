"""A strict typed reading of a bank in plain form: every field has the type the model declares.

Pure. `decide.bank.plain` builds model objects from a cache entry by name; this checks each
field's value against the class's annotations (str, int, float, bool, None, Literal, unions,
tuples, lists and mappings of them, and the model's own classes) before the object is built,
so an entry that decodes but holds a number where a text belongs is refused, never used.
"""

from __future__ import annotations

import types
import typing
from typing import Any


class WrongType(ValueError):
    """A field of a plain-form object does not have its declared type."""


_HINTS: dict[type[Any], dict[str, Any]] = {}


def hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of a model class (once per class)."""
    if cls not in _HINTS:
        import decide.core.model as model

        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def check_fields(cls: type[Any], fields: dict[str, Any]) -> None:
    """WrongType unless every value in `fields` fits `cls`'s annotation for it."""
    declared = hints(cls)
    for name, value in fields.items():
        if name not in declared or not fits(value, declared[name]):
            raise WrongType(f"{cls.__name__}.{name} is not of its type")


def fits(value: Any, hint: Any) -> bool:
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin is None:
        if hint is type(None):
            return value is None
        if hint is float:
            return isinstance(value, int | float) and not isinstance(value, bool)
        if hint is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(fits(value, arg) for arg in args)
    if origin is typing.Literal:
        return any(value == arg and type(value) is type(arg) for arg in args)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(fits(item, args[0]) for item in value)
        return len(args) == len(value) and all(map(fits, value, args))
    if origin is list:
        return isinstance(value, list) and all(fits(item, args[0]) for item in value)
    if isinstance(origin, type) and issubclass(origin, typing.Mapping | dict):
        return isinstance(value, dict) and all(
            fits(k, args[0]) and fits(v, args[1]) for k, v in value.items()
        )
    return False
