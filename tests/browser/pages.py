"""One page of each type the site has, as paths under the site's address."""

PAGE_TYPES = [
    "", "map/", "playbooks/", "playbooks/account-takeover/", "checklists/", "checklists/account-security-basics/",
    "checklists/prevention-pack/",
    "guides/transaction-verification/", "evidence/", "faq/", "myths/", "security-controls/", "risks/", "okx/", "sources/",
]  # fmt: skip


def page_id(path: str) -> str:
    return path or "start"
