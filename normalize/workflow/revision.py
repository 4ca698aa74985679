"""Glossary entries as of a revision: a path on disk, or ``git:REV:PATH`` read from git history."""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from ..loader import GlossaryError, Problem, check_entries, glossary_files, load_files, parse_text
from ..model import Entry, Position

GIT_PREFIX = "git:"


class RevisionError(ValueError):
    """A revision spec cannot be read (bad spec, unknown revision or path, git failing)."""


def load_revision(spec: str | PathLike[str], *, cwd: str | PathLike[str] | None = None) -> tuple[Entry, ...]:
    """The entries of a glossary revision.

    ``spec`` is a file or folder on disk, or ``git:REV:PATH``: ``PATH`` (a file or folder, relative
    to ``cwd``, in the repository containing ``cwd``) as of ``REV`` (any git revision: ``HEAD``,
    ``main``, ``origin/main``, ``HEAD~1``, a commit id). Raises :class:`GlossaryError` when the
    revision's glossary is invalid and :class:`RevisionError` when it cannot be read.
    """
    text = os.fspath(spec)
    if not text.startswith(GIT_PREFIX):
        path = Path(cwd or ".") / text
        if not path.exists():
            raise RevisionError(f"{text}: no such file or folder")
        return load_files(glossary_files([path]))
    rev, sep, path_in_repo = text[len(GIT_PREFIX) :].partition(":")
    if not sep or not rev or not path_in_repo:
        raise RevisionError(f"{text}: expected git:REV:PATH, e.g. git:origin/main:glossaries")
    entries: list[Entry] = []
    problems: list[Problem] = []
    for name, content in git_files(rev, path_in_repo, cwd=cwd):
        found, trouble = parse_text(content, f"{rev}:{name}")
        entries.extend(found)
        problems.extend(trouble)
    problems.extend(check_entries(entries))
    if problems:
        raise GlossaryError(problems)
    return tuple(entries)


def git_files(rev: str, path: str, *, cwd: str | PathLike[str] | None = None) -> list[tuple[str, str]]:
    """(repository path, text) of the ``*.yaml``/``*.yml`` files at ``path`` as of ``rev``."""
    if rev.startswith("-"):
        raise RevisionError(f"not a revision: {rev!r}")
    where = os.fspath(cwd) if cwd is not None else None
    top = _git(["rev-parse", "--show-toplevel"], where).decode().strip()
    prefix = _git(["rev-parse", "--show-prefix"], where).decode().strip()
    if os.path.isabs(path):
        rel = os.path.relpath(path, top).replace(os.sep, "/")
    else:
        rel = posixpath.normpath(posixpath.join(prefix, path.replace(os.sep, "/")))
    if rel == ".." or rel.startswith("../"):
        raise RevisionError(f"{path}: outside the repository")
    rel = "" if rel == "." else rel
    kind = _git(["cat-file", "-t", f"{rev}:{rel}"], where).decode().strip()
    if kind == "blob":
        names = [rel]
    elif kind == "tree":
        listing = _git(["ls-tree", "-r", "--name-only", "--full-tree", "-z", rev, "--", rel or "."], where)
        names = sorted(n for n in listing.decode().split("\0") if n.endswith((".yaml", ".yml")))
    else:
        raise RevisionError(f"{rev}:{path} is a {kind}, not a file or folder")
    out = []
    for name in names:
        data = _git(["cat-file", "blob", f"{rev}:{name}"], where)
        try:
            out.append((name, data.decode("utf-8-sig")))
        except UnicodeDecodeError as exc:
            raise GlossaryError([Problem(Position(f"{rev}:{name}", 1, 1), "file is not valid UTF-8")]) from exc
    return out


def _git(args: Sequence[str], cwd: str | None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout
