"""Paging on screen: a screenful at a time with Enter for more, never waiting without input."""

from __future__ import annotations

import io

from report_bank import SPEED_FIRST, make_bank, record_of
from rich.console import Console
from rich.text import Text

from decide.render.terminal import detail_topics, glance_pieces
from decide.summary import build_report
from decide.terminal.pager import MORE, show_paged, show_topics

DAY = "2026-01-20"


def console(width: int = 60) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, color_system=None, markup=False), out


def numbered(count: int) -> str:
    return "\n".join(f"line {n}" for n in range(1, count + 1))


class Reader:
    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


def test_a_screenful_at_a_time_with_enter_for_more() -> None:
    screen, out = console()
    read = Reader("", "", "")
    assert show_paged(screen, numbered(25), read=read, interactive=True, height=10)
    assert read.prompts == [MORE, MORE, MORE]  # 8 lines, 8, 8, then the last one (the prompt
    # takes a line, and the Enter typed at it one more)
    assert out.getvalue().split("\n")[:-1] == [f"line {n}" for n in range(1, 26)]


def test_the_top_is_shown_first_and_q_stops() -> None:
    screen, out = console()
    read = Reader("q")
    assert not show_paged(screen, numbered(25), read=read, interactive=True, height=10)
    assert out.getvalue().split("\n")[:-1] == [f"line {n}" for n in range(1, 9)]


def test_never_waits_without_input_or_when_it_all_fits() -> None:
    screen, out = console()
    read = Reader()
    assert show_paged(screen, numbered(25), read=read, interactive=False, height=10)
    assert show_paged(screen, numbered(5), read=read, interactive=True, height=10)
    assert read.prompts == []
    assert out.getvalue().count("line 1\n") == 2


def test_rich_pieces_are_paged_as_printed() -> None:
    screen, out = console()
    pieces = [Text(f"piece {n}") for n in range(12)]
    read = Reader("")
    show_paged(screen, pieces, read=read, interactive=True, height=10)
    assert read.prompts == [MORE]
    assert "piece 0\n" in out.getvalue() and "piece 11\n" in out.getvalue()


def test_the_detail_is_shown_one_topic_at_a_time_each_with_its_own_title() -> None:
    report = build_report(make_bank(), record_of(SPEED_FIRST), generated_on=DAY)
    for width, plain in ((60, False), (120, False), (60, True), (120, True)):
        screen, _out = console(width)
        topics = detail_topics(screen, report, plain=plain)
        titles = [title for title, _ in topics]
        assert len(titles) == len(set(titles)), titles
        assert all(any(row.title in title for title in titles) for row in report.rows)
        read = Reader(*[""] * 100)
        assert show_topics(screen, topics, read=read, interactive=True, height=200)
        assert len(read.prompts) == len(topics) - 1
        assert read.prompts[0].startswith(f"Press Enter for the next topic: {titles[1]}")


def test_the_glance_pieces_print_the_whole_page_in_both_modes() -> None:
    report = build_report(make_bank(), record_of(SPEED_FIRST), generated_on=DAY)
    for plain in (True, False):
        screen, out = console(100)
        show_paged(
            screen, glance_pieces(screen, report, plain=plain), read=Reader(), interactive=False
        )
        text = out.getvalue()
        assert text.index(report.title) < text.index(report.glance.discuss)
