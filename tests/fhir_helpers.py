"""Reading decide's FHIR exports the way another FHIR tool would, for the FHIR tests.

An enableWhen evaluator written from the FHIR R4 definitions of its operators, a cached FHIRPath
evaluator (fhirpathpy, the R4 model), and random answers that fit a bank's questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from fhirpathpy import compile as compile_fhirpath
from fhirpathpy.models import models
from hypothesis import strategies as st

from decide.core.model import AnswerValue, Bank, Question
from decide.fhir.common import ENABLE_WHEN_EXPRESSION

Resource = dict[str, Any]


def walk(items: list[Resource]) -> Iterator[Resource]:
    """Every item of a Questionnaire or QuestionnaireResponse, depth first, in order."""
    for item in items:
        yield item
        yield from walk(item.get("item", []))
        for answer in item.get("answer", []):
            yield from walk(answer.get("item", []))


def item_by_link_id(resource: Resource) -> dict[str, Resource]:
    return {item["linkId"]: item for item in walk(resource["item"])}


def the_value(holder: Resource, prefix: str) -> tuple[str, Any]:
    """The one `value[x]` (or `answer[x]`) of an answer or enableWhen: (type, value)."""
    found = [(k[len(prefix) :], v) for k, v in holder.items() if k.startswith(prefix)]
    assert len(found) == 1, holder
    return found[0]


def answers_to(response: Resource, link_id: str) -> list[tuple[str, Any]]:
    item = item_by_link_id(response).get(link_id)
    return [the_value(a, "value") for a in item.get("answer", [])] if item else []


def _same(given: tuple[str, Any], wanted: tuple[str, Any]) -> bool:
    if given[0] == "Coding" and wanted[0] == "Coding":
        return bool(given[1].get("code") == wanted[1].get("code"))
    if (given[0] == "Boolean") != (wanted[0] == "Boolean"):
        return False
    return bool(given[1] == wanted[1])


def _row_holds(row: Resource, response: Resource) -> bool:
    """One enableWhen, as FHIR R4 defines its operators."""
    given = answers_to(response, row["question"])
    wanted = the_value(row, "answer")
    operator = row["operator"]
    if operator == "exists":
        return bool(given) == bool(wanted[1])
    if operator == "=":
        return any(_same(g, wanted) for g in given)
    if operator == "!=":
        return not any(_same(g, wanted) for g in given)
    compare: dict[str, Callable[[Any, Any], bool]] = {
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
    }
    return any(compare[operator](g[1], wanted[1]) for g in given)


def enable_when_holds(rows: list[Resource], behavior: str | None, response: Resource) -> bool:
    results = [_row_holds(row, response) for row in rows]
    assert len(rows) == 1 or behavior in ("all", "any"), (
        "que-12: several enableWhen need a behavior"
    )
    return any(results) if behavior == "any" else all(results)


@cache
def _compiled(expression: str) -> Callable[..., list[Any]]:
    compiled: Callable[..., list[Any]] = compile_fhirpath(expression, models["r4"])
    return compiled


def fhirpath_holds(expression: str, response: Resource) -> bool:
    result = _compiled(expression)(response, {"resource": response})
    assert result in ([True], [False]), f"{expression} gave {result}, not true or false"
    return bool(result[0])


def item_enabled(item: Resource, response: Resource) -> bool:
    """Whether a form filler would enable this Questionnaire item, given the response."""
    expressions = [
        e["valueExpression"]["expression"]
        for e in item.get("extension", [])
        if e["url"] == ENABLE_WHEN_EXPRESSION
    ]
    if "enableWhen" in item:
        assert not expressions, "enableWhen and enableWhenExpression cannot go together"
        return enable_when_holds(item["enableWhen"], item.get("enableBehavior"), response)
    if expressions:
        assert len(expressions) == 1
        return fhirpath_holds(expressions[0], response)
    return True


def answer_for(question: Question) -> st.SearchStrategy[AnswerValue]:
    """Any answer decide accepts for `question` (numbers kept near the bank's low end, where
    the conditions' thresholds are)."""
    ids = [c.id for c in question.choices]
    if question.type == "single":
        return st.sampled_from(ids)
    if question.type == "multi":
        return st.lists(st.sampled_from(ids), min_size=1, unique=True)
    if question.type == "yesno":
        return st.booleans()
    if question.type == "text":
        return st.text("abc d'\\", min_size=1, max_size=12).filter(str.strip).map(str.strip)
    low = int(question.min) if question.min is not None else -3
    high = int(question.max) if question.max is not None else low + 12
    whole = st.integers(low, min(high, low + 12))
    if question.type == "scale" or question.integer:
        return whole
    return st.one_of(whole, st.floats(low, min(high, low + 12), allow_nan=False))


def answers_for(bank: Bank) -> st.SearchStrategy[dict[str, AnswerValue]]:
    """A random answers set: each question answered or not, answers to hidden ones included."""
    parts = {q.id: st.one_of(st.none(), answer_for(q)) for q in bank.questions}
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})
