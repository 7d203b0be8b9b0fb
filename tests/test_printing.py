"""Printed checklists: `build --with-pdf` prints each checklist with Debian's Chromium and links the PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.printing import pdf_pages


def test_build_with_pdf_prints_each_checklist_on_one_sheet_and_links_it(project: Path, cli) -> None:
    run = cli("--root", project, "build", "--with-pdf")
    assert run.code == 0, run.out + run.err
    pdfs = sorted(path.name for path in (project / "site/pdf").iterdir())
    assert pdfs == ["basics-a4.pdf", "basics-letter.pdf"]
    for name in pdfs:
        data = (project / "site/pdf" / name).read_bytes()
        assert pdf_pages(data) == 1
        text = subprocess.run(["pdftotext", str(project / "site/pdf" / name), "-"], capture_output=True, text=True, check=True).stdout
        assert "Use an authenticator app, not SMS" in text and "Write down support's real address" in text
        stamp = r"Missing Funds Playbook · Account basics · https://\S+/checklists/basics/ · version [0-9a-f]{8} · last reviewed 2026-11-25"
        assert re.search(stamp, " ".join(text.split()))
    page = (project / "site/checklists/basics/index.html").read_text(encoding="utf-8")
    assert ('<a href="../../pdf/basics-a4.pdf" download>PDF (A4)</a> · '
            '<a href="../../pdf/basics-letter.pdf" download>PDF (US Letter)</a>') in page  # fmt: skip
    assert cli("--root", project, "verify").code == 0


def test_a_deploy_build_reads_the_content_once_and_prints_from_the_site_it_publishes(project: Path, cli, monkeypatch) -> None:
    """`build --with-pdf --with-offline` (the deploy) runs the pipeline once, builds the site once and
    its offline copy once: the checklists are printed from the built site, not from an extra build."""
    import mkdocs.commands.build

    import generator.pipeline

    runs = {"pipeline": 0, "mkdocs": 0}

    def counted(name: str, function):
        def call(*args, **kwargs):
            runs[name] += 1
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(generator.pipeline, "load_content", counted("pipeline", generator.pipeline.load_content))
    monkeypatch.setattr(mkdocs.commands.build, "build", counted("mkdocs", mkdocs.commands.build.build))
    run = cli("--root", project, "build", "--with-pdf", "--with-offline")
    assert run.code == 0, run.out + run.err
    assert runs == {"pipeline": 1, "mkdocs": 2}
    assert sorted(path.name for path in (project / "site/pdf").iterdir()) == ["basics-a4.pdf", "basics-letter.pdf"]
    assert 'href="../../pdf/basics-a4.pdf"' in (project / "site/checklists/basics/index.html").read_text(encoding="utf-8")
    assert cli("--root", project, "verify").code == 0


def test_without_pdf_the_site_does_not_link_any(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    assert not (project / "site/pdf").exists()
    assert "mfp-download" not in (project / "site/checklists/basics/index.html").read_text(encoding="utf-8")


def test_a_checklist_too_long_for_one_sheet_stops_the_build(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    before = sorted(str(path.relative_to(project)) for path in (project / "site").rglob("*"))
    basics = project / "content/checklists/basics.yaml"
    detail = "A detail long enough to fill two lines of the printed sheet, " * 2
    items = "".join(f"  - text: A step that needs its own line, {'x' * (index % 7 + 3)}\n    detail: {detail}\n" for index in range(30))
    basics.write_text(re.sub(r"items:\n(?:  .*\n)+", "items:\n" + items, basics.read_text(encoding="utf-8")), encoding="utf-8")
    run = cli("--root", project, "build", "--with-pdf")
    assert run.code == 1
    assert [line.split(": error: ")[0] for line in run.lines] == [
        "content/checklists/basics.yaml:6:3", "content/checklists/basics.yaml:6:3"
    ]
    assert "checklist 'basics' prints on 2 A4 pages; a printed checklist must fit one sheet" in run.lines[0]
    assert sorted(str(path.relative_to(project)) for path in (project / "site").rglob("*")) == before


def test_the_printer_loads_nothing_but_the_site_it_prints(built_copy: Path, tmp_path: Path) -> None:
    """A page whose policy failed still cannot make the build reach another origin: the printer's own lock."""
    from generator.pipeline import generate
    from generator.printing import print_checklists
    from generator.problems import Problems

    page = built_copy / "site/checklists/basics/index.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    page.write_text(html.replace("</h1>", '</h1><img src="http://127.0.0.2:9/track.png" alt="">', 1), encoding="utf-8")
    generated = generate(built_copy)
    assert generated.content is not None
    problems = Problems()
    printed = print_checklists(built_copy / "site", generated.content.checklists, tmp_path / "pdf", problems)
    assert printed == [] and not list((tmp_path / "pdf").glob("*.pdf"))
    refused = ("content/checklists/basics.yaml:2: the page of checklist 'basics' tried to load http://127.0.0.2:9/track.png, "
               "which is not this site; nothing was printed from it, and no page may load anything from elsewhere")  # fmt: skip
    assert [f"{p.path}:{p.line}: {p.message}" for p in problems.sorted()] == [refused]
