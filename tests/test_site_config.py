"""The site's identity comes from mkdocs.yml: its name, folder, descriptions and intro texts, and
a section with no records is left out rather than rendered empty."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI, make_project

from generator.pipeline import generate
from generator.render import navigation
from generator.site_config import PAGES, SiteConfigError, SiteSettings, read_site_settings


def test_descriptions_and_intros_come_from_the_configuration() -> None:
    site = SiteSettings("Harbour Help", descriptions={"faq": "Harbour answers."}, intros={"faq": "Ask us <anything> & more."})
    generated = generate(MINI, site=site)
    faq = generated.by_path["faq.md"]
    assert faq.description == "Harbour answers."
    assert '<div class="mfp-intro"><p>Ask us &lt;anything&gt; &amp; more.</p></div>' in faq.markdown  # text, never markup
    myths = generated.by_path["myths.md"]
    assert myths.description == "Myths and corrections" and "mfp-intro" not in myths.markdown  # nothing configured: no intro
    assert "Missing Funds Playbook" not in generated.by_path["checklists/basics.md"].markdown
    assert "Harbour Help" in generated.by_path["checklists/basics.md"].markdown


def test_the_shipped_configuration_names_every_page_it_describes() -> None:
    settings = read_site_settings(Path(__file__).resolve().parent.parent)
    assert set(settings.descriptions) == set(PAGES)
    # the start page's intro is the triage's own; the map's opening line links the start page, which an intro cannot
    assert set(settings.intros) == set(PAGES) - {"start", "map"}


def test_an_unknown_page_name_is_one_clear_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("        faq: Straight answers.", "        fqa: Straight answers."),
                      encoding="utf-8")  # fmt: skip
    message = r"mkdocs.yml, plugin missing-funds-playbook: intros: unknown page 'fqa' \(did you mean 'faq'\?\)"
    with pytest.raises(SiteConfigError, match=message):
        read_site_settings(project)


def test_sections_without_records_are_not_rendered(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    for folder in ("myths", "risks", "controls", "faqs", "checklists"):
        shutil.rmtree(project / "content" / folder)
    for path in (project / "content").rglob("*.yaml"):  # the references to what was removed
        text = path.read_text(encoding="utf-8")
        for line in ("prevention: basics\n", "faqs: [how-long]\n", "myths: [reversal]\n", "risks: [takeover]\n", "checklists: [basics]\n"):
            text = text.replace(line, "")
        path.write_text(text, encoding="utf-8")
    generated = generate(project)
    assert generated.ok, [str(problem) for problem in generated.problems]
    paths = set(generated.by_path)
    assert not paths & {"faq.md", "myths.md", "risks.md", "security-controls.md", "checklists/index.md", "checklists/prevention-pack.md"}
    sections = [next(iter(entry)) for entry in navigation(generated.pages)]
    assert sections == ["What do you see?", "Situations", "Evidence", "Guides", "Platforms", "Sources"]
