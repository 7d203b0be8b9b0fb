"""The site-reading helpers must notice what they are meant to notice."""

from pathlib import Path

from site_helpers import broken_internal_links, foreign_assets, parse_site


def test_helpers_find_broken_links_missing_anchors_and_foreign_assets(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">x</a><a href="b/">x</a><a href="https://example.org/">out</a>')
    (tmp_path / "a/index.html").write_text('<h2 id="here">Here</h2><script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="//fonts.example.org/f.css">')
    pages = parse_site(tmp_path)
    assert broken_internal_links(tmp_path, pages) == ["/index.html → a/#gone (no such anchor)", "/index.html → b/"]
    assert foreign_assets(pages) == ["/a/index.html: https://cdn.example.org/x.js", "/a/index.html: //fonts.example.org/f.css"]
