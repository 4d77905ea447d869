"""The summary in every format: golden files, HTML safety, terminal layouts, typed text.

Golden files live in tests/golden/. After an intended change to the summary, regenerate them
with `UPDATE_GOLDEN=1 pytest tests/test_render.py` and read the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_bank import AVOID_DRUG_EFFECTS, OPTIONS, SPEED_FIRST, make_bank, record_of
from rich.console import Console

from decide.core.errors import OutputError
from decide.core.model import AnswerValue
from decide.render import FORMATS, render
from decide.render.output import default_summary_name, write_summary
from decide.render.terminal import print_report
from decide.render.text import render_text
from decide.summary import build_report
from decide.summary.model import Report
from decide.terminal.output import make_console

GOLDEN = Path(__file__).parent / "golden"
DAY = "2026-01-20"
PEOPLE = {"speed-first": SPEED_FIRST, "avoid-drug-effects": AVOID_DRUG_EFFECTS}
BOX_DRAWING = {chr(c) for c in range(0x2500, 0x2580)}


def report_for(answers: dict[str, AnswerValue], **fields: object) -> Report:
    return build_report(make_bank(), record_of(answers, **fields), generated_on=DAY)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/test_render.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("person", sorted(PEOPLE))
@pytest.mark.parametrize(("fmt", "ext"), [("md", "md"), ("json", "json")])
def test_summary_matches_its_golden_file(person: str, fmt: str, ext: str) -> None:
    check_golden(f"summary-{person}.{ext}", render(report_for(PEOPLE[person]), fmt))


def test_contrasting_people_differ_only_in_row_order_and_points_to_raise() -> None:
    speed = json.loads((GOLDEN / "summary-speed-first.json").read_text(encoding="utf-8"))
    avoid = json.loads((GOLDEN / "summary-avoid-drug-effects.json").read_text(encoding="utf-8"))
    assert speed["options"] == avoid["options"]
    assert [o["id"] for o in speed["options"]] == list(OPTIONS)
    # The same rows, each with the same cells for the same options...
    cells = {row["id"]: row["cells"] for row in speed["rows"]}
    assert cells == {row["id"]: row["cells"] for row in avoid["rows"]}
    for row in speed["rows"] + avoid["rows"]:
        assert list(row["cells"]) == list(OPTIONS)
    # ...in a different order: what each cares about most comes first.
    assert speed["rows"][0]["id"] == "speed"
    assert avoid["rows"][0]["id"] == "side_effects"
    assert [r["id"] for r in speed["rows"]] != [r["id"] for r in avoid["rows"]]
    # Points to raise differ, but every option has its list in both.
    assert list(speed["considerations"]) == list(avoid["considerations"]) == list(OPTIONS)
    assert speed["considerations"] != avoid["considerations"]
    assert speed["considerations"]["tms"] == []
    assert len(avoid["considerations"]["tms"]) == 1


def test_markdown_of_the_two_people_has_the_same_option_order_and_depth() -> None:
    for person in PEOPLE:
        text = (GOLDEN / f"summary-{person}.md").read_text(encoding="utf-8")
        detail = text.split("\n# The detail\n")[1]
        assert "| Topic | TMS | Esketamine | IV ketamine |" in text  # the grid's columns
        assert detail.count("- **TMS (magnetic stimulation)**: ") == len(make_bank().rows)
        assert detail.count("- **Esketamine nasal spray**: ") == len(make_bank().rows)
        assert detail.count("- **IV ketamine**: ") == len(make_bank().rows)


def test_every_figure_shows_both_sides_out_of_the_same_100() -> None:
    for fmt in FORMATS:
        out = " ".join(render(report_for(SPEED_FIRST), fmt).split())
        assert "bout 14 out of 100 were in remission; about 86 out of 100 were not" in out
        assert "about 5 out of 100 were in remission; about 95 out of 100 were not" in out
        assert "We found no study that compared them directly" in out


ICON_ROW = re.compile(r"^\s*((?:[●○] ){9}[●○])")
SURE = (
    "How sure we are: low (one open-label trial of 400 people). "
    "This is our rating, not a formal GRADE assessment."
)


def test_every_figure_names_its_measure_and_how_sure_we_are_in_every_format() -> None:
    report = report_for(SPEED_FIRST)
    outputs = {fmt: render(report, fmt) for fmt in FORMATS}
    outputs["terminal-wide"] = terminal_output(report, width=120)
    outputs["terminal-narrow"] = terminal_output(report, width=40)
    for name, out in outputs.items():
        said = " ".join(ICON_ROW.sub("", line) for line in out.replace("\\", " ").splitlines())
        said = " ".join(said.split())
        if name != "json":  # JSON has the measure as its own field, checked below
            assert said.count("Remission: a MADRS score of 10 or lower. Who:") == 3, name
        assert said.count(SURE) == 3, name
    rows = json.loads(outputs["json"])["rows"]
    figure = next(f for row in rows for cell in row["cells"].values() for f in cell["figures"])
    assert (figure["measure"], figure["certainty"]) == (
        "remission: a MADRS score of 10 or lower",
        "low",
    )
    assert figure["certainty_reason"] == "one open-label trial of 400 people"


# ---------------------------------------------------------------- HTML


VOID = frozenset({"meta", "br", "col", "link", "img", "hr", "input"})


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return checker


def test_html_is_well_formed_self_contained_and_has_no_script() -> None:
    page = render(report_for(SPEED_FIRST, crisis_fired=True), "html")
    checker = parse_html(page)
    assert checker.problems == [] and checker.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert "script" not in checker.tags and "iframe" not in checker.tags
    assert not [a for a in checker.attributes if a.startswith("on")]
    sources = {"https://doi.org/10.1000/a", "https://example.org/b", "https://example.org/c"}
    crisis = {"tel:988", "tel:911"}  # the crisis numbers, to call from a phone
    assert set(checker.links) == sources | crisis  # no other link
    assert "@media print" in page


def test_html_icon_arrays_are_hidden_from_screen_readers_with_their_words_beside() -> None:
    page = render(report_for(SPEED_FIRST), "html")
    assert page.count('<pre class="icons" aria-hidden="true">') == 4  # 3 figures, 1 comparator
    tms = page.split('<pre class="icons" aria-hidden="true">')[1]
    icons, words = tms.split("</pre>", 1)
    assert icons.count("●") == 14 and icons.count("○") == 86
    # The key sits right under the array; the words beside it.
    assert words.startswith(
        '<p class="key">Key: each dot is 1 person out of 100. ● = were in remission (14); '
        "○ = were not in remission (86).</p></div><div><p>About 14 out of 100 were in remission;"
    )


def test_html_draws_the_comparator_s_icon_array_too_with_its_own_words() -> None:
    page = render(report_for(SPEED_FIRST), "html")
    sham = page.split('<pre class="icons" aria-hidden="true">')[2]
    icons, words = sham.split("</pre>", 1)
    assert icons.count("●") == 5 and icons.count("○") == 95
    assert icons.count("\n") == 9  # ten rows of ten, like the treatment's
    assert words.startswith('<p class="key">Key: each dot is 1 person out of 100. ● = were in')
    assert (
        "</div><div><p>For comparison, with a sham (pretend) treatment: about 5 out of 100 were "
        "in remission; about 95 out of 100 were not in remission.</p></div>" in words
    )
    pair = page.split('<div class="figures">')[1].split('<div class="figures">')[0]
    assert pair.count('<pre class="icons"') == 2  # both arms together, kept on one page


@pytest.mark.parametrize("width", [120, 80, 40])
def test_the_terminal_draws_both_arms_the_same_size_with_words_for_each(width: int) -> None:
    out = terminal_output(report_for(SPEED_FIRST), width=width)
    icon_row = re.compile(r"^\s*((?:[●○] ){9}[●○])")
    rows = [found.group(1) for line in out.splitlines() if (found := icon_row.match(line))]
    arrays = [rows[i : i + 10] for i in range(0, len(rows), 10)]
    assert len(rows) == 10 * len(arrays) and len(arrays) == 4  # 3 figures, 1 comparator
    filled = [sum(row.count("●") for row in array) for array in arrays]
    assert filled[:2] == [14, 5]  # TMS, then its sham comparator, right after it
    said = " ".join(" ".join(icon_row.sub("", line) for line in out.splitlines()).split())
    assert "For comparison, with a sham (pretend) treatment: about 5 out of 100" in said
    assert "● = were in remission (5); ○ = were not in remission (95)" in said


def test_script_typed_in_an_answer_comes_out_escaped_in_html() -> None:
    answers = {**SPEED_FIRST, "my_questions": '<script>alert("x")</script> & <b onclick=1>'}
    page = render(report_for(answers), "html")
    checker = parse_html(page)
    assert "script" not in checker.tags and "b" not in checker.tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=1&gt;" in page
    assert '<script>alert("x")</script> & <b onclick=1>' in "".join(checker.text)


def test_a_source_address_that_is_not_a_web_address_is_never_a_link() -> None:
    bank = make_bank()
    sources = dict(bank.sources)
    sources["SRC-B"] = type(sources["SRC-B"])(
        "SRC-B", "Bad", "trial", "2019", url="javascript:alert(1)"
    )
    from msgspec.structs import replace

    report = build_report(replace(bank, sources=sources), record_of(SPEED_FIRST), generated_on=DAY)
    checker = parse_html(render(report, "html"))
    assert not [link for link in checker.links if "javascript" in link]


def test_markdown_escapes_markup_typed_in_an_answer() -> None:
    answers = {**SPEED_FIRST, "my_questions": "<img src=x onerror=alert(1)> *big* [a](b)\n# Hi"}
    text = render(report_for(answers), "md")
    assert "- \\<img src=x onerror=alert(1)\\> \\*big\\* \\[a\\](b)\n" in text
    assert "- \\# Hi\n" in text  # each line of their questions is a question of its own


# ---------------------------------------------------------------- terminal and plain text


def terminal_output(report: Report, *, width: int, plain: bool = False) -> str:
    out = io.StringIO()
    console = make_console(plain, width=width, file=out)
    if not plain:
        console = Console(
            file=out, width=width, force_terminal=True, color_system=None, markup=False
        )
    print_report(console, report, plain=plain)
    return out.getvalue()


def test_the_terminal_shows_a_table_when_wide_and_stacks_when_narrow() -> None:
    report = report_for(SPEED_FIRST)
    wide = terminal_output(report, width=120)
    narrow = terminal_output(report, width=80)
    assert "┬" in wide  # the comparison table's column separators
    assert "┬" not in narrow
    # Stacked: each row's title, then every option under it, in bank order.
    block = narrow.split("How well it works\n", 1)[1].split("\nVisits", 1)[0]
    positions = [block.index(name) for name in ("TMS (", "Esketamine nasal", "IV ketamine")]
    assert positions == sorted(positions)
    assert "● ● ● ● ● ● ● ● ● ●  About 14 out of 100" in narrow  # icon array, words beside
    assert max(len(line) for line in narrow.splitlines()) <= 80


def test_in_a_very_narrow_window_the_words_go_under_the_icons() -> None:
    narrow = terminal_output(report_for(SPEED_FIRST), width=40)
    assert "  ● ● ● ● ● ● ● ● ● ●" in [line.rstrip() for line in narrow.splitlines()]
    assert "About 14 out of 100 were in remission;" in " ".join(narrow.split())
    assert max(len(line) for line in narrow.splitlines()) <= 40


def test_the_layout_switches_at_100_columns() -> None:
    report = report_for(SPEED_FIRST)
    assert "┬" not in terminal_output(report, width=99)
    assert "┬" in terminal_output(report, width=100)


def test_plain_mode_has_no_box_drawing_and_no_escape_codes() -> None:
    out = terminal_output(report_for(SPEED_FIRST), width=120, plain=True)
    assert not BOX_DRAWING & set(out)
    assert "\x1b" not in out
    assert "About 14 out of 100 were in remission" in out


def test_markup_typed_in_an_answer_is_printed_literally() -> None:
    answers = {**SPEED_FIRST, "my_questions": "[bold red]Is it safe?[/bold red] [link=x]y[/link]"}
    report = report_for(answers)
    for width, plain in ((120, False), (60, False), (80, True)):
        out = terminal_output(report, width=width, plain=plain)
        assert "[bold red]Is it safe?[/bold red] [link=x]y[/link]" in out


def test_escape_sequences_typed_in_an_answer_are_removed_everywhere() -> None:
    typed = "\x1b]0;pwned\x07\x1b[2JIs it \x1b[31msafe\x1b[0m?\x9b1m"
    answers = {**SPEED_FIRST, "my_questions": typed, "anything_else": typed}
    report = report_for(answers, client_code="\x1b[5mC-7", notes=[])
    outputs = [render(report, fmt) for fmt in FORMATS]
    outputs += [terminal_output(report, width=w, plain=p) for w, p in ((120, False), (80, True))]
    for out in outputs:
        assert "Is it safe?" in out
        assert "pwned" not in out and "\x9b" not in out
    for out in outputs[:3] + outputs[-1:]:  # text, md, html, plain: no ESC at all
        assert "\x1b" not in out
    assert "\\u001b" not in outputs[3]  # json


def test_plain_text_fits_80_columns_and_reads_at_40() -> None:
    report = report_for(AVOID_DRUG_EFFECTS)
    for width in (80, 40):
        text = render_text(report, width=width)
        assert max(len(line) for line in text.splitlines()) <= width
        assert "About 14 out of 100 were in remission;" in " ".join(text.split())


def test_counselor_notes_only_in_the_counselor_copy() -> None:
    from decide.core.record import CounselorNote

    fields: dict[str, object] = {
        "notes": [CounselorNote("values", "Client unsure about cost.", "2026-01-20T10:05:00Z")],
        "client_code": "C-17",
        "mode": "counselor",
    }
    bank, record = make_bank(), record_of(SPEED_FIRST, **fields)
    patient = build_report(bank, record, generated_on=DAY)
    counselor = build_report(bank, record, generated_on=DAY, with_notes=True)
    for fmt in FORMATS:
        assert "Client unsure about cost." not in render(patient, fmt)
        assert "C-17" not in render(patient, fmt)
        assert "Client unsure about cost." in render(counselor, fmt)
        assert "C-17" in render(counselor, fmt)
    assert "What matters to you" in render(counselor, "text")  # the section's title


def test_a_fired_crisis_layer_is_flagged_in_every_format() -> None:
    fired = report_for({**SPEED_FIRST, "self_harm": True})
    calm = report_for(SPEED_FIRST)
    assert fired.safety.fired and not calm.safety.fired
    assert report_for(SPEED_FIRST, crisis_fired=True).safety.fired
    for fmt in FORMATS:
        assert "raised a safety concern" in render(fired, fmt)
        assert "raised a safety concern" not in render(calm, fmt)
        shown = re.sub(r"<[^>]+>", "", render(calm, fmt))
        assert "988 Suicide" in shown  # the resources are always there


# ---------------------------------------------------------------- saving


def test_default_summary_name_is_dated() -> None:
    assert default_summary_name("2026-11-26", "md") == "decide-summary-2026-11-26.md"
    assert default_summary_name("2026-11-26T09:00:00Z", "html") == "decide-summary-2026-11-26.html"
    assert default_summary_name("2026-11-26", "text") == "decide-summary-2026-11-26.txt"


def test_write_summary_creates_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    old = os.umask(0)
    try:
        write_summary(path, "héllo\n", force=False)
    finally:
        os.umask(old)
    assert path.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_summary_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists") as caught:
        write_summary(path, "new", force=False)
    assert "--force" in caught.value.hint
    assert path.read_text(encoding="utf-8") == "keep me"
    write_summary(path, "new", force=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]  # no temporary file left


@pytest.mark.parametrize(("name", "message"), [("", "is a folder"), ("no/s.md", "does not exist")])
def test_write_summary_bad_paths_give_one_sentence(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(OutputError, match=message) as caught:
        write_summary(tmp_path / name if name else tmp_path, "x", force=False)
    assert "\n" not in caught.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [False, True])
def test_write_summary_permission_problem_gives_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    # Simulated: the tests may run as root, who can write anywhere.
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(OutputError, match="You do not have permission to write") as caught:
        write_summary(tmp_path / "summary.md", "x", force=force)
    assert "\n" not in caught.value.message


def test_every_topic_of_the_html_detail_carries_its_title_in_a_header_that_print_repeats() -> None:
    """A topic that breaks across printed pages repeats its title: it is in the table's head."""
    report = report_for(SPEED_FIRST)
    page = render(report, "html")
    tables = re.findall(r'<table class="comparison topic">.*?</table>', page, flags=re.S)
    assert len(tables) == len(report.rows)
    for row, table in zip(report.rows, tables, strict=True):
        head = table.split("<thead>")[1].split("</thead>")[0]
        assert f'<span class="row-title">{row.title}</span>' in head
