"""normalize: keep names consistent across languages.

    >>> import normalize
    >>> g = normalize.load_glossary()
    >>> [f.rule for f in normalize.lint("Die GOS tagte.", lang="de", glossary=g)]
    ['mistranslation']
    >>> normalize.fix("Die GOS tagte.", lang="de", glossary=g)
    'Die SOZ tagte.'

The names below are imported on first use, so that ``import normalize`` (and the command line's
start-up) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "fix": "api",
    "lint": "api",
    "RULES": "findings",
    "Finding": "findings",
    "Severity": "findings",
    "GlossaryError": "loader",
    "Problem": "loader",
    "load_glossary": "loader",
    "Entry": "model",
    "Glossary": "model",
}

if TYPE_CHECKING:
    from .api import fix, lint
    from .findings import RULES, Finding, Severity
    from .loader import GlossaryError, Problem, load_glossary
    from .model import Entry, Glossary


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'normalize' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "RULES",
    "Entry",
    "Finding",
    "Glossary",
    "GlossaryError",
    "Problem",
    "Severity",
    "__version__",
    "fix",
    "lint",
    "load_glossary",
]
