"""`decide sessions list|show|delete|export`, and quit, resume and report flows (CliRunner)."""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path

import pytest
import yaml
from counts import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from session_helpers import make_bank, make_record
from small_answers import FULL
from typer.testing import CliRunner, Result

from decide.bank import read_bank
from decide.bank.answers_file import parse_answers, read_answers_file
from decide.cli import app
from decide.core.model import AnswerValue, Bank
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.sessions import SessionStore
from decide.sessions.files import SavedSession
from decide.sessions.overview import answers_file_text, sort_answers

BANK = Path(__file__).parent / "banks" / "small.yaml"


@pytest.fixture
def bank() -> Bank:
    return read_bank(BANK)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    minutes = iter(range(1000))
    return SessionStore(tmp_path / "store", clock=lambda: f"2026-05-01T10:{next(minutes):02d}:00Z")


def run(store: SessionStore, *args: str, input: str | None = None) -> Result:
    """`decide ARGS --store STORE --bank small.yaml` (the bank only where the command takes one)."""
    extra = ["--store", str(store.root)]
    if args[:2] in (("sessions", "list"), ("sessions", "show"), ("sessions", "export")):
        extra += ["--bank", str(BANK)]
    if args[:1] == ("interview",):
        extra += ["--bank", str(BANK)]
    return CliRunner().invoke(app, [*args, *extra], input=input)


def saved(store: SessionStore, bank: Bank, values: dict[str, AnswerValue], **kw: object) -> str:
    record = InterviewRecord(**kw)  # type: ignore[arg-type]
    for qid, value in values.items():
        record.answers[qid] = GivenAnswer(value, "2026-05-01T09:00:00Z")
    with store.create(bank, record) as session:
        return session.id


def _newer_bank(tmp_path: Path) -> Path:
    """Version 0.0.2 of the small bank, where 'tried' allows at most 2 (so 3 no longer fits)."""
    newer = tmp_path / "newer.yaml"
    text = BANK.read_text().replace('version: "0.0.1"', 'version: "0.0.2"')
    newer.write_text(text.replace("    max: 30\n", "    max: 2\n"))
    return newer


def _resume_id(output: str) -> str:
    found = re.search(r"decide resume ([a-z0-9]{6})", output)
    assert found, output
    return found.group(1)


# ---------------------------------------------------------------- list


def test_list_says_when_there_is_nothing(store: SessionStore) -> None:
    result = run(store, "sessions", "list")
    assert result.exit_code == 0
    assert f"No saved sessions in {store.root}." in result.stdout
    as_json = json.loads(run(store, "sessions", "list", "--json").stdout)
    assert as_json["sessions"] == [] and as_json["damaged"] == []


def test_list_shows_newest_first_with_progress_and_client_code(
    store: SessionStore, bank: Bank
) -> None:
    first = saved(
        store, bank, {"self_harm": False, "tried": 3}, mode="counselor", client_code="C-9"
    )
    second = saved(store, bank, FULL, finished=True)
    result = run(store, "sessions", "list", "--plain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index(second) < out.index(first)
    assert "counselor mode, client C-9" in out
    assert "2 of 10 answered, not finished" in out  # tried=3 also shows low_mood
    assert "11 of 12 answered, finished" in out  # pref_other is optional
    assert "decide resume ID" in out
    # the time it sorts by is the time it shows
    assert "last saved first:" in out and "last saved 2026-05-01" in " ".join(out.split())


def test_list_does_not_call_finished_a_session_whose_answers_no_longer_fit(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, FULL, finished=True)
    newer = _newer_bank(tmp_path)
    args = ["sessions", "list", "--plain", "--store", str(store.root), "--bank", str(newer)]
    out = " ".join(CliRunner().invoke(app, args).stdout.split())
    assert sid in out and "not finished" in out


def test_list_says_in_words_when_the_crisis_resources_were_shown(
    store: SessionStore, bank: Bank
) -> None:
    calm = saved(store, bank, {"self_harm": False})
    fired = saved(
        store, bank, {"self_harm": True}, crisis_fired=True, crisis_at="2026-05-01T09:05:00Z"
    )
    out = run(store, "sessions", "list", "--plain").stdout
    blocks = {block.split()[0]: " ".join(block.split()) for block in out.split("\n\n")[1:-1]}
    assert re.search(r"Crisis resources were shown on 2026-05-01 \d\d:\d\d\.", blocks[fired])
    assert "Crisis" not in blocks[calm]
    assert "\x1b" not in out  # words, not colour
    document = json.loads(run(store, "sessions", "list", "--json").stdout)
    at = {s["id"]: (s["crisis_fired"], s["crisis_at"]) for s in document["sessions"]}
    assert at == {calm: (False, None), fired: (True, "2026-05-01T09:05:00Z")}


def test_show_says_in_words_when_the_crisis_resources_were_shown(
    store: SessionStore, bank: Bank
) -> None:
    sid = saved(store, bank, {"self_harm": True}, crisis_fired=True, crisis_at="t")
    out = run(store, "sessions", "show", sid, "--plain").stdout
    assert "Crisis resources were shown on t." in out


def test_list_json_is_stable_for_scripts(store: SessionStore, bank: Bank) -> None:
    sid = saved(store, bank, {"self_harm": False}, mode="counselor", client_code="C-9")
    document = json.loads(run(store, "sessions", "list", "--json").stdout)
    assert document["format"] == 1 and document["store"] == str(store.root)
    assert document["sessions"] == [
        {
            "id": sid,
            "client_code": "C-9",
            "mode": "counselor",
            "started": "2026-05-01T10:00:00Z",
            "updated": "2026-05-01T10:00:00Z",
            "last_answer": "2026-05-01T09:00:00Z",
            "answered": 1,
            "visible": 9,
            "finished": False,
            "crisis_fired": False,
            "crisis_at": None,
            "bank": {"id": "small-test-bank", "version": "0.0.1"},
            "bank_changed": False,
            "set_aside": 0,
        }
    ]


def test_list_reports_a_damaged_file_and_still_lists_the_others(
    store: SessionStore, bank: Bank
) -> None:
    good = saved(store, bank, {"self_harm": False})
    bad = saved(store, bank, {"self_harm": False})
    store.path_of(bad).write_text('{"format": 1, "kind": "decide-sess')
    result = run(store, "sessions", "list")
    assert result.exit_code == 0
    assert good in result.stdout and bad not in result.stdout
    assert f"warning: The saved session {store.path_of(bad)} cannot be read" in result.stderr
    document = json.loads(run(store, "sessions", "list", "--json").stdout)
    assert [s["id"] for s in document["sessions"]] == [good]
    assert document["damaged"][0]["path"] == str(store.path_of(bad))
    assert store.path_of(bad).read_text() == '{"format": 1, "kind": "decide-sess'


def test_decide_sessions_alone_lists(
    store: SessionStore, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = saved(store, bank, {"self_harm": False})
    monkeypatch.setenv("DECIDE_HOME", str(store.root))
    result = CliRunner().invoke(app, ["sessions"])
    assert result.exit_code == 0 and sid in result.stdout


# ---------------------------------------------------------------- show


def test_show_gives_questions_and_labels_and_sets_apart_what_no_longer_applies(
    store: SessionStore, bank: Bank
) -> None:
    # past_alpha was answered, then past changed to beta: it is kept but no longer applies
    values = {**FULL, "past": ["beta"], "pref_other": "Can I drive after?"}
    sid = saved(store, bank, values, mode="counselor", client_code="C-2")
    record = store.load(sid).record
    record.notes.append(CounselorNote("history", "Unsure about dates.", "2026-05-01T09:30:00Z"))
    with store.open(sid) as session:
        session.save(record)
    result = run(store, "sessions", "show", sid, "--plain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Which of these have you had before?" in out and "     Beta" in out
    assert "How much does quick relief matter to you?" in out and "4 (Extremely)" in out
    assert "3 medicines" in out and "Can I drive after?" in out
    applies, _, rest = out.partition("Kept, but not used")
    assert "How did Alpha go?" not in applies
    assert "How did Alpha go? It helped" in rest
    assert "Unsure about dates." not in out  # notes only with --with-notes
    assert "1 counselor note is not shown here." in rest
    # the command on its own line, whole
    assert f"Continue with:\n  decide resume {sid} --store {store.root} --bank {BANK}" in out
    assert "\x1b" not in out
    with_notes = run(store, "sessions", "show", sid, "--plain", "--with-notes")
    assert with_notes.exit_code == 0, with_notes.output
    assert "Unsure about dates." in with_notes.stdout.partition("Kept, but not used")[2]


def test_show_marks_answers_a_changed_bank_can_no_longer_use(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, {"self_harm": False, "tried": 3, "pref_speed": 4})
    changed = _newer_bank(tmp_path)
    result = CliRunner().invoke(
        app, ["sessions", "show", sid, "--store", str(store.root), "--bank", str(changed)]
    )
    assert result.exit_code == 0, result.output
    assert "The bank changed since this session began" in result.stdout
    assert "Set aside: these no longer fit the bank, so they will be asked again." in " ".join(
        result.stdout.split()
    )
    assert "tried: 3 (this answer no longer fits the question)" in result.stdout


def test_show_leads_with_the_crisis_resources_when_the_crisis_layer_fired(
    store: SessionStore, bank: Bank
) -> None:
    sid = saved(store, bank, {"self_harm": True}, crisis_fired=True, crisis_at="t")
    out = run(store, "sessions", "show", sid, "--plain").stdout
    assert out.index("Call or text 988") < out.index("Session ")


def test_show_never_passes_escape_sequences_from_a_session_file(
    store: SessionStore, bank: Bank
) -> None:
    sid = saved(
        store, bank, {"pref_other": "\x1b]0;owned\x07hi \x1b[2J"}, client_code="\x1b[31mC-1"
    )
    result = run(store, "sessions", "show", sid)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "hi" in result.stdout and "C-1" in result.stdout


def test_a_session_from_another_bank_is_shown_as_saved_and_not_exported_with_this_one(
    store: SessionStore, tmp_path: Path
) -> None:
    other_bank = make_bank()  # id "test-bank", not the small bank
    with store.create(other_bank, make_record(ride=True, travel="far")) as session:
        sid = session.id
    shown = run(store, "sessions", "show", sid, "--plain")
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.stdout.split())
    assert "answered with the bank test-bank (version 1.0.0), not small-test-bank" in said
    assert "- ride: yes" in said and "- travel: far" in said
    target = tmp_path / "out.yaml"
    refused = run(store, "sessions", "export", sid, "--output", str(target))
    assert refused.exit_code == 1 and "Export it with --bank" in refused.stderr
    assert not target.exists()


def test_an_unknown_id_names_the_near_matches(store: SessionStore, bank: Bank) -> None:
    sid = saved(store, bank, {})
    result = run(store, "sessions", "show", sid[:5])
    assert result.exit_code == 1
    assert f"error: There is no saved session '{sid[:5]}'" in result.stderr
    assert f"Did you mean {sid}?" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- delete


def test_delete_asks_first_and_no_keeps_the_session(store: SessionStore, bank: Bank) -> None:
    sid = saved(store, bank, {"self_harm": False})
    refused = run(store, "sessions", "delete", sid, input="n\n")
    assert refused.exit_code == 0 and "Nothing was deleted." in refused.stdout
    assert store.ids() == [sid]
    accepted = run(store, "sessions", "delete", sid, input="y\n")
    assert accepted.exit_code == 0 and f"Deleted session {sid}." in accepted.stdout
    assert store.ids() == [] and sorted(store.root.iterdir()) == []


def test_delete_yes_does_not_ask_and_unknown_ids_ask_nothing(
    store: SessionStore, bank: Bank
) -> None:
    sid = saved(store, bank, {})
    unknown = run(store, "sessions", "delete", "zzzzzz", input="y\n")
    assert unknown.exit_code == 1 and "Delete session" not in unknown.stdout
    result = run(store, "sessions", "delete", sid, "--yes")
    assert result.exit_code == 0 and store.ids() == []


def test_delete_all_confirms_unless_yes(store: SessionStore, bank: Bank) -> None:
    for _ in range(3):
        saved(store, bank, {})
    kept = run(store, "sessions", "delete", "--all", input="\n")  # default is no
    assert "Delete all 3 saved sessions" in kept.stdout and len(store.ids()) == 3
    assert kept.exit_code == 0 and "Nothing was deleted." in kept.stdout
    done = run(store, "sessions", "delete", "--all", input="y\n")
    assert done.exit_code == 0 and "Deleted 3 sessions." in done.stdout and store.ids() == []
    saved(store, bank, {})
    assert run(store, "sessions", "delete", "--all", "--yes").exit_code == 0
    assert store.ids() == []


@pytest.mark.parametrize("which", ["one", "all"])
def test_delete_with_the_input_closed_deletes_nothing_and_says_use_yes(
    store: SessionStore, bank: Bank, which: str
) -> None:
    sid = saved(store, bank, {})
    result = run(store, "sessions", "delete", *([sid] if which == "one" else ["--all"]), input="")
    assert result.exit_code == 1
    assert "Aborted" not in result.output
    assert "error: Nothing was deleted: the input ended" in result.stderr
    assert "hint: Add --yes to delete without being asked." in result.stderr
    assert store.ids() == [sid]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_ctrl_c_at_the_delete_question_deletes_nothing(store: SessionStore, bank: Bank) -> None:
    import pexpect
    from terminal_helpers import spawn_decide

    sid = saved(store, bank, {})
    child = spawn_decide(
        ["sessions", "delete", "--all", "--store", str(store.root)],
        cwd=str(Path(__file__).resolve().parent.parent),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"\[y/N\]: ")
    child.sendintr()
    child.expect("Nothing was deleted.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Aborted" not in (child.before or "")
    assert store.ids() == [sid]


@pytest.mark.parametrize("args", [(), ("bcdfgh", "--all")])
def test_delete_needs_exactly_one_of_an_id_or_all(
    store: SessionStore, args: tuple[str, ...]
) -> None:
    assert run(store, "sessions", "delete", *args).exit_code == 2


# ---------------------------------------------------------------- export


def test_export_writes_an_owner_only_answers_file_the_interview_accepts(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    values = {**FULL, "past": ["beta"], "pref_other": 'Quotes " and: colons, # hashes'}
    sid = saved(store, bank, values)
    target = tmp_path / "moved.yaml"
    result = run(store, "sessions", "export", sid, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    expected = {k: v for k, v in values.items() if k != "past_alpha"}  # hidden: left out
    assert yaml.safe_load(target.read_text()) == expected
    assert read_answers_file(target, bank).values == expected
    assert "Left out 1 that no longer apply" in result.stderr

    # ...and on the other machine: a whole interview from it, saved in a new store
    other = SessionStore(tmp_path / "other-machine")
    summary = tmp_path / "summary.json"
    moved = CliRunner().invoke(
        app,
        [
            *("interview", "--answers", str(target), "--bank", str(BANK), "--no-input"),
            *("--store", str(other.root), "--format", "json", "--output", str(summary)),
        ],
    )
    assert moved.exit_code == 0, moved.output
    [arrived] = other.list()[0]
    assert arrived.record.values() == expected


def test_export_never_overwrites_without_force(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, {"self_harm": False})
    target = tmp_path / "answers.yaml"
    target.write_text("precious")
    refused = run(store, "sessions", "export", sid, "--output", str(target))
    assert refused.exit_code == 1 and "already exists" in refused.stderr
    assert target.read_text() == "precious"
    forced = run(store, "sessions", "export", sid, "--output", str(target), "--force")
    assert forced.exit_code == 0 and yaml.safe_load(target.read_text()) == {"self_harm": False}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# ---------------------------------------------------------------- quit, resume, report


def test_quit_then_resume_continues_at_the_first_unanswered_question(
    store: SessionStore,
) -> None:
    first = run(store, "interview", "--plain", input="n\n3\nq\n")
    assert first.exit_code == 0, first.output
    sid = _resume_id(first.stdout)
    assert store.load(sid).record.values() == {"self_harm": False, "tried": 3}
    listed = run(store, "sessions", "list").stdout
    assert sid in listed and "2 of 10 answered" in listed

    again = CliRunner().invoke(
        app, ["resume", sid, "--store", str(store.root), "--bank", str(BANK), "--plain"],
        input="1\nquit\n",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    after_welcome = again.stdout.split("Welcome back", 1)[1]
    assert after_welcome.index("Which of these have you had before?") < after_welcome.index(">")
    assert store.load(sid).record.values() == {"self_harm": False, "tried": 3, "past": ["alpha"]}


def test_end_of_input_keeps_the_answers_and_says_how_to_go_on(store: SessionStore) -> None:
    result = run(store, "interview", "--plain", input="n\n")
    sid = _resume_id(result.stdout)
    assert store.load(sid).record.values() == {"self_harm": False}


def test_report_from_a_saved_session(store: SessionStore, bank: Bank, tmp_path: Path) -> None:
    sid = saved(store, bank, FULL, finished=True)
    result = CliRunner().invoke(
        app,
        [
            *("report", "--session", sid, "--store", str(store.root)),
            *("--bank", str(BANK), "--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["bank"]["id"] == "small-test-bank"
    assert [m["rating"] for m in summary["matters_most"]] == [4]  # pref_speed, from the session


# ---------------------------------------------------------------- another bank never deletes


def _other_bank(tmp_path: Path) -> Path:
    """The small bank under another id, with tried renamed to tried_count."""
    text = BANK.read_text().replace("id: small-test-bank", "id: other-bank")
    other = tmp_path / "other.yaml"
    other.write_text(text.replace("id: tried", "id: tried_count").replace(
        "question: tried", "question: tried_count"
    ))  # fmt: skip
    return other


def _resume(store: SessionStore, sid: str, bank: Path, *extra: str, input: str = "") -> Result:
    args = ["resume", sid, "--store", str(store.root), "--bank", str(bank), "--plain", *extra]
    return CliRunner().invoke(app, args, input=input)


def test_resuming_with_another_bank_changes_nothing_until_a_new_answer(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, FULL, finished=True)
    before = store.path_of(sid).read_bytes()
    other = _other_bank(tmp_path)
    refused = _resume(store, sid, other, "--no-input")
    assert refused.exit_code == 1 and "tried_count" in refused.stderr
    assert store.path_of(sid).read_bytes() == before
    quit_at_once = _resume(store, sid, other, input="quit\n")
    assert quit_at_once.exit_code == 0, quit_at_once.output
    assert store.path_of(sid).read_bytes() == before


def test_a_new_version_of_the_bank_keeps_the_answers_that_no_longer_fit(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, FULL, finished=True)
    before = store.path_of(sid).read_bytes()
    newer = _newer_bank(tmp_path)
    result = _resume(store, sid, newer, input="quit\n")
    assert result.exit_code == 0, result.output
    assert store.path_of(sid).read_bytes() == before


def test_answers_set_aside_by_another_bank_are_shown_and_come_back_with_the_original(
    store: SessionStore, bank: Bank, tmp_path: Path
) -> None:
    sid = saved(store, bank, FULL, finished=True)
    other = _other_bank(tmp_path)
    answered = _resume(store, sid, other, input="2\nquit\n")
    assert answered.exit_code == 0, answered.output
    on_disk = json.loads(store.path_of(sid).read_text())
    assert on_disk["bank"]["id"] == "other-bank"
    assert on_disk["answers"]["tried_count"]["value"] == 2 and "tried" not in on_disk["answers"]
    assert [(a["question"], a["value"]) for a in on_disk["set_aside"]] == [("tried", 3)]

    shown = CliRunner().invoke(
        app, ["sessions", "show", sid, "--store", str(store.root), "--bank", str(other)]
    )
    said = " ".join(shown.stdout.split())
    assert "Set aside: these no longer fit the bank" in said
    assert "tried: 3 (this question is no longer in the bank)" in said

    back = _resume(store, sid, BANK, "--no-input", "--format", "json")
    assert back.exit_code == 0, back.output
    restored = store.load(sid)
    assert restored.record.values() == FULL
    assert [(a.question, a.value) for a in restored.set_aside] == [("tried_count", 2)]
    listed = run(store, "sessions", "list").stdout
    assert sid in listed and "finished" in listed


def test_no_input_passes_over_the_optional_questions_left_open(
    store: SessionStore, bank: Bank
) -> None:
    values = {k: v for k, v in FULL.items() if k != "low_mood"}  # low_mood is optional
    sid = saved(store, bank, values)
    result = _resume(store, sid, BANK, "--no-input", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "0 required" not in result.output
    assert store.load(sid).record.finished


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(max_size=40),
    st.integers(0, 30),
    st.lists(st.sampled_from(["alpha", "beta"]), min_size=1, max_size=2, unique=True),
)
@example("line\x85break", 3, ["alpha"])  # YAML folds these when they are written as they are
@example("line\u2028break", 3, ["beta"])
def test_an_exported_answers_file_always_reads_back_the_same(
    text: str, tried: int, past: list[str]
) -> None:
    bank = read_bank(BANK)
    values: dict[str, AnswerValue] = {**FULL, "tried": tried, "past": past}
    values.pop("past_alpha")
    if text.strip():
        values["pref_other"] = text.strip()
    record = InterviewRecord(answers={k: GivenAnswer(v, "t") for k, v in values.items()})
    session = SavedSession("bcdfgh", "t", "t", bank.meta.id, bank.meta.version, "h", record)
    answers = sort_answers(bank, session)
    exported = answers_file_text(bank, session, answers).decode("utf-8")
    expected = {item.question.id: item.value for item in answers.applies}
    assert parse_answers(exported, "exported.yaml", bank).values == expected
