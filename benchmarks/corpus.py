"""A synthetic site of N playbooks, grown from the shipped content, that passes ``check`` with no error.

The shipped playbooks, with the checklists, FAQs, claims and sources they use, are copied again and
again as *replicas*: replica ``k`` renames every record ``ID`` to ``ID-rK`` and every reference
inside the replica with it, so cross-references stay in the shipped proportions and all resolve.
A reference to a record the replica does not copy (a myth, a risk, the platform, a playbook left
out of the last, partial replica) keeps pointing at the shipped record.

Identical copies would flatter every gzip figure (the search index lists copies side by side), so
each replica also swaps a share of its ordinary words for others drawn from the shipped text,
with one word map per replica applied to quotes and the excerpts they come from alike. A swap that
would make a figure, an address or an over-long field, or break a quote, is not made.

A checklist's version (eight hex digits of a hash) is printed on its page, and ``verify`` misreads
a version such as ``1876611d`` as a figure ("1876611 days"); about one checklist in 400 gets such a
version. Copies whose version would read as a figure get " (revised)" added to their title until
it does not, so ``verify`` measures its work rather than that bug (reported by the benchmark's
findings, not hidden: see :func:`version_reads_as_figure`).

Left as they are: the start page's questions (routing thousands of playbooks through one flowchart
is not how a large site would do it), so each extra playbook is reported as not reachable from the
start page; ``check`` prints those warnings and no other problem.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from generator.checks.claim_quotes import value_in_quote
from generator.checks.link_policy import URL_IN_TEXT
from generator.figures import find_figures
from generator.kinds import KIND_BY_NAME
from generator.loader import load_text
from generator.model import Checklist
from generator.quotes import quote_in
from generator.review import newest_review_day
from generator.text import REFERENCE

REPO = Path(__file__).resolve().parent.parent
"""The repository whose content and configuration are copied."""

PINNED_DAY = newest_review_day(REPO / "content") or date(2026, 12, 1)
"""The day review dates are judged by in every benchmark run, so a corpus never expires: the
newest review date of the shipped content it grows from (no date there is in the future)."""

SHIPPED = ("mkdocs.yml", "docs", "content")
"""What a project root needs besides the generator package itself."""

REPLICATED = ("playbook", "checklist", "faq", "claim", "source")
"""Kinds copied per replica; the rest (myths, risks, controls, guides, platform, triage) stay as shipped."""

REFERENCE_FIELDS: dict[str, dict[str, str]] = {
    "playbook": {"platform": "platform", "prevention": "checklist", "faqs": "faq", "risks": "risk", "myths": "myth", "related": "playbook"},
    "checklist": {"platform": "platform"},
    "faq": {"playbooks": "playbook"},
    "claim": {"source": "source"},
}
"""Fields that hold ids of other records, and the kind each names."""

KEPT_FIELDS = frozenset({"url", "reviewed", "checked", "retrieved", "severity", "order", "kind", "audience", "status", "language", "value",
                         "review_interval_days", "publisher", "unconfirmed"})  # fmt: skip
"""Fields copied verbatim: dates, enums, addresses, the figure a claim shows, and the publisher the link policy reads."""

EVIDENCE_FIELDS = frozenset({"quote", "translation", "excerpts"})
"""Rewritten together for a source and its claims, so every quote stays inside its excerpts."""

TITLE_FIELDS = {"playbook": "title", "checklist": "title", "faq": "question"}
"""Where each copy gets its " (case K)" so titles stay unique (``case 12`` is a name by rule, not a figure)."""

LENGTH_TIERS = (200, 500, 1000, 2000, 4000)
"""maxLength values in the schemas: a rewritten field stays within the tier of the original."""

KEEP_WORD = 0.1
"""Share of a replica's eligible words left unchanged; the rest are swapped."""

_WORD = re.compile(r"(?<![\w.@/:\-'\u2019])[a-z]{3,}(?![\w@/:\-'\u2019]|\.\w)")
"""An ordinary lower-case word standing alone: never part of an address, an id, a name or a contraction."""

_PROTECTED = re.compile(
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|once|twice|"
    r"(?:second|sec|minute|min|hour|hr|day|week|month|quarter|year|confirmation|block|attempt|character|digit|word|dollar|euro|pound)s?|"
    r"percent|cent|times|for|per|business|working|calendar|within|after|under|over|than|about|around|every|least|most|"
    r"steps?|question|item|part|section|chapter|page|number|version|revision|release|level|alert|case|ticket|commit|article|issue"
)
"""Words the figure lint reads as numbers, units or labels: swapping them could make or hide a figure."""


@dataclass
class Corpus:
    """A synthetic project root: what it holds and which file ``serve`` benchmarks edit."""

    root: Path
    playbooks: int
    records: dict[str, int] = field(default_factory=dict)
    """Files per kind under content/."""
    edited: Path | None = None
    """A synthetic playbook's YAML file (or a shipped one when there is none), for the serve benchmark."""
    edited_url: str = ""
    """Its page, relative to the site root."""
    edited_title: str = ""

    @property
    def expected_html_pages(self) -> int:
        """Pages a build writes: one per playbook, checklist, guide and platform, and the site's eleven others
        (start, the two section indexes, prevention pack, evidence, FAQ, myths, controls, risks, sources, 404)."""
        return sum(self.records.get(kind, 0) for kind in ("playbooks", "checklists", "guides", "platforms")) + 11


def build_corpus(root: Path, playbooks: int, repo: Path = REPO, seed: int = 0) -> Corpus:
    """Write a project with ``playbooks`` playbooks into ``root`` (which must not exist yet)."""
    content = repo / "content"
    shipped = {kind: _load(content / KIND_BY_NAME[kind].folder) for kind in REPLICATED}
    base = len(shipped["playbook"])
    if playbooks < base:
        raise ValueError(f"a corpus holds at least the {base} shipped playbooks; asked for {playbooks}")
    root.mkdir(parents=True)
    for name in SHIPPED:
        source = repo / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    vocabulary = [word for kind in shipped.values() for data in kind.values() for text in _strings(data) for word in _WORD.findall(text)
                  if not _PROTECTED.fullmatch(word)]  # fmt: skip
    extra = playbooks - base
    corpus = Corpus(root, playbooks)
    order = sorted(shipped["playbook"])
    for k in range(1, (extra + base - 1) // base + 1):
        chosen = order[: min(base, extra - (k - 1) * base)]
        replica = _Replica(k, shipped, _included(shipped, chosen), _Words(vocabulary, seed * 100_003 + k))
        for kind, ident, data in replica.records():
            folder = root / "content" / KIND_BY_NAME[kind].folder
            (folder / f"{data['id']}.yaml").write_text(dump(data), encoding="utf-8")
            if kind == "playbook" and k == 1 and ident == chosen[0]:
                corpus.edited = folder / f"{data['id']}.yaml"
                corpus.edited_url, corpus.edited_title = f"playbooks/{data['id']}/", data["title"]
    if corpus.edited is None:
        first = order[0]
        corpus.edited = root / "content/playbooks" / f"{first}.yaml"
        corpus.edited_url, corpus.edited_title = f"playbooks/{first}/", shipped["playbook"][first]["title"]
    corpus.records = {folder.name: sum(1 for _ in folder.glob("*.yaml"))
                      for folder in sorted((root / "content").iterdir()) if folder.is_dir()}  # fmt: skip
    return corpus


def _load(folder: Path) -> dict[str, dict[str, Any]]:
    """A folder's records by id, read by the generator's own loader (so ``no`` stays text, as in ``check``)."""
    records = {}
    for path in sorted(folder.glob("*.yaml")):
        data = load_text(path.name, path.read_bytes()).data
        records[data["id"]] = data
    return records


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in KEPT_FIELDS and key != "id":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _references(kind: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """Every (kind, id) a record names, in its id fields and in ``{kind:ID}`` references in its text."""
    found: set[tuple[str, str]] = set()
    for name, target in REFERENCE_FIELDS.get(kind, {}).items():
        value = data.get(name)
        for ident in value if isinstance(value, list) else [value] if value else []:
            found.add((target, ident))
    for text in _strings(data):
        for match in REFERENCE.finditer(text):
            found.add(("claim" if match.group(1) == "cite" else match.group(1), match.group(2)))
    return found


def _included(shipped: dict[str, dict[str, dict[str, Any]]], chosen: list[str]) -> set[tuple[str, str]]:
    """What a replica of the ``chosen`` playbooks copies.

    A full replica copies every checklist and FAQ; a partial one, only those its playbooks lead to.
    Either way it copies exactly the claims its records use and the sources those claims cite, so no
    claim or source is left unused (which ``check`` would report).
    """
    full = len(chosen) == len(shipped["playbook"])
    included = {("playbook", ident) for ident in chosen}
    if full:
        included |= {(kind, ident) for kind in ("checklist", "faq") for ident in shipped[kind]}
    while True:
        named = set().union(*(_references(kind, shipped[kind][ident])
                              for kind, ident in included if kind in ("playbook", "checklist", "faq")))  # fmt: skip
        grown = included | {(kind, ident) for kind, ident in named if kind in ("checklist", "faq") and ident in shipped[kind]}
        if grown == included:
            break
        included = grown
    claims = {(kind, ident) for kind, ident in named if kind == "claim" and ident in shipped["claim"]}
    sources = {("source", shipped["claim"][ident]["source"]) for _, ident in claims}
    return included | claims | sources


class _Words:
    """One replica's word map: each eligible word is kept or swapped for a word of the shipped text, consistently."""

    def __init__(self, vocabulary: list[str], seed: int) -> None:
        self.vocabulary = vocabulary
        self.rng = random.Random(seed)
        self.swaps: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        return _WORD.sub(self._swap, text)

    def _swap(self, match: re.Match[str]) -> str:
        word = match.group(0)
        if _PROTECTED.fullmatch(word):
            return word
        if word not in self.swaps:
            self.swaps[word] = word if self.rng.random() < KEEP_WORD else self.rng.choice(self.vocabulary)
        return self.swaps[word]


class _Replica:
    """Copy ``k`` of the shipped records in ``included``, renamed and reworded."""

    def __init__(self, k: int, shipped: dict[str, dict[str, dict[str, Any]]], included: set[tuple[str, str]], words: _Words) -> None:
        self.k, self.shipped, self.included, self.words = k, shipped, included, words

    def rename(self, kind: str, ident: str) -> str:
        return f"{ident}-r{self.k}" if (kind, ident) in self.included else ident

    def records(self) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """(kind, shipped id, new data) for every record of the replica, in a fixed order."""
        evidence = self._evidence()
        for kind in REPLICATED:
            for ident in sorted(self.shipped[kind]):
                if (kind, ident) in self.included:
                    data = self._copy(kind, self.shipped[kind][ident])
                    data.update(evidence.get((kind, ident), {}))
                    yield kind, ident, data

    def _copy(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        copied: dict[str, Any] = {}
        for name, value in data.items():
            target = REFERENCE_FIELDS.get(kind, {}).get(name)
            if name == "id":
                copied[name] = self.rename(kind, value)
            elif target is not None:
                copied[name] = [self.rename(target, v) for v in value] if isinstance(value, list) else self.rename(target, value)
            elif name in KEPT_FIELDS or name in EVIDENCE_FIELDS:
                copied[name] = value
            else:
                copied[name] = self._text(value)
        if kind in TITLE_FIELDS:
            copied[TITLE_FIELDS[kind]] += f" (case {self.k})"
        while kind == "checklist" and version_reads_as_figure(copied):
            copied["title"] += " (revised)"
        return copied

    def _text(self, value: Any) -> Any:
        """Rename references and swap words in every string of ``value``, keeping each swap only if it is harmless."""
        if isinstance(value, dict):
            return {name: self._text(item) for name, item in value.items()}
        if isinstance(value, list):
            return [self._text(item) for item in value]
        if not isinstance(value, str):
            return value
        plain, reworded = self._rewrite(value, str), self._rewrite(value, self.words)
        return reworded if _harmless(plain, reworded) else plain

    def _rewrite(self, text: str, words: Callable[[str], str]) -> str:
        parts, position = [], 0
        for match in REFERENCE.finditer(text):
            kind, ident = match.groups()
            parts += [words(text[position : match.start()]), f"{{{kind}:{self.rename('claim' if kind == 'cite' else kind, ident)}}}"]
            position = match.end()
        return "".join(parts + [words(text[position:])])

    def _evidence(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Reworded excerpts, quotes and translations per source and its claims, all or none."""
        rewritten: dict[tuple[str, str], dict[str, Any]] = {}
        claims = [ident for kind, ident in sorted(self.included) if kind == "claim"]
        for kind, source_id in sorted(self.included):
            if kind != "source":
                continue
            excerpts = [self.words(text) for text in self.shipped["source"][source_id]["excerpts"]]
            changes: dict[tuple[str, str], dict[str, Any]] = {("source", source_id): {"excerpts": excerpts}}
            for claim_id in claims:
                claim = self.shipped["claim"][claim_id]
                if claim["source"] == source_id:
                    changes[("claim", claim_id)] = {name: self.words(claim[name]) for name in ("quote", "translation") if claim.get(name)}
            quoted = all(_holds(self.shipped["claim"][ident], change, excerpts)
                         for (kind, ident), change in changes.items() if kind == "claim")  # fmt: skip
            if quoted and all(
                len(text) <= _tier(len(original)) for text, original in zip(excerpts, self.shipped["source"][source_id]["excerpts"])
            ):
                rewritten.update(changes)
        return rewritten


def version_reads_as_figure(checklist: dict[str, Any]) -> bool:
    """Whether the checklist's printed version (``Checklist.version``) would be taken for a figure by ``verify``."""
    items = [SimpleNamespace(text=SimpleNamespace(source=item["text"]),
                             detail=SimpleNamespace(source=item["detail"]) if item.get("detail") else None)
             for item in checklist["items"]]  # fmt: skip
    version = Checklist.version.fget(SimpleNamespace(title=checklist["title"], items=items))  # type: ignore[attr-defined]
    return bool(find_figures(f"version {version}"))


def _holds(claim: dict[str, Any], change: dict[str, Any], excerpts: list[str]) -> bool:
    """Whether the reworded claim still quotes its reworded excerpts and still states its value."""
    quote, translation = change.get("quote", claim["quote"]), change.get("translation", claim.get("translation"))
    if len(quote) > _tier(len(claim["quote"])) or (translation and len(translation) > _tier(len(claim["translation"]))):
        return False
    reworded = SimpleNamespace(quote=quote, translation=translation, value=claim.get("value"))
    return quote_in(quote, excerpts) and (not claim.get("value") or value_in_quote(reworded))  # type: ignore[arg-type]


def _tier(length: int) -> int:
    return next((tier for tier in LENGTH_TIERS if length <= tier), length)


def _harmless(plain: str, reworded: str) -> bool:
    """A swap may not lengthen a field past its schema limit, nor add or remove a figure or an address."""
    if len(reworded) > _tier(len(plain)) - 16:  # room for " (case K)"
        return False

    def masked(text: str) -> str:
        return REFERENCE.sub(lambda match: " " * len(match.group(0)), text)

    return [f.text for f in find_figures(masked(plain))] == [f.text for f in find_figures(masked(reworded))] and URL_IN_TEXT.findall(
        masked(plain)
    ) == URL_IN_TEXT.findall(masked(reworded))


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Plain YAML the strict loader accepts: no anchors or aliases, ever."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    """One record as YAML the generator's strict loader reads back unchanged."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000))
