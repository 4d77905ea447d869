"""Every kind of bank mistake is reported with its exact file:line:column, all in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from decide.bank import parse_bank, read_bank
from decide.bank.text_file import YamlError, read_text
from decide.core.errors import BankError

SMALL = (Path(__file__).parent / "banks" / "small.yaml").read_text(encoding="utf-8")


def spot(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def changed(old: str, new: str) -> str:
    assert SMALL.count(old) == 1, f"fixture text not unique: {old!r}"
    return SMALL.replace(old, new)


def test_the_small_bank_is_valid() -> None:
    bank = parse_bank(SMALL, "bank.yaml")
    assert [o.id for o in bank.options] == ["alpha", "beta"]
    assert len(bank.questions) == 14


def test_unknown_question_in_a_condition_says_where_and_suggests_the_right_id() -> None:
    text = changed(
        "show_if: {question: past, includes: alpha}", "show_if: {question: pats, includes: alpha}"
    )
    line, column = spot(text, "pats")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'past_alpha' show_if: unknown question 'pats' "
        "(did you mean 'past'?)"
    ]


def test_unknown_choice_in_a_condition() -> None:
    text = changed(
        "show_if: {question: past, includes: alpha}", "show_if: {question: past, includes: alpah}"
    )
    line, column = spot(text, "alpah")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'past_alpha' show_if: 'past' has no choice 'alpah' "
        "(did you mean 'alpha'?)"
    ]


def test_a_condition_may_not_look_at_a_later_question() -> None:
    text = changed(
        "    min: 0\n    max: 30\n",
        "    min: 0\n    max: 30\n    show_if: {question: driver, is: yes}\n",
    )
    line, column = spot(text, "driver, is: yes")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'tried' show_if: refers to a later question 'driver'; "
        "a condition may only use questions asked before"
    ]


def test_duplicate_question_ids() -> None:
    text = changed("  - id: driver\n", "  - id: seizures\n")
    first, _ = spot(text, "id: seizures", 1)
    line, column = spot(text, "id: seizures", 2)
    found = problems(text)
    assert (
        f"bank.yaml:{line}:{column + 4}: the question id 'seizures' is used twice (first at line {first})"
        in found
    )


def test_a_row_missing_a_cell_for_an_option() -> None:
    text = changed(
        '      beta: {text: "A spray in the nose.", short: "A spray in the nose.", sources: [SRC-B]}\n',
        "",
    )
    line, column = spot(text, 'alpha: {text: "A coil')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: row 'how_given' has no cell for option 'beta'; "
        "every option needs one in every row"
    ]


def test_a_source_key_that_is_not_defined() -> None:
    text = changed(
        '{text: "A coil on the head.", short: "A coil on the head.", sources: [SRC-A]}',
        '{text: "A coil on the head.", short: "A coil on the head.", sources: [SCR-A]}',
    )
    line, column = spot(text, "SCR-A")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: the source 'SCR-A' is not defined in 'sources' (did you mean 'SRC-A'?)"
    ]


def test_a_preference_that_names_no_row() -> None:
    text = changed("weighs: [chance]", "weighs: [chanse]")
    line, column = spot(text, "chanse")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'pref_speed': 'weighs' names no row 'chanse' (did you mean 'chance'?)"
    ]


def test_a_test_that_does_not_fit_the_question_type() -> None:
    text = changed(
        "show_if: {question: tried, at_most: 10}", "show_if: {question: pref_other, at_most: 10}"
    )
    line, column = spot(text, "at_most: 10")
    column += len("at_most: ")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'low_mood' show_if: 'at_most' does not work on the text "
        "question 'pref_other'"
    ]


def test_missing_metadata() -> None:
    text = changed('  funding: "No funding. No maker of any treatment paid for this."\n', "")
    line, column = spot(text, "id: small-test-bank")
    assert problems(text) == [f"bank.yaml:{line}:{column}: meta is missing 'funding'"]


def test_a_repeated_key_is_an_error_not_an_overwrite() -> None:
    text = changed(
        '  title: "Small test bank"\n', '  title: "Small test bank"\n  title: "Another"\n'
    )
    first, _ = spot(text, 'title: "Small')
    line, column = spot(text, 'title: "Another"')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: the key 'title' is repeated (first at line {first})"
    ]


def test_steering_wording_is_an_error() -> None:
    text = changed('summary: "A second option."', 'summary: "We recommend this option."')
    line, column = spot(text, '"We recommend')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: option 'beta' 'summary': 'We recommend' steers toward an option; "
        "a decision aid informs and never recommends, so reword it"
    ]


def test_a_bank_has_no_place_for_a_score_per_option() -> None:
    text = changed(
        '    summary: "A first option."\n', '    summary: "A first option."\n    score: 9\n'
    )
    line, column = spot(text, "score: 9")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: an option cannot have 'score': a bank has no place for a score, "
        "rank or weight, because decide never recommends an option"
    ]


def test_an_unknown_key_gets_a_did_you_mean() -> None:
    text = changed(
        "    required: false\n    max_length: 200\n", "    requried: false\n    max_length: 200\n"
    )
    line, column = spot(text, "requried")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'pref_other' has an unknown key 'requried' (did you mean 'required'?)"
    ]


def test_every_problem_is_reported_in_one_run_sorted_by_line() -> None:
    text = SMALL.replace("weighs: [chance]", "weighs: [nope]").replace(
        "[SRC-B]}\n  - id: chance", "[SRC-X]}\n  - id: chance"
    )
    text = text.replace('version: "0.0.1"', 'version: "0.0.1"\n  colour: red')
    found = problems(text)
    assert len(found) == 3
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)


def test_a_yaml_syntax_error_is_located() -> None:
    text = changed('title: "First"', 'title: "First')
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("bank.yaml:") and "YAML syntax error" in found[0]


@pytest.mark.parametrize(
    "payload",
    [
        '!!python/object/apply:os.system ["echo owned"]',
        "!!python/object:decide.core.model.Option {id: x}",
        "!!python/name:os.system",
        "!custom thing",
        "!!binary aGVsbG8=",
    ],
)
def test_unsafe_yaml_tags_are_refused_and_never_run(payload: str, tmp_path: Path) -> None:
    text = changed('summary: "A second option."', f"summary: {payload}")
    found = problems(text)
    tag = payload.split()[0]
    line, column = spot(text, tag)
    assert found == [
        f"bank.yaml:{line}:{column}: the tag '{tag}' is not allowed; use plain YAML values"
    ]


def test_anchors_and_aliases_are_refused() -> None:
    text = changed(
        '  - id: beta\n    name: "Beta treatment"', '  - id: beta\n    name: &n "Beta treatment"'
    )
    text = text.replace('summary: "A second option."', "summary: *n")
    found = problems(text)
    line, column = spot(text, "&n")
    assert found == [
        f"bank.yaml:{line}:{column}: this value is reused with an anchor and alias (& and *), "
        "which a bank may not use; write it out each time"
    ]


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]")
    found = problems("\n".join(lines) + "\n")
    assert found and all("anchor and alias" in p for p in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the bank file is empty"),
        (b"   \n\n", "the bank file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "this is a binary file, not a bank file"),
        ("title: café".encode("latin-1"), "the bank file is not UTF-8 text; save it as UTF-8"),
        (b"- just\n- a list\n", "the bank must be a mapping of keys to values, not a list"),
        (b"just text", "the bank must be a mapping of keys to values, not text"),
    ],
)
def test_files_that_are_not_banks_get_one_sentence(
    content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(content)
    with pytest.raises(BankError) as caught:
        read_bank(path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].message == message


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="there is no bank file here; check the path"):
        read_bank(tmp_path / "nope.yaml")
    with pytest.raises(BankError, match="this is a folder, not a bank file"):
        read_bank(tmp_path)


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.seek(50 * 1024 * 1024)
        f.write(b"\n")
    with pytest.raises(
        BankError,
        match=r"a bank file is at most 16 MB \(16,777,216 bytes\) and this file is "
        r"52,428,801 bytes, so it is probably not one",
    ):
        read_bank(path)


def test_a_file_just_over_the_limit_does_not_say_it_is_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    with path.open("wb") as f:
        f.seek(16 * 1024 * 1024)
        f.write(b"\n")
    with pytest.raises(YamlError) as raised:
        read_text(path, "answers")
    said = str(raised.value)
    assert "an answers file is at most 16 MB" in said and "16,777,217 bytes" in said, said
    assert "a answers" not in said and "file is 16 MB" not in said, said


def test_a_binary_answers_file_is_named_with_the_right_article(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(YamlError, match="this is a binary file, not an answers file"):
        read_text(path, "answers")


def test_a_point_for_an_option_that_does_not_exist() -> None:
    text = changed(
        '      alpha: "You have had a seizure. Ask how this affects Alpha."',
        '      alfa: "You have had a seizure."',
    )
    line, column = spot(text, "alfa:")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: consideration 'seizure_point': no option 'alfa' (did you mean 'alpha'?)"
    ]


def test_a_point_needs_a_known_kind_and_row() -> None:
    text = changed(
        "    kind: caution\n    row: side_effects\n", "    kind: fit\n    row: side_effect\n"
    )
    kind_line, kind_column = spot(text, "kind: fit")
    row_line, row_column = spot(text, "row: side_effect\n")
    assert problems(text) == [
        f"bank.yaml:{kind_line}:{kind_column + 6}: consideration 'seizure_point': 'kind' must be one "
        "of contraindication, caution, practical, background, not 'fit'",
        f"bank.yaml:{row_line}:{row_column + 5}: consideration 'seizure_point': 'row' names no row "
        "'side_effect' (did you mean 'side_effects'?)",
    ]


def test_a_point_without_a_kind_or_row_is_refused() -> None:
    text = changed("    kind: caution\n    row: side_effects\n", "")
    line, column = spot(text, "- id: seizure_point")
    assert problems(text) == [
        f"bank.yaml:{line}:{column + 2}: consideration 'seizure_point' is missing 'kind'",
        f"bank.yaml:{line}:{column + 2}: consideration 'seizure_point' is missing 'row'",
    ]


def test_a_translated_text_must_have_the_bank_language() -> None:
    text = changed('  title: "First"', '  title: {es: "Primero"}')
    line, column = spot(text, '{es: "Primero"}')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: section 'start' 'title' has no text in the bank's language 'en'"
    ]


def test_a_translated_text_is_shown_in_the_language_asked_for() -> None:
    text = changed('  title: "First"', '  title: {en: "First", es: "Primero"}')
    assert parse_bank(text, "bank.yaml").sections[0].title == "First"
    assert parse_bank(text, "bank.yaml", language="es").sections[0].title == "Primero"


def test_review_dates_must_be_in_order_and_real() -> None:
    text = changed("next_review_due: 2027-11-01", "next_review_due: 2025-11-01")
    line, column = spot(text, "2025-11-01")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: meta 'next_review_due' must come after 'last_reviewed'"
    ]
    text = changed("last_reviewed: 2026-11-01", "last_reviewed: last week")
    line, column = spot(text, "last week")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: meta 'last_reviewed' 'last week' is not a date: write it as YYYY-MM-DD"
    ]


def test_a_bank_of_another_format_version() -> None:
    text = changed("format: 1", "format: 2")
    line, column = spot(text, "2\n")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: this bank is format 2; this decide reads format 1"
    ]


def test_control_characters_that_could_drive_the_terminal_are_errors() -> None:
    text = changed('text: "How did Alpha go?"', 'text: "How did Alpha go?\\e[2J\\e]0;pwned\\a"')
    line, column = spot(text, '"How did Alpha go?')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: question 'past_alpha' 'text' contains the control character "
        "'\\x1b', which could drive the terminal; remove it"
    ]
    text = changed('authors: ["the decide project"]', 'authors: ["the decide\\u202eproject"]')
    assert "contains the control character '\\u202e'" in problems(text)[0]


def test_authors_must_be_names() -> None:
    text = changed('authors: ["the decide project"]', "authors: []")
    line, column = spot(text, "[]")
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: meta 'authors' must name at least one author"
    ]


# ------------------------------------------------------------------ short forms


ALPHA_CELL = '{text: "A coil on the head.", short: "A coil on the head.", sources: [SRC-A]}'


def test_a_cell_without_a_short_form_is_refused() -> None:
    text = changed(ALPHA_CELL, '{text: "A coil on the head.", sources: [SRC-A]}')
    line, column = spot(text, '{text: "A coil')
    [problem] = problems(text)
    assert problem.startswith(f"bank.yaml:{line}:{column}: ")
    assert "short" in problem


def test_a_short_form_over_25_words_is_refused_where_it_stands() -> None:
    long = " ".join(["word"] * 13) + ". " + " ".join(["word"] * 13) + "."
    text = changed(
        ALPHA_CELL, f'{{text: "A coil on the head.", short: "{long}", sources: [SRC-A]}}'
    )
    line, column = spot(text, f'"{long}"')
    found = problems(text)
    assert any(
        p.startswith(f"bank.yaml:{line}:{column}: row 'how_given' cell 'alpha' short has 26 words")
        for p in found
    )


def test_a_short_form_of_three_sentences_or_a_long_sentence_is_refused() -> None:
    three = "One here. Two here. Three here."
    text = changed(ALPHA_CELL, f'{{text: "A coil.", short: "{three}", sources: [SRC-A]}}')
    assert any("has 3 sentences" in p for p in problems(text))
    sentence = " ".join(["word"] * 21) + "."
    text = changed(ALPHA_CELL, f'{{text: "A coil.", short: "{sentence}", sources: [SRC-A]}}')
    assert any("a sentence of 21 words" in p for p in problems(text))


def test_short_forms_out_of_balance_in_a_row_are_refused() -> None:
    text = changed(
        ALPHA_CELL,
        '{text: "A coil on the head.", short: "A coil held on your head, near the front, '
        'for a while.", sources: [SRC-A]}',
    )
    [problem] = problems(text)
    assert "row 'how_given': the short forms are out of balance" in problem
    assert "'alpha' has 12 words, 'beta' has 5" in problem


def test_the_neutrality_lint_covers_short_forms() -> None:
    text = changed(
        ALPHA_CELL,
        '{text: "A coil on the head.", short: "The best option for you.", sources: [SRC-A]}',
    )
    [problem] = problems(text)
    assert "'short': 'best option for you' steers toward an option" in problem
