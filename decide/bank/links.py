"""Which web addresses a clinical source may not be linked through.

A specialist who follows a trial's link and lands on a web proxy, a copy on a
document-sharing site, a blog or a third-party summary stops trusting the whole summary. So a
clinical source (a trial, review, label, regulator record or guideline) must link to its
primary record: the publisher (a DOI), PubMed, a trial registry, or the regulator's own site.
This module is the one place that lists the kinds of address that are not a primary record.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from msgspec import Struct

# The source kinds that stand for clinical evidence and so need a primary record.
CLINICAL_KINDS = ("trial", "review", "label", "regulator", "guideline")


class LinkRule(Struct, frozen=True):
    """One kind of address that is not a primary record: what it is, and how to spot it."""

    what: str  # "a web proxy", in the words of the error message
    host: re.Pattern[str] | None = None  # matched against the whole host name
    path: re.Pattern[str] | None = None  # matched against the path and query


def _host(pattern: str) -> re.Pattern[str]:
    """A host name or any of its subdomains (`pattern` is a regular expression)."""
    return re.compile(rf"(?:^|\.)(?:{pattern})$", re.IGNORECASE)


# Kinds of copy, each with the host names (a regular expression, subdomains included) that serve it.
_HOSTS = (
    ("a web proxy", r"melakarnets\.com"),
    (
        "a document-sharing site",
        r"scribd\.com|abcdocz\.com|docplayer\.net|pdfcoffee\.com|studocu\.com|slideshare\.net|"
        r"yumpu\.com|dokumen\.pub|documents\.pub|vdocuments\.\w+",
    ),
    ("a blog", r"blogspot\.com|wordpress\.com|medium\.com|substack\.com|tumblr\.com"),
    (
        "a development or hosting mirror",
        r"netlify\.app|vercel\.app|herokuapp\.com|pages\.dev|github\.io",
    ),
    (
        "a copy of a registry or regulator record",
        r"trials\.co|510k\.innolitics\.com|fda\.report|clinicaltrialsregister\.org",
    ),
    ("a third-party policy summary", r"verity\.backworkai\.com"),
    (
        "an aggregator or reprint site",
        r"researcher\.life|cdhub360\.com|usmedicine\.com|semanticscholar\.org|researchgate\.net|"
        r"scite\.ai",
    ),
)

# Kinds of copy that show in the path or query, whatever the host.
_PATHS = (
    ("a web proxy", r"/proxy\b|[?&](?:q|url|u)=https?[:%]"),
    ("a blog", r"^/(?:blog|post|posts)(?:/|$)"),
    ("a blog", r"^/20\d\d/\d\d/"),
)

NOT_PRIMARY: tuple[LinkRule, ...] = (
    *(LinkRule(what, path=re.compile(pattern, re.I)) for what, pattern in _PATHS),
    *(LinkRule(what, host=_host(pattern)) for what, pattern in _HOSTS),
    # a development or staging copy of a site: dev., dev2., staging., test., preview.
    LinkRule(
        "a development or hosting mirror",
        host=re.compile(r"^(?:dev|stage|staging|test|preview)\d*\.", re.I),
    ),
)


def not_primary(url: str) -> str | None:
    """What kind of copy `url` points at ("a web proxy"), or None when no rule matches."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    rest = unquote(parts.path) + ("?" + parts.query if parts.query else "")
    for rule in NOT_PRIMARY:
        if rule.host is not None and rule.host.search(host):
            return rule.what
        if rule.path is not None and rule.path.search(rest):
            return rule.what
    return None


def same_address(url: str) -> str:
    """`url` in the form two sources are compared by: no scheme, `www.`, case or end slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")
