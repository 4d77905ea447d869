"""The same kind of statement in every option's short form of a row (the at-a-glance grid).

Balance by length (`decide.bank.comparison`) lets one option say "$400 to $800 a drip" while
another says "$4,700 the first month", or one give a risk's frequency while another only names
the risk. Two kinds of statement can be compared from the words alone, so they are checked:

- **cost**: when one short form in a row gives an amount of money, every short form in the row
  gives one, in the same unit (the words after the amount, such as "for a first course", up to
  the first number or bracket);
- **frequency**: when one short form in a row says how often something happens ("7 out of
  10,000"), every short form in the row says how often too, or says plainly that there is no
  figure ("rare", "no figure for how often").

What the words alone cannot show, and a reviewer checks instead (docs/review.md): whether a
critic is named for what it is, whether a claim in a short form came from a clinic page (a
cell's sources are not tied to its sentences), and whether the same effect is worded the same
way for two options that share it.
"""

from __future__ import annotations

import re

from decide.bank.checker import At, Checker
from decide.core.model import Cell

_MONEY = re.compile(r"\$\d[\d,.]*(?:\s*(?:-|to)\s*\$\d[\d,.]*)?")
# The unit: the words after the last amount, up to a number, a bracket or the end of a clause.
_UNIT = re.compile(r"^\s*([^\d(.;,]*)")
_FREQUENCY = re.compile(
    r"\b\d[\d,]*\s+(?:out\s+)?(?:of|in)\s+(?:every\s+)?\d[\d,]*\b|\b\d+(?:\.\d+)?\s*%",
    re.IGNORECASE,
)
# Plain words that say how often, or that there is no figure: enough beside another's number.
_HOW_OFTEN = re.compile(
    r"\b(rare|rarely|common|uncommon|often|half|no figure|not known|unknown|how often)\b",
    re.IGNORECASE,
)


def money_unit(short: str) -> str | None:
    """The unit of the last amount of money in `short` ("for a first course"), "" when the
    amount stands alone, or None when there is no amount."""
    amounts = list(_MONEY.finditer(short))
    if not amounts:
        return None
    match = _UNIT.match(short[amounts[-1].end() :])
    unit = " ".join((match.group(1) if match else "").split()).lower()
    return re.sub(r"\s+(?:of|for|per)$", "", unit)


def says_how_often(short: str) -> bool:
    return bool(_FREQUENCY.search(short) or _HOW_OFTEN.search(short))


def check_short_kinds(
    c: Checker, cells: dict[str, Cell], short_at: dict[str, At], what: str
) -> None:
    shorts = {oid: cell.short for oid, cell in cells.items() if cell.short and oid in short_at}
    if len(shorts) < 2:
        return
    _check_cost(c, shorts, short_at, what)
    _check_frequency(c, shorts, short_at, what)


def _check_cost(c: Checker, shorts: dict[str, str], short_at: dict[str, At], what: str) -> None:
    units = {oid: money_unit(short) for oid, short in shorts.items()}
    given = {oid: unit for oid, unit in units.items() if unit is not None}
    if not given:
        return
    first = next(iter(given))
    for oid, unit in units.items():
        if unit is None:
            c.problem(
                short_at[oid],
                f"{what} cell '{oid}' short gives no cost while '{first}' does; give every "
                "option's cost in the same unit, or none",
            )
        elif unit != given[first]:
            c.problem(
                short_at[oid],
                f"{what} cell '{oid}' short gives a cost '{unit or 'with no unit'}' while "
                f"'{first}' gives it '{given[first] or 'with no unit'}'; use one unit for "
                'every option (for example "for a first course of ...")',
            )


def _check_frequency(
    c: Checker, shorts: dict[str, str], short_at: dict[str, At], what: str
) -> None:
    counted = [oid for oid, short in shorts.items() if _FREQUENCY.search(short)]
    if not counted:
        return
    for oid, short in shorts.items():
        if not says_how_often(short):
            c.problem(
                short_at[oid],
                f"{what} cell '{oid}' short does not say how often, while '{counted[0]}' gives "
                'a frequency; give one ("about 1 out of 20,000 sessions") or say there is '
                "no figure",
            )
