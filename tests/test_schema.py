"""The JSON Schema that editors use agrees with the banks decide accepts."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from decide.bank import bundled_bank_path

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "decide" / "bank" / "schema.json").read_text(encoding="utf-8"))


def as_json(value: Any) -> Any:
    """YAML as a JSON-only editor sees it (dates become strings, keys become text)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", [bundled_bank_path(), ROOT / "tests" / "banks" / "small.yaml"])
def test_valid_banks_match_the_schema(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), SCHEMA)


def test_the_schema_has_no_place_for_a_score_per_option() -> None:
    bank = as_json(
        yaml.safe_load((ROOT / "tests" / "banks" / "small.yaml").read_text(encoding="utf-8"))
    )
    bank["options"][0]["score"] = 10
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bank, SCHEMA)


def test_the_bundled_bank_points_editors_at_the_schema() -> None:
    first = bundled_bank_path().read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=decide/bank/schema.json"
    assert (ROOT / "decide" / "bank" / "schema.json").is_file()
