"""Text in the Markdown summary reads exactly as typed once a CommonMark viewer shows it.

The check renders with markdown-it-py (CommonMark; installed with Rich) and compares the words
a reader sees with the words that were typed: no markup, and no stray backslash.
"""

from __future__ import annotations

import html
import re

from counts import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from report_bank import SPEED_FIRST, make_bank, record_of

from decide.render import render
from decide.render.markdown import md
from decide.summary import build_report

COMMONMARK = MarkdownIt("commonmark")
# Letters, digits and every character that means something at the start of a line or inside it.
ALPHABET = "ab19 .)(#+=-*_`[]<>|~&!\\\"':/;?{}^$%@,"
LINES = st.lists(
    st.text(alphabet=ALPHABET, min_size=1, max_size=10).map(str.strip).filter(bool),
    min_size=1,
    max_size=4,
)


def seen(markdown: str, wrapper: str) -> str:
    """The text a reader sees in the one block `wrapper` (a regex around `(.*)`)."""
    found = re.fullmatch(wrapper, COMMONMARK.render(markdown), re.S)
    assert found, COMMONMARK.render(markdown)
    return html.unescape(found.group(1).replace("<br />\n", "\n"))


def test_a_numbered_line_typed_in_an_answer_shows_no_backslash() -> None:
    answers = {**SPEED_FIRST, "my_questions": "1. list\n2) two"}
    report = build_report(make_bank(), record_of(answers), generated_on="2026-01-20")
    text = render(report, "md")
    assert "- 1\\. list\n- 2\\) two\n" in text
    assert "\\1" not in text and "\\2" not in text
    assert seen("- 1\\. list", r"<ul>\n<li>(.*)</li>\n</ul>\n") == "1. list"


@settings(max_examples=examples(400))
@given(LINES)
def test_escaped_text_reads_as_typed_in_a_paragraph(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert seen(md(text), r"<p>(.*)</p>\n") == text


@settings(max_examples=examples(400))
@given(LINES)
def test_escaped_text_reads_as_typed_in_a_list_item(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert seen("- " + md(text, 2), r"<ul>\n<li>(.*)</li>\n</ul>\n") == text
