"""How much `python -m generator verify` costs over a plain linkchecker crawl of the same built site.

    .venv/bin/python benchmarks/verify_vs_linkchecker.py [--runs N]

Builds the shipped site once, then alternates the two measurements N times and prints the medians
and their ratio. The baseline is linkchecker alone (same configuration, same local server), so the
ratio is what the figure, ledger and link-policy checks add on top of the crawl.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.linkcheck import INTERNAL_CONFIG, run_linkchecker, serve_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build", "--site-dir", str(site)], check=True, capture_output=True)
        verify, plain, links = [], [], 0
        for _ in range(runs):
            start = time.perf_counter()
            with serve_site(site) as base:
                links = len(run_linkchecker([base], INTERNAL_CONFIG))
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "verify", str(site)], check=True, capture_output=True)
            verify.append(time.perf_counter() - start)
    pages = len(list(site.rglob("*.html"))) if site.exists() else 0
    print(f"site: shipped content, {links} links crawled, runs: {runs}{f', {pages} pages' if pages else ''}")
    print(f"plain linkchecker crawl   median {statistics.median(plain):6.2f} s   (runs: {', '.join(f'{t:.2f}' for t in plain)})")
    print(f"generator verify          median {statistics.median(verify):6.2f} s   (runs: {', '.join(f'{t:.2f}' for t in verify)})")
    print(f"ratio verify / linkchecker: {statistics.median(verify) / statistics.median(plain):.2f}")


if __name__ == "__main__":
    main()
