"""libyaml's events, made without a Python call each.

PyYAML's C parser (`yaml._yaml.CParser`) turns each libyaml event into an object of a class it
looks up by name in its own module (`ScalarEvent`, `MappingStartEvent`, ...). Those classes are
plain Python classes, so every event runs a Python `__init__`: a 10,000-question bank has about
415,000 events, and those calls were a third of its parse (about 150 ms of 420 ms).

`lean_events(loader)` swaps the five classes that make nearly every event (scalars and the
starts and ends of lists and mappings) for msgspec Structs with the same fields, whose
constructor is C, for as long as one parse runs, and then puts PyYAML's own classes back. It
yields the classes the parser will use, and the tree builder checks event types against those:
- With PyYAML's pure-Python parser, or a CParser that does not make its events this way (a
  later PyYAML), nothing is swapped and PyYAML's own classes are yielded. A one-time probe
  parses a tiny text to check that the swap takes.
- The swap is global to the process while it lasts. decide parses YAML under a lock and uses
  no other part of PyYAML that reads these names (only the C emitter does, and decide writes
  YAML with the Python one), so nothing else can see it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import msgspec
import yaml


class EventKinds(NamedTuple):
    """The classes of the events a parser makes for the values of a document."""

    scalar: Any
    mapping_start: Any
    sequence_start: Any
    mapping_end: Any
    sequence_end: Any


PYYAML = EventKinds(
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
)


def _lean(name: str, fields: tuple[str, ...]) -> Any:
    """A Struct taking the same arguments, in the same order, as PyYAML's event `name`."""
    return msgspec.defstruct(name, fields, gc=False)  # no cycles: not tracked by the collector


_COLLECTION_START = ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style")
_END = ("start_mark", "end_mark")
LEAN = EventKinds(
    _lean("ScalarEvent", ("anchor", "tag", "implicit", "value", "start_mark", "end_mark", "style")),
    _lean("MappingStartEvent", _COLLECTION_START),
    _lean("SequenceStartEvent", _COLLECTION_START),
    _lean("MappingEndEvent", _END),
    _lean("SequenceEndEvent", _END),
)
_NAMES = (
    "ScalarEvent",
    "MappingStartEvent",
    "SequenceStartEvent",
    "MappingEndEvent",
    "SequenceEndEvent",
)
_lock = threading.RLock()
_takes: bool | None = None  # whether the swap works with this PyYAML, once probed


def _c_module(loader: Any) -> Any:
    """PyYAML's C module when `loader` parses with its CParser, else None."""
    c_module = getattr(yaml, "_yaml", None)
    parser = getattr(c_module, "CParser", None)
    return c_module if parser is not None and issubclass(loader, parser) else None


@contextmanager
def lean_events(loader: Any) -> Iterator[EventKinds]:
    """For one parse with `loader`: the lean classes when they can be used, else PyYAML's."""
    global _takes
    c_module = _c_module(loader)
    if c_module is None or _takes is False:
        yield PYYAML
        return
    with _lock:
        if any(
            getattr(c_module, name, None) is not ours
            for name, ours in zip(_NAMES, PYYAML, strict=True)
        ):
            yield PYYAML  # someone else changed them: leave them alone
            return
        try:
            for name, lean in zip(_NAMES, LEAN, strict=True):
                setattr(c_module, name, lean)
            if _takes is None:
                _takes = _probe(loader)
            yield LEAN if _takes else PYYAML
        finally:
            for name, ours in zip(_NAMES, PYYAML, strict=True):
                setattr(c_module, name, ours)


def _probe(loader: Any) -> bool:
    """Whether the parser now makes lean events: parse `[a]` and look at each event."""
    probe = loader("[a]")
    try:
        kinds = [type(probe.get_event()) for _ in range(6)][2:5]
    finally:
        probe.dispose()
    return kinds == [LEAN.sequence_start, LEAN.scalar, LEAN.sequence_end]
