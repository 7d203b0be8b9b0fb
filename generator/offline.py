"""The offline copy: the site built to be opened from disk, zipped for readers to download.

MkDocs sites do not work from ``file://`` as built: links point at folders and search loads its
index with a request browsers refuse there. Material's offline plugin fixes both (file links, the
index inlined as a script, the search worker run in a frame by our stand-in for Worker, web/iframe-worker.js); this module
packs the result so it unzips into one folder with a note on how to open it.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

FOLDER = "missing-funds-playbook"
"""The folder the zip unpacks into."""
NOT_OFFLINE = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
"""What only a web server uses: no browser shows a "not found" page or reads a sitemap from disk."""
README = """Missing Funds Playbook, offline copy

Open index.html in this folder with your web browser. Everything works without an internet
connection, search included. Nothing you type is sent anywhere.

This copy was made on {day}. The online site may have newer versions of its pages.
"""


def zip_offline_copy(site: Path, archive: Path, day: date) -> Path:
    """Zip the built offline ``site`` into ``archive`` under :data:`FOLDER`, with a README.

    The zip is reproducible: files in name order, each dated 1980-01-01 (the earliest date a zip holds).
    """
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(_entry("README.txt"), README.format(day=day.isoformat()), compresslevel=9)
        for path in sorted(p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in NOT_OFFLINE):
            bundle.writestr(_entry(path.relative_to(site).as_posix()), path.read_bytes(), compresslevel=9)
    return archive


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER}/{name}")
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
