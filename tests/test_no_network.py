"""Privacy by construction: no network, and no writes outside the store, the paths named and
decide's bank cache (which holds checked banks, never answers)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import yaml
from guarded_run import guarded_decide, tree
from typer.testing import CliRunner

from decide.cli import app
from decide.sessions import SessionStore

BANK = Path(__file__).parent / "banks" / "small.yaml"
FORMATS = ("text", "md", "html", "json")
ANSWERS = {
    "self_harm": False,
    "tried": 3,
    "past": ["alpha"],
    "past_alpha": "helped",
    "seizures": False,
    "driver": False,
    "pref_speed": 4,
    "pref_effects": 2,
    "pref_other": "Being home by evening.",
    "sure": False,
    "know_beta": "true",
    "low_mood": 2,
    "goal": "learn",
    "my_questions": "How many visits?",
}


def _refuse(*args: object, **kwargs: object) -> None:
    raise OSError("the network is switched off for this test")


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "__init__", _refuse)
    for name in ("create_connection", "create_server", "getaddrinfo", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, _refuse)


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(ANSWERS))
    return path


def test_a_whole_interview_and_every_summary_run_with_sockets_switched_off(
    no_sockets: None, answers_file: Path, tmp_path: Path
) -> None:
    with pytest.raises(OSError, match="switched off"):
        socket.socket()
    store = SessionStore(tmp_path / "store")
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"interview.{fmt}"
        result = runner.invoke(
            app,
            [
                *("interview", "--answers", str(answers_file), "--bank", str(BANK)),
                *("--no-input", "--store", str(store.root), "--format", fmt),
                *("--output", str(out)),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "Being home by evening." in out.read_text()
    [session, *_] = store.list()[0]
    assert session.record.values() == ANSWERS
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            app,
            [
                *("report", "--session", session.id, "--store", str(store.root)),
                *("--bank", str(BANK), "--format", fmt, "--output", str(out)),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "How many visits?" in out.read_text()
    for args in (
        ["sessions", "list", "--json"],
        ["sessions", "show", session.id],
        ["sessions", "export", session.id, "--output", str(tmp_path / "moved.yaml")],
    ):
        result = runner.invoke(app, [*args, "--store", str(store.root), "--bank", str(BANK)])
        assert result.exit_code == 0, result.output


def test_the_fhir_exports_and_the_libraries_that_check_them_work_offline(
    no_sockets: None, answers_file: Path
) -> None:
    """fhir.resources and fhirpathpy (test-only) read nothing from the network either."""
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
    from fhir_helpers import fhirpath_holds

    runner = CliRunner()
    printed = runner.invoke(app, ["questions", "--bank", str(BANK), "--format", "fhir"])
    answered = runner.invoke(
        app, ["report", "--answers", str(answers_file), "--bank", str(BANK), "--format", "fhir"]
    )
    assert printed.exit_code == 0 and answered.exit_code == 0, answered.output
    Questionnaire.model_validate_json(printed.stdout)
    response = QuestionnaireResponse.model_validate_json(answered.stdout)
    assert response.status == "completed"
    assert fhirpath_holds(
        "%resource.repeat(item).where(linkId = 'driver').exists()", json.loads(answered.stdout)
    )


def test_a_whole_run_touches_no_network_and_writes_only_the_store_and_the_output(
    tmp_path: Path, answers_file: Path
) -> None:
    """In a child process that audits every socket and every write, anywhere on the disk."""
    home = tmp_path / "home"
    for folder in (home / "tmp", home / ".config", home / ".cache", home / "work"):
        folder.mkdir(parents=True)
    (home / "work" / "keep.txt").write_text("someone's file")
    store, outputs = home / "store", home / "out"
    outputs.mkdir()
    before = tree(home)
    cache = home / ".cache" / "decide"  # the per-user cache folder (XDG_CACHE_HOME)
    allowed = [store, outputs, cache]
    common = ["--bank", str(BANK), "--store", str(store)]
    for fmt in FORMATS:
        run = guarded_decide(
            [
                *("interview", "--answers", str(answers_file), "--no-input", *common),
                *("--format", fmt, "--output", str(outputs / f"summary.{fmt}")),
            ],
            home=home,
            allowed=allowed,
        )
        assert run.returncode == 0, run.stderr
        assert run.violations == []
    sid = SessionStore(store).list()[0][0].id
    for args in (
        ["report", "--session", sid, "--format", "html", "--output", str(outputs / "r.html")],
        ["report", "--session", sid, "--format", "fhir", "--output", str(outputs / "fhir.json")],
        ["sessions", "list"],
        ["sessions", "show", sid],
        ["sessions", "export", sid, "--output", str(outputs / "moved.yaml")],
    ):
        run = guarded_decide([*args, *common], home=home, allowed=allowed)
        assert run.returncode == 0, run.stderr
        assert run.violations == []
    run = guarded_decide(
        ["sessions", "delete", sid, "--yes", "--store", str(store)], home=home, allowed=allowed
    )
    assert run.returncode == 0, run.stderr
    assert run.violations == []

    after = tree(home)
    changed = {
        key
        for key in before.keys() | after.keys()
        if before.get(key) != after.get(key)
        and not key.startswith(("store/", "out/", ".cache/decide/"))
        and key not in ("store/", "out/", ".cache/", ".cache/decide/")
    }
    assert changed == set()
    cached = sorted((cache / "banks").iterdir())
    assert len(cached) == 1 and cached[0].suffix == ".json"  # the one bank, checked once
    assert "Being home by evening." not in cached[0].read_text(encoding="utf-8")
    assert sorted(p.name for p in outputs.iterdir()) == [
        "fhir.json",
        "moved.yaml",
        "r.html",
        "summary.html",
        "summary.json",
        "summary.md",
        "summary.text",
    ]


def test_the_guard_sees_a_write_outside_and_a_connection_attempt(
    tmp_path: Path, answers_file: Path
) -> None:
    """The check above can fail: the same guard reports what it must refuse."""
    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True)
    run = guarded_decide(
        [
            *("interview", "--answers", str(answers_file), "--no-input", "--bank", str(BANK)),
            *("--no-save", "--format", "md", "--output", str(home / "not-allowed.md")),
        ],
        home=home,
        allowed=[home / "store"],
        self_test=True,
    )
    assert run.returncode == 0, run.stderr
    assert any("network: socket" in v for v in run.violations), run.stderr
    assert any("not-allowed.md" in v for v in run.violations), run.stderr
