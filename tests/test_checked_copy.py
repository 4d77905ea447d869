"""The checked copy of the bundled bank: shipped in the wheel, built on first use in a checkout,
so a first start and private mode read the bank warm; never used unless it is exactly what this
decide makes of this bank's text."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import decide.bank.load
import decide.bank.read
from decide.bank import parse_bank, read_bank
from decide.bank.cache import cache_folder, cache_key, read_entry, write_entry
from decide.bank.read import CHECKED_COPY_NAME, write_checked_copy
from decide.core.model import Bank

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "questions.yaml"


def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, wheel: bool) -> Path:
    """decide's package folder as a checkout has it (the bank beside the package) or as an
    installed wheel has it (the bank inside); returns where the checked copy goes."""
    package = tmp_path / "site" / "decide"
    package.mkdir(parents=True)
    shutil.copy(BANK, package / "questions.yaml" if wheel else package.parent / "questions.yaml")
    monkeypatch.setattr(decide.bank.read, "PACKAGE", package)
    return package / CHECKED_COPY_NAME


def cache_entries() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_checkout_builds_the_copy_on_first_use_and_reads_it_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    copy = layout(tmp_path, monkeypatch, wheel=False)
    first = read_bank(None)
    assert copy.is_file() and parses == [str(copy.parent.parent / "questions.yaml")]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert read_bank(None) == first and read_bank(None, keep=False) == first
    assert len(parses) == 1  # checked once, then read from the copy
    assert cache_entries() == []  # the copy is the only one kept


def test_private_mode_in_a_fresh_checkout_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    copy = layout(tmp_path, monkeypatch, wheel=False)
    read_bank(None, keep=False)
    read_bank(None, keep=False)
    assert not copy.exists() and cache_entries() == [] and len(parses) == 2


def test_an_installed_wheel_reads_its_copy_and_never_writes_into_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    copy = layout(tmp_path, monkeypatch, wheel=True)
    write_checked_copy(copy.parent / "questions.yaml", copy)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644  # read by every account
    assert read_bank(None) == parse_bank(BANK.read_text(encoding="utf-8"))
    assert len(parses) == 1  # only the comparison above: the copy was used
    assert cache_entries() == []


@pytest.mark.parametrize("change", ["bank", "decide", "damage"])
def test_a_copy_that_is_not_for_this_bank_and_this_decide_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str], change: str
) -> None:
    copy = layout(tmp_path, monkeypatch, wheel=True)
    bundled = copy.parent / "questions.yaml"
    text = bundled.read_text(encoding="utf-8")
    planted = parse_bank(text.replace("Have you ever", "PLANTED: have you ever"))
    if change == "bank":  # the copy of another text (a bank edited after the build)
        write_entry(copy, cache_key(text + "\n# edited\n", None), planted, make_folder=False)
    elif change == "decide":  # a copy made by another decide's code
        write_entry(copy, hashlib.sha256(b"another decide").hexdigest(), planted, make_folder=False)
    else:  # the right key, a body that no longer fits its checksum
        write_entry(copy, cache_key(text, None), planted, make_folder=False)
        data = copy.read_bytes()
        copy.write_bytes(data[:-40] + b" " * 40)
    parses.clear()
    bank = read_bank(None)
    assert "PLANTED" not in json.dumps([q.text for q in bank.questions])
    assert len(parses) == 1  # checked again
    assert len(cache_entries()) == 1  # and kept in the cache, not in the package
    before = copy.read_bytes()
    read_bank(None)
    assert len(parses) == 1 and copy.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_copy_that_is_a_link_or_a_fifo_never_hangs_and_is_never_replaced(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    parses: list[str],
    kind: str,
) -> None:
    copy = layout(tmp_path, monkeypatch, wheel=False)
    target = tmp_path / "elsewhere.json"
    write_checked_copy(copy.parent.parent / "questions.yaml", target)
    if kind == "fifo":
        os.mkfifo(copy, 0o600)
    else:
        copy.symlink_to(target)
    parses.clear()
    done: list[Bank] = []
    reader = threading.Thread(target=lambda: done.append(read_bank(None)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert done, "reading the bank hung on the checked copy"
    assert len(parses) == 1  # checked again, not read through the link
    assert f"note: the checked copy of the bank {copy} is a link or not a regular file" in (
        capsys.readouterr().err
    )
    assert (stat.S_ISFIFO if kind == "fifo" else stat.S_ISLNK)(os.lstat(copy).st_mode)


def test_the_wheel_ships_a_checked_copy_of_the_bundled_bank(tmp_path: Path) -> None:
    """Build the wheel as pip does (the build hook runs decide's checker on the bank) and read
    the copy it ships with the key an installed decide computes."""
    built = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--no-index", "-q", "-w", str(tmp_path), str(REPO)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("decide-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped_bank = archive.read("decide/questions.yaml")
        copy = archive.read(f"decide/{CHECKED_COPY_NAME}")
        code = {n: archive.read(n) for n in archive.namelist() if n.endswith(".py")}
    assert shipped_bank == BANK.read_bytes()
    assert {n.removeprefix("decide/") for n in code if n.startswith("decide/")} == {
        str(p.relative_to(REPO / "decide")) for p in (REPO / "decide").rglob("*.py")
    }
    place = tmp_path / CHECKED_COPY_NAME
    place.write_bytes(copy)
    text = shipped_bank.decode("utf-8")
    assert read_entry(place, cache_key(text, None)) == parse_bank(text)
