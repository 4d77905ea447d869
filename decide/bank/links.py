"""Which web addresses a clinical source may not be linked through.

A specialist who follows a trial's link and lands on a web proxy, a copy on a
document-sharing site, a blog or a third-party summary stops trusting the whole summary. So a
clinical source (a trial, review, label, regulator record or guideline) must link to its
primary record: the publisher (a DOI), PubMed, a trial registry, or the regulator's own site.
This module is the one place that lists the kinds of address that are not a primary record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# The source kinds that stand for clinical evidence and so need a primary record.
CLINICAL_KINDS = ("trial", "review", "label", "regulator", "guideline")


@dataclass(frozen=True)
class LinkRule:
    """One kind of address that is not a primary record: what it is, and how to spot it."""

    what: str  # "a web proxy", in the words of the error message
    host: re.Pattern[str] | None = None  # matched against the whole host name
    path: re.Pattern[str] | None = None  # matched against the path and query


def _host(pattern: str) -> re.Pattern[str]:
    """A host name or any of its subdomains (`pattern` is a regular expression)."""
    return re.compile(rf"(?:^|\.)(?:{pattern})$", re.IGNORECASE)


NOT_PRIMARY: tuple[LinkRule, ...] = (
    LinkRule("a web proxy", path=re.compile(r"/proxy\b|[?&](?:q|url|u)=https?[:%]", re.I)),
    LinkRule("a web proxy", host=_host(r"melakarnets\.com")),
    LinkRule(
        "a document-sharing site",
        host=_host(
            r"scribd\.com|abcdocz\.com|docplayer\.net|pdfcoffee\.com|studocu\.com|"
            r"slideshare\.net|yumpu\.com|dokumen\.pub|documents\.pub|vdocuments\.\w+"
        ),
    ),
    LinkRule(
        "a blog",
        host=_host(r"blogspot\.com|wordpress\.com|medium\.com|substack\.com|tumblr\.com"),
    ),
    LinkRule("a blog", path=re.compile(r"^/(?:blog|post|posts)(?:/|$)", re.I)),
    LinkRule("a blog", path=re.compile(r"^/20\d\d/\d\d/", re.I)),
    LinkRule(
        "a development or hosting mirror",
        host=re.compile(r"^(?:dev|stage|staging|test|preview)\d*\.", re.I),
    ),
    LinkRule(
        "a development or hosting mirror",
        host=_host(r"netlify\.app|vercel\.app|herokuapp\.com|pages\.dev|github\.io"),
    ),
    LinkRule(
        "a copy of a registry or regulator record",
        host=_host(r"trials\.co|510k\.innolitics\.com|fda\.report|clinicaltrialsregister\.org"),
    ),
    LinkRule("a third-party policy summary", host=_host(r"verity\.backworkai\.com")),
    LinkRule(
        "an aggregator or reprint site",
        host=_host(
            r"researcher\.life|cdhub360\.com|usmedicine\.com|semanticscholar\.org|"
            r"researchgate\.net|scite\.ai"
        ),
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
