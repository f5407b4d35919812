"""The repository is self-contained: code, tests and messages cite nothing outside the checkout.

``git clone`` and the README's two commands must run every test with nothing beside the checkout. So
no file under src/, tests/, bench/, scripts/ or .ci/ may name a path outside the repository: the
project's shared folder beside the checkout, the machine's work directory, a home
directory, or a ``Path(__file__)`` expression that climbs above the repository root. The material
that used to live there is in the repository: tests/corpus/ (the real reports, with MANIFEST.tsv),
src/gongkai/report/formats/cells.yaml (package data), tests/reference/ (the official Word template)
and docs/domain.md (the law and the formats, cited as ``domain.md §N``).

The checks read the text of each file, so ``from docx.shared import Pt`` (python-docx's module) and
the word in prose are not paths and are not flagged; the folder's name as a path component is.
This file spells the folder's name and the work directory in pieces (``FOLDER``, ``WORK``) so that it
does not itself contain what it looks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "bench", "scripts", ".ci")
SKIPPED_SUFFIXES = {".pyc", ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".png", ".jpg", ".mo", ".sqlite3"}

FOLDER = "sha" + "red"  # the source-material folder beside the checkout
WORK = "/wo" + "rk/"  # the machine's work directory
#: text that names a place outside the checkout (each with why)
OUTSIDE = {
    "the shared folder beside the checkout": re.compile(
        r"\.\./" + FOLDER + r"\b|\b" + FOLDER + r"/(?:corpus|spec|reference|datasets)\b"
    ),
    "the machine's work directory": re.compile(re.escape(WORK)),
    "a home directory": re.compile(r"(?<![\w.])(?:/home/\w|/root/|/Users/\w|~/(?!\.local/share/gongkai))"),
    "a path built to a sibling of the checkout": re.compile(
        r"""/\s*["']""" + FOLDER + r"""["']|["']""" + FOLDER + r"""["']\s*/|ROOT\.parent\b"""
    ),
}
#: the patterns must not hit the usual innocent uses of the word
assert not any(p.search("from docx.shared import Pt, Cm  # a shared helper") for p in OUTSIDE.values())

FILE_PARENTS = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?(?:\.parents\[(\d+)\])?((?:\.parent\b)*)")


def _files() -> Iterator[Path]:
    me = Path(__file__).resolve()
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if not path.is_file() or path.resolve() == me or path.suffix.lower() in SKIPPED_SUFFIXES:
                continue
            if any(
                part in {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache"} for part in path.parts
            ):
                continue
            yield path


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def test_no_file_cites_a_path_outside_the_repository() -> None:
    offences = []
    for path in _files():
        text = _text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for what, pattern in OUTSIDE.items():
                if pattern.search(line):
                    offences.append(f"{path.relative_to(ROOT)}:{number}: {what}: {line.strip()[:120]}")
    assert offences == [], "\n".join(offences)


def test_no_path_expression_climbs_above_the_repository() -> None:
    offences = []
    for path in _files():
        if path.suffix != ".py" or (text := _text(path)) is None:
            continue
        for match in FILE_PARENTS.finditer(text):
            index, chain = match.group(1), match.group(2)
            ups = (int(index) + 1 if index is not None else 0) + chain.count(".parent")
            if ups == 0:
                continue
            parents = path.resolve().parents
            target = parents[ups - 1] if ups <= len(parents) else Path("/")
            if not target.is_relative_to(ROOT):
                offences.append(f"{path.relative_to(ROOT)}: {match.group(0)} → {target}")
    assert offences == [], "\n".join(offences)


def test_the_path_expression_check_can_fail() -> None:
    here = ROOT / "tests" / "report" / "x.py"
    match = FILE_PARENTS.search("Path(__file__).resolve().parents[3].parent")
    assert match is not None and (match.group(1), match.group(2)) == ("3", ".parent")
    assert not here.parents[3].is_relative_to(ROOT)  # tests/report/x.py → parents[3] is beside the checkout
    assert here.parents[2] == ROOT


def _domain_sections() -> set[str]:
    headings = re.findall(
        r"^#{2,4} (\d+(?:\.\d+)*)[. ]", (ROOT / "docs" / "domain.md").read_text("utf-8"), re.M
    )
    return set(headings)


def test_every_domain_md_citation_names_a_section_of_docs_domain_md() -> None:
    sections = _domain_sections()
    assert {"1", "2.4", "4.1", "4.2", "8", "12.1"} <= sections
    offences = []
    for top in (*SCANNED, "docs"):
        for path in sorted((ROOT / top).rglob("*")) if (ROOT / top).is_dir() else []:
            if not path.is_file() or path.suffix not in {".py", ".md", ".html", ".txt", ".yaml"}:
                continue
            if path.is_relative_to(ROOT / "tests" / "corpus") or (text := _text(path)) is None:
                continue
            for number, line in enumerate(text.splitlines(), 1):
                at = line.find("domain.md")
                if at < 0:
                    continue
                for cited in re.findall(r"§(\d+(?:\.\d+)*)", line[at:]):
                    if cited not in sections:
                        offences.append(f"{path.relative_to(ROOT)}:{number}: §{cited}")
    assert offences == [], "\n".join(offences)


def test_what_used_to_live_beside_the_checkout_is_in_the_repository() -> None:
    corpus = ROOT / "tests" / "corpus"
    manifest = (corpus / "MANIFEST.tsv").read_text("utf-8").splitlines()
    listed = {line.split("\t")[0] for line in manifest[1:] if line.strip()}
    assert listed == {p.name for p in corpus.iterdir()} - {"MANIFEST.tsv"}
    assert (ROOT / "src" / "gongkai" / "report" / "formats" / "cells.yaml").is_file()
    assert (ROOT / "tests" / "reference" / "official-template-2021.docx").is_file()

    from corpus_location import CORPUS_DIR, IN_REPO

    assert corpus == IN_REPO and CORPUS_DIR.is_dir()


def test_the_rule_bases_cite_the_page_in_the_repository() -> None:
    # Rule.basis is public (gongkai.report.rules, the API and docs/report-rules.md show it).
    from gongkai.report.rules import CROSS_YEAR_RULES, RULES

    sections = _domain_sections()
    for rule in (*RULES, *CROSS_YEAR_RULES):
        assert rule.basis.startswith("docs/domain.md §"), rule.id
        assert all(s in sections for s in re.findall(r"§(\d+(?:\.\d+)*)", rule.basis)), rule.id
        assert not any(p.search(rule.basis) for p in OUTSIDE.values()), rule.id


@pytest.mark.parametrize(
    "line",
    [
        f'CORPUS = Path(__file__).resolve().parents[4] / "{FOLDER}" / "corpus"',
        f"see ../{FOLDER}/spec/domain.md §4",
        f'SPEC = Path("{WORK}{FOLDER}/spec/cells.yaml")',
        f"default=ROOT.parent / '{FOLDER}'",
        "open('/home/alice/年报.pdf')",
    ],
)
def test_the_patterns_catch_what_they_are_for(line: str) -> None:
    assert any(p.search(line) for p in OUTSIDE.values())
