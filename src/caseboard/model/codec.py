"""Plain-JSON encoding of the records, for the store and for worker processes.

``to_dict`` turns a record into JSON-ready dicts/lists; ``from_dict`` rebuilds the typed record
from the type hints, so a stored item reads back equal to what was written.

The type inspection is done once per class and per type hint (``_fields``, ``_builder``), not
once per value: a document's extraction holds thousands of values of a dozen types.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")

# Values that encode as themselves (checked by exact type; subclasses take the general path).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@contextmanager
def paused_gc(*, keep: bool = False) -> Iterator[None]:
    """Python's cycle collector paused for a block that builds or decodes millions of small
    records and makes no cyclic garbage (frozen dataclasses, tuples, strings). Every full
    collection walks everything alive, which grows with the case: on a 2,000-document case they
    were ~15% of the analysis and ~30% of reading the case back. The collector runs again after
    the block; it stays off if it was off before.

    ``keep=True`` is for a block whose records live on (the workbench's view of the case): what
    is alive at its end is moved to the collector's permanent generation (``gc.freeze``), which
    collections skip. Without it the first collection after the block walks every record it
    made once more (a 1 s pause in the workbench's first request at 5,000 documents). Frozen
    records are still freed by reference counting when the view is replaced."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


@cache
def _fields(cls: type) -> tuple[str, ...] | None:
    """Field names of a dataclass type, None for any other type."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


@cache
def _flat(cls: type) -> bool:
    """A dataclass type whose fields all hold plain values (str, int, float, bool or None, by
    their type hints), such as ``Span``: encoded and rebuilt without a step per field (a large
    case's analysis holds millions of spans)."""
    names = _fields(cls)
    if names is None:
        return False
    hints = _hints(cls)
    plain = {str, int, float, bool, type(None)}
    for name in names:
        tp = hints[name]
        members = get_args(tp) if get_origin(tp) in (Union, types.UnionType) else (tp,)
        if not all(m in plain for m in members) or float in members:
            return False  # a float field may be stored as an int: it takes the general path
    return True


def to_dict(obj: Any) -> Any:
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _fields(cls)  # type: ignore[arg-type]  # classes are hashable
    if names is not None:  # an instance: the type of a dataclass type is not a dataclass
        if _flat(cls):  # type: ignore[arg-type]
            return {name: getattr(obj, name) for name in names}
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple | list):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _same(value: Any) -> Any:
    return value


@cache
def _builder(tp: Any) -> Callable[[Any], Any]:
    """How to rebuild a (non-None) JSON value of type ``tp``, decided once per type."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(tp) if a is not type(None)]
        if len(members) != 1:
            return _same
        inner = _builder(members[0])
        if inner is _same:
            return _same
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _builder(args[0])
            if item is _same:
                return tuple
            return lambda value: tuple(None if v is None else item(v) for v in value)
        parts = [_builder(a) for a in args]
        return lambda value: tuple(
            None if v is None else b(v) for b, v in zip(parts, value, strict=False)
        )
    if origin is dict:
        _, vt = get_args(tp)
        item = _builder(vt)
        return lambda value: {k: None if v is None else item(v) for k, v in value.items()}
    if origin is typing.Literal:
        return _same
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if _flat(tp):
            return lambda value: _flat_record(tp, value)
        return lambda value: from_dict(tp, value)
    if tp is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return _same


@cache
def _plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = _hints(cls)
    return tuple((f.name, _builder(hints[f.name])) for f in dataclasses.fields(cls))


def _flat_record(cls: type[T], data: dict[str, Any]) -> T:
    try:
        return cls(**data)
    except TypeError:  # a key the class no longer has: the general path ignores it
        return from_dict(cls, data)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    kwargs = {
        name: None if data[name] is None else build(data[name])
        for name, build in _plan(cls)  # type: ignore[arg-type]  # classes are hashable
        if name in data
    }
    return cls(**kwargs)


def loads(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))
