"""Small immutable records for the command's own types, without :mod:`dataclasses`.

``@dataclass`` compiles generated source for every class at import (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` ...): about half a millisecond per class, and the command
imports these nine on every start. A :class:`Record` subclass lists its fields once and writes its
``__init__`` by hand; equality, hashing, ``repr``, immutability and pickling come from here.
"""

from __future__ import annotations

from typing import Any

#: ``object.__setattr__``, for ``__init__`` methods of immutable records.
setfield = object.__setattr__


class Record:
    """Fields in ``_fields`` (in constructor order); equal when of one type with equal fields."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined, no-any-return]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._values()

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in self._fields}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {min(unknown)!r}")
        values.update(changes)
        return type(self)(**values)
