"""``glossary diff``: two revisions of a small glossary in a temporary git repository."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from normalize.loader import GlossaryError
from normalize.model import Slot, Status
from normalize.workflow.diff import (
    FormState,
    GlossaryDiff,
    RevisionError,
    diff_glossaries,
    diff_revisions,
    load_revision,
    render_markdown,
    sample_changes,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

V1 = """
entries:
  - id: belarus
    type: country
    sources: [https://de.wikipedia.org/wiki/Belarus]
    names:
      de:
        preferred: Belarus
        deprecated: [Weißrussland]
      en: {preferred: Belarus}
    examples:
      - {lang: de, text: "Weißrussland grenzt an Polen.", expect: "Belarus grenzt an Polen."}
  - id: sco
    type: organization
    sources: [https://de.wikipedia.org/wiki/SOZ]
    names:
      de:
        preferred: Shanghaier Organisation für Zusammenarbeit
        abbreviation: SOZ
        deprecated: [{form: GOS, use: SOZ}]
      en: {preferred: Shanghai Cooperation Organisation, abbreviation: SCO}
    examples:
      - {lang: de, text: "Die GOS tagte.", expect: "Die SOZ tagte."}
  - id: old-entity
    type: other
    sources: [x]
    names:
      de: {preferred: Altding}
"""

V2 = """
entries:
  - id: belarus
    type: country
    sources: [https://de.wikipedia.org/wiki/Belarus, https://www.duden.de/rechtschreibung/Belarus]
    names:
      de:
        preferred: Belarus
        deprecated: [Weißrussland, Belorussland]
      en: {preferred: Belarus}
    examples:
      - {lang: de, text: "Weißrussland grenzt an Polen.", expect: "Belarus grenzt an Polen."}
  - id: sco
    type: organization
    sources: [https://de.wikipedia.org/wiki/SOZ]
    names:
      de:
        preferred: Shanghaier Organisation für Zusammenarbeit
        abbreviation: SOZ
        mistranslations: [{form: GOS, use: SOZ}]
      en: {preferred: Shanghai Cooperation Organisation, abbreviation: SCO}
    examples:
      - {lang: de, text: "Die GOS tagte.", expect: "Die SOZ tagte."}
  - id: minsk
    type: city
    sources: [https://de.wikipedia.org/wiki/Minsk]
    names:
      de: {preferred: Minsk}
      be: {preferred: Мінск}
    examples:
      - {lang: de, text: "In Minsk wurde verhandelt."}
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "main.yaml").write_text(textwrap.dedent(V1).lstrip(), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    (folder / "main.yaml").write_text(textwrap.dedent(V2).lstrip(), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "v2")
    return tmp_path


def test_entity_changes_between_two_commits(repo: Path) -> None:
    old = load_revision("git:HEAD~1:glossaries", cwd=repo)
    new = load_revision("git:HEAD:glossaries", cwd=repo)
    changes = {c.id: c for c in diff_glossaries(old, new)}
    assert {k: c.kind for k, c in changes.items()} == {
        "belarus": "changed",
        "minsk": "added",
        "old-entity": "removed",
        "sco": "changed",
    }

    belarus = changes["belarus"]
    assert [(f.kind, f.lang, f.form) for f in belarus.forms] == [("added", "de", "Belorussland")]
    assert belarus.forms[0].new == FormState(Status.DEPRECATED, Slot.FULL, "Belarus")
    assert belarus.fields == ("sources",)

    (gos,) = changes["sco"].forms
    assert gos.old is not None and gos.new is not None
    assert (gos.kind, gos.form, gos.old.status, gos.new.status) == (
        "changed",
        "GOS",
        Status.DEPRECATED,
        Status.MISTRANSLATION,
    )

    assert {(f.lang, f.form) for f in changes["minsk"].forms} == {("de", "Minsk"), ("be", "Мінск")}
    assert all(f.kind == "removed" for f in changes["old-entity"].forms)


def test_sentences_fixed_differently(repo: Path) -> None:
    old = load_revision("git:HEAD~1:glossaries", cwd=repo)
    new = load_revision("git:HEAD:glossaries", cwd=repo)
    extra = [("de", "Belorussland grenzt an Polen."), ("de", "Nichts zu tun.")]
    found = [(s.text, s.old, s.new, s.entries) for s in sample_changes(old, new, extra)]
    assert found == [("Belorussland grenzt an Polen.", "Belorussland grenzt an Polen.", "Belarus grenzt an Polen.", ())]
    # GOS went from deprecated to mistranslation: fixed the same way, so its example is not listed;
    # removing the entity changes how its own example is fixed
    old_only = [e for e in old if e.id != "sco"]
    changes = sample_changes(old, old_only)
    assert [(c.text, c.old, c.new, c.entries) for c in changes] == [
        ("Die GOS tagte.", "Die SOZ tagte.", "Die GOS tagte.", ("sco",))
    ]


def test_markdown_for_a_pull_request(repo: Path) -> None:
    diff = diff_revisions("git:HEAD~1:glossaries", "git:HEAD:glossaries", cwd=repo)
    text = render_markdown(diff)
    assert text.startswith(
        "## Glossary changes\n\n**1 added, 2 changed, 1 removed**; 0 sample sentences fixed differently.\n"
    )
    assert "### `sco` (changed)" in text
    assert "| de | `GOS` | deprecated abbreviation → SOZ | mistranslation abbreviation → SOZ |" in text
    assert "| de | `Belorussland` | — | deprecated → Belarus |" in text
    assert "Also changed: sources." in text


def test_markdown_lists_sentences_and_escapes_cells() -> None:
    from normalize.workflow.diff import SampleChange

    diff = GlossaryDiff((), (SampleChange("de", "a | b `c`", "x", "y", ("e",)),))
    text = render_markdown(diff)
    assert "| de | a \\| b \\`c\\` | `x` | `y` |" in text
    assert render_markdown(GlossaryDiff((), ())).endswith(
        "No change to any entity, and no sample sentence is fixed differently.\n"
    )


def test_working_tree_single_file_and_paths(repo: Path) -> None:
    (repo / "glossaries" / "main.yaml").write_text(textwrap.dedent(V1).lstrip(), encoding="utf-8")
    by_path = load_revision("glossaries", cwd=repo)
    by_file = load_revision("git:HEAD~1:glossaries/main.yaml", cwd=repo)
    assert by_path == by_file
    assert diff_glossaries(by_path, by_file) == []
    inside = repo / "glossaries"
    assert load_revision("git:HEAD~1:main.yaml", cwd=inside) == by_file  # relative to cwd, as git does
    assert load_revision(f"git:HEAD~1:{inside / 'main.yaml'}", cwd=inside) == by_file


def test_bad_specs(repo: Path) -> None:
    with pytest.raises(RevisionError, match="expected git:REV:PATH"):
        load_revision("git:HEAD", cwd=repo)
    with pytest.raises(RevisionError, match="not a revision"):
        load_revision("git:--output=/tmp/x:glossaries", cwd=repo)
    with pytest.raises(RevisionError):
        load_revision("git:no-such-branch:glossaries", cwd=repo)
    with pytest.raises(RevisionError, match="no such file"):
        load_revision("nowhere", cwd=repo)
    with pytest.raises(RevisionError, match="outside the repository"):
        load_revision("git:HEAD:../elsewhere", cwd=repo)


def test_an_invalid_revision_raises_glossary_error(repo: Path) -> None:
    (repo / "glossaries" / "main.yaml").write_text("entries:\n  - id: x\n    typo: 1\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(GlossaryError) as info:
        load_revision("git:HEAD:glossaries", cwd=repo)
    assert "HEAD:glossaries/main.yaml:3:5: [x] unknown field 'typo'" in str(info.value)
