"""TBX export/import: lossless round trip, TBX-Basic vocabulary, and hostile XML refused."""

from __future__ import annotations

import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from normalize.loader import GlossaryError, bundled_dir, glossary_files, load_files, parse_text
from normalize.model import Entry, Example, LanguageNames, Variant
from normalize.workflow.serialize import entries_to_yaml
from normalize.workflow.tbx import NAMESPACE, TbxError, export_tbx, import_tbx, read_tbx, write_tbx

HERE = Path(__file__).parent
NS = {"t": NAMESPACE}


def mini() -> tuple[Entry, ...]:
    return load_files([HERE / "data" / "mini.yaml"])


def bundled() -> tuple[Entry, ...]:
    files = glossary_files([bundled_dir()])
    if not files:
        pytest.skip("no bundled glossary files yet")
    try:
        return load_files(files)
    except GlossaryError as exc:  # pragma: no cover - curators at work
        pytest.skip(f"the bundled glossary does not load: {exc.problems[0]}")


@pytest.mark.parametrize("source", [mini, bundled], ids=["mini", "bundled"])
def test_round_trip_is_lossless(source) -> None:  # type: ignore[no-untyped-def]
    entries = source()
    assert import_tbx(export_tbx(entries)) == entries


@pytest.mark.parametrize("source", [mini, bundled], ids=["mini", "bundled"])
def test_import_then_yaml_loads_the_same_entries(source) -> None:  # type: ignore[no-untyped-def]
    entries = source()
    text = entries_to_yaml(import_tbx(export_tbx(entries)), header="imported from TBX")
    loaded, problems = parse_text(text)
    assert problems == []
    assert loaded == sorted(entries, key=lambda e: e.id)
    assert text.startswith("# imported from TBX\nentries:\n")


def tricky() -> Entry:
    """Every model feature at once, including the cases export must mark to stay lossless."""
    return Entry(
        id="2x-test",  # starts with a digit: not an XML id as it is
        type="person",
        name_order="family-first",
        note='Entry note with <markup> & "quotes".',
        wikidata="Q42",
        sources=("https://example.org/a?b=1&c=2", "A book, p. 3"),
        names=(
            LanguageNames(
                "de",
                given="Yi",
                family="Wang",
                preferred="Wang Yi (Politiker)",
                abbreviations=("WY", "W.Y."),
                admitted=(Variant("WYI", note="admitted, shaped like an abbreviation"), Variant("Wang I", source="s")),
                deprecated=(Variant("Wang Ji", use="Wang Yi"),),
                mistranslations=(Variant("König Yi", use="Wang Yi", note="machine translation", source="seed"),),
                note="Block note",
                sources=("https://de.example",),
            ),
            LanguageNames("zh", given="毅", family="王"),
            LanguageNames("zh-Latn-pinyin", given="Yì", family="Wáng"),
            LanguageNames("en", adjective="Wangian", deprecated=(Variant("wangish", use="Wangian"),)),
        ),
        examples=(Example("de", "Wang Ji reiste.", "Wang Yi reiste."), Example("de", "  spaced  ", "  spaced  ")),
    )


def test_round_trip_of_every_feature() -> None:
    entry = tricky()
    (back,) = import_tbx(export_tbx([entry]))
    assert back == entry
    de = back.language("de")
    assert de is not None and [v.form for v in de.mistranslations] == ["König Yi"]
    assert de.abbreviations == ("WY", "W.Y.") and [v.form for v in de.admitted] == ["WYI", "Wang I"]


def test_export_uses_the_tbx_basic_vocabulary() -> None:
    root = ET.fromstring(export_tbx([*mini(), tricky()]))
    assert root.tag == f"{{{NAMESPACE}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    allowed = {
        "administrativeStatus": {
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
        },
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
        "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    }
    notes = root.findall(".//t:termNote", NS)
    assert notes
    for note in notes:
        assert note.text in allowed[note.get("type", "")], (note.get("type"), note.text)
    for concept in root.findall(".//t:conceptEntry", NS):
        assert concept.get("id", "")[:1].isalpha() or concept.get("id", "").startswith("_")
        assert concept.find("t:descrip[@type='subjectField']", NS) is not None
        for lang_sec in concept.findall("t:langSec", NS):
            assert lang_sec.get("{http://www.w3.org/XML/1998/namespace}lang")
            assert lang_sec.findall("t:termSec", NS), "TBX needs at least one termSec per langSec"
            for sec in lang_sec.findall("t:termSec", NS):
                assert [_local(c.tag) for c in sec][:1] == ["term"]
    assert root.find(".//t:descrip[@type='subjectField']", NS) is not None
    assert not root.findall(".//t:termSec/t:descrip[@type='subjectField']", NS)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_mistranslations_are_deprecated_terms_with_a_marker() -> None:
    root = ET.fromstring(export_tbx(mini()))
    (sec,) = [s for s in root.iter(f"{{{NAMESPACE}}}termSec") if s.findtext(f"{{{NAMESPACE}}}term") == "GOS"]
    assert sec.findtext(f"{{{NAMESPACE}}}termNote[@type='administrativeStatus']") == "deprecatedTerm-admn-sts"
    assert any(
        (n.text or "").startswith("normalize:") and "mistranslation" in (n.text or "")
        for n in sec.findall(f"{{{NAMESPACE}}}note")
    )


def test_person_names_are_exported_as_terms_and_rebuilt_from_parts() -> None:
    root = ET.fromstring(export_tbx(mini()))
    terms = {t.text for t in root.iter(f"{{{NAMESPACE}}}term")}
    assert {"Alexander Grigorjewitsch Lukaschenko", "Alexander Lukaschenko", "Lukaschenko", "Wang Yi"} <= terms


def test_write_and_read_a_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    write_tbx(path, mini())
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<tbx ")
    assert read_tbx(path) == mini()


# --- other tools' TBX ---------------------------------------------------------------------------

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>from a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c17">
      <descrip type="subjectField">country</descrip>
      <descrip type="definition">A state in Eastern Europe.</descrip>
      <langSet xml:lang="de">
        <ntig>
          <termGrp>
            <term>Belarus</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termGrp>
        </ntig>
        <tig>
          <term>Weißrussland</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          <note>outdated</note>
          <admin type="source">Duden</admin>
        </tig>
      </langSet>
      <langSet xml:lang="en">
        <tig><term>Belarus</term></tig>
        <tig><term>BY</term><termNote type="termType">abbreviation</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_import_tbx_v2_from_a_cat_tool() -> None:
    (entry,) = import_tbx(TBX_V2)
    assert (entry.id, entry.type, entry.note) == ("c17", "country", "A state in Eastern Europe.")
    de, en = entry.names
    assert de.preferred == "Belarus" and de.deprecated == (Variant("Weißrussland", note="outdated", source="Duden"),)
    assert en.preferred == "Belarus" and en.abbreviations == ("BY",)


def test_not_tbx_and_not_xml() -> None:
    with pytest.raises(TbxError, match="not a TBX document"):
        import_tbx("<html><body/></html>")
    with pytest.raises(TbxError, match="not well-formed"):
        import_tbx("<tbx><text>")


# --- hostile XML --------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
  <termSec><term>&lol9;</term></termSec>
</langSec></conceptEntry></body></text></tbx>
"""


def test_entity_expansion_bomb_is_refused_quickly() -> None:
    start = time.monotonic()
    with pytest.raises(TbxError, match="refused XML"):
        import_tbx(BILLION_LAUGHS)
    assert time.monotonic() - start < 2


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file://{secret}">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
  <termSec><term>&xxe;</term></termSec>
</langSec></conceptEntry></body></text></tbx>
"""
    with pytest.raises(TbxError, match="refused XML") as info:
        import_tbx(xxe)
    assert "TOP SECRET" not in str(info.value)


def test_external_parameter_entity_is_refused() -> None:
    doc = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<tbx/>
"""
    with pytest.raises(TbxError, match="refused XML"):
        import_tbx(doc)
