"""A checked `Bank` as JSON and back: the one place the model is serialised. Pure.

The bank cache (`decide.bank.cache`) and the checked copy of the bundled bank store banks in
this form. The model's records are msgspec Structs, so the JSON is written and read by
msgspec in C, against the model's own types: reading builds only the model's classes, every
field must have its declared type (no number where a text belongs, no bool for a count), a
field the model does not have is refused, and a condition names its kind (`"type": "All"`)
from the closed list of condition classes. A damaged or foreign document raises `PlainError`,
never builds anything else.

A checked bank holds no file name or position (only problems have those), so the same text
gives the same JSON wherever the file was read: the checked copy shipped in the wheel is built
in one place and used in another.
"""

from __future__ import annotations

import msgspec

from decide.core.model import Bank

_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Bank)


class PlainError(ValueError):
    """The data is not a bank in plain form (damaged, foreign, or from another decide)."""


def bank_to_json(bank: Bank) -> bytes:
    """`bank` as compact JSON."""
    try:
        return _ENCODER.encode(bank)
    except (TypeError, ValueError, OverflowError) as error:
        raise PlainError(f"not expressible as JSON ({error})") from None


def bank_from_json(text: str | bytes) -> Bank:
    """A `Bank` from its JSON; PlainError when the text is anything else."""
    try:
        return _DECODER.decode(text)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise PlainError(f"not a bank in plain form ({error})") from None
    except RecursionError:
        raise PlainError("not a bank in plain form (nested too deeply)") from None
