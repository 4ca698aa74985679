"""normalize: keep names consistent across languages.

    >>> import normalize
    >>> g = normalize.load_glossary()
    >>> [f.rule for f in normalize.lint("Die GOS tagte.", lang="de", glossary=g)]
    ['mistranslation']
    >>> normalize.fix("Die GOS tagte.", lang="de", glossary=g)
    'Die SOZ tagte.'
"""

from __future__ import annotations

from .api import fix, lint
from .findings import RULES, Finding, Severity
from .loader import GlossaryError, Problem, load_glossary
from .model import Entry, Glossary

__version__ = "0.1.0"

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
