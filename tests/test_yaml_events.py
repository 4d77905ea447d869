"""The YAML tree built from the parser's events: the same values, problems and locations as
decide's earlier loader (a node tree walked afterwards, kept in tests/yaml_reference.py), with
libyaml and with PyYAML's pure-Python parser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
import yaml_reference
from counts import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from decide.bank import parse_bank, yamlsource
from decide.bank.text_file import YamlError
from decide.bank.yamlsource import MDict, MList, compose, composed_problems

C_LOADER = getattr(yaml, "CSafeLoader", None)
LOADERS = [yaml.SafeLoader, *([C_LOADER] if C_LOADER is not None else [])]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Each parser decide can run on: libyaml's, and the pure-Python one it falls back to."""
    monkeypatch.setattr(yamlsource, "LOADER", request.param)
    yield request.param


def _places(value: Any, mine: bool) -> list[Any]:
    """Every location a check could ask for: each container's, each key's and value's, and
    the fallback for a key that is not there."""
    kinds = (MDict, MList) if mine else (yaml_reference.MDict, yaml_reference.MList)
    if not isinstance(value, kinds):
        return []
    out: list[Any] = [value.at, value.where("no such key")]
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        out += [key, value.where(key), value.where_key(key)]
        out += _places(item, mine)
    return out


def outcome(text: str, loader: Any = None, mine: bool = True) -> tuple[Any, ...]:
    """What a check of `text` can see: the values (with their types), the problems found while
    composing, and every location; or the problems of a file that cannot be read."""
    try:
        value = compose(text, "f.yaml") if mine else yaml_reference.compose(text, "f.yaml", loader)
    except YamlError as error:
        return ("refused", [str(p) for p in error.problems])
    problems = composed_problems(value)  # the same attribute on either tree
    return (repr(value), [str(p) for p in problems], _places(value, mine))


def same_as_before(text: str, loader: Any) -> None:
    assert outcome(text) == outcome(text, loader, mine=False), text


# ---------------------------------------------------------------- random documents

PLAIN = ["a", "b", "yes", "No", "~", "null", "1", "-2", "0x1F", "0o17", "1_000", "1.5", "1e3"]
PLAIN += ["1.0e+400", "2001-12-14", "2001-12-14 21:59:43.10", "é", "x y", "", "'single'"]
PLAIN += ["'a\u2028b'", "'a\x85b'", "'a\rb'", '"dq \\u2029 \\n"', '"x\u2029y"', "!!str 1"]
PLAIN += ["!!int 3", "!!float 2", "!!bool x", "!!null x", "! 1", "!!timestamp 2001-12-14"]
REFUSED = [".inf", ".NaN", "!!int nope", "!foo x", "!!binary aGk=", "!!python/name:os.system"]
SCALARS = PLAIN * 8 + REFUSED  # mostly readable, so that locations are compared too
KEYS = ["a", "b", "c", "d", "a", "1", "'1'", "yes", "~", "'<<'", "!!str b", "!!int 2", "é"]
KEYS = KEYS * 3 + ["<<", "!x k", "[k]"]
BREAKS = ["\n", "\r\n", "\r"]


def _render(tree: Any, indent: int, draw: st.DrawFn) -> str:
    """One value as YAML text starting after `key: ` (or `- `), at `indent` spaces."""
    pad = " " * indent
    if isinstance(tree, str):
        return tree
    flow = draw(st.booleans())
    plain_tag = "!!map " if isinstance(tree, dict) else "!!seq "
    tag = draw(st.sampled_from(["", "", "", "", "", "", "", "", plain_tag, "! ", "!t "]))
    if isinstance(tree, list):
        if flow or not tree:
            return tag + "[" + ", ".join(_render(item, indent, draw) for item in tree) + "]"
        items = [f"{pad}- {_render(item, indent + 2, draw)}" for item in tree]
        return tag + "\n" + "\n".join(items)
    pairs = list(tree)
    if flow or not pairs:
        return tag + "{" + ", ".join(f"{k}: {_render(v, indent, draw)}" for k, v in pairs) + "}"
    lines = []
    for key, value in pairs:
        comment = draw(st.sampled_from(["", "", " # note", " # é\x85"]))
        if key.startswith("["):  # a list as a key
            lines.append(f"{pad}? {key}{comment}\n{pad}: {_render(value, indent + 2, draw)}")
        else:
            lines.append(f"{pad}{key}:{comment} {_render(value, indent + 2, draw)}")
    return tag + "\n" + "\n".join(lines)


trees = st.recursive(
    st.sampled_from(SCALARS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=5),
    ),
    max_leaves=14,
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    tree: Any = draw(trees)
    if draw(st.integers(0, 4)):  # mostly a mapping at the top, as in a bank
        tree = draw(st.lists(st.tuples(st.sampled_from(KEYS), trees), min_size=1, max_size=5))
    text = _render(_pairs_to_dicts(tree), 0, draw).lstrip("\n")
    head = draw(st.sampled_from(["", "# a comment\n", "---\n", "%YAML 1.1\n---\n"]))
    text = head + text + "\n"
    return text.replace("\n", draw(st.sampled_from(BREAKS)))


def _pairs_to_dicts(tree: Any) -> Any:
    """Lists of (key, value) pairs become mappings (kept as pairs, so repeats stay)."""
    if isinstance(tree, list) and tree and all(isinstance(i, tuple) for i in tree):
        return _as_mapping([(k, _pairs_to_dicts(v)) for k, v in tree])
    if isinstance(tree, list):
        return [_pairs_to_dicts(i) for i in tree]
    return tree


class _Mapping(dict[str, Any]):
    """Marks a rendered mapping; iterating gives its (key, value) pairs in written order."""

    pairs: list[tuple[str, Any]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.pairs)


def _as_mapping(pairs: list[tuple[str, Any]]) -> _Mapping:
    out = _Mapping()
    out.pairs = pairs
    return out


@settings(max_examples=examples(300), deadline=None)
@given(text=documents())
def test_random_documents_read_as_before_with_libyaml(text: str) -> None:
    if C_LOADER is None:  # pragma: no cover - libyaml is in every supported install
        pytest.skip("libyaml is not installed")
    assert yamlsource.LOADER is C_LOADER  # what decide uses whenever libyaml is there
    same_as_before(text, C_LOADER)


@settings(max_examples=examples(150), deadline=None)
@given(text=documents())
def test_random_documents_read_as_before_with_the_pure_python_parser(text: str) -> None:
    saved = yamlsource.LOADER
    yamlsource.LOADER = yaml.SafeLoader
    try:
        same_as_before(text, yaml.SafeLoader)
    finally:
        yamlsource.LOADER = saved


plain_data = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=10),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=examples(200), deadline=None)
@given(data=plain_data, flow=st.booleans())
def test_plain_documents_give_what_yaml_safe_load_gives(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    try:
        value = compose(text, "f.yaml")
    except YamlError as error:  # only numbers too large for decide are refused
        assert all("too large" in p.message for p in error.problems), error.problems
        return
    assert value == yaml.safe_load(text)
    assert composed_problems(value) == []


# ---------------------------------------------------------------- each rule, on both parsers

RULES = [
    "a: 1\nb: [x, {c: 2.5}]\n",
    "a: &x 1\nb: *x\nc: *x\n",  # each alias refused where its anchor is
    "a: &x [*x]\n",
    "a: [1, &q 2, *q]\n",
    "a: &x 1\nb: &x 2\n",  # an anchor used twice
    "a: *x\n",  # an alias to nothing
    "a: 1\n---\nb: 2\n",
    "# only a comment\n",
    "---\n",
    "[1, 2]\n",
    "just text\n",
    "? [a]\n: 1\n",
    "? {a: !t 1}\n: 2\n",
    "<<: {a: 1}\n",
    "a: 1\nb: 2\na: 3\nc: 4\nb: 5\nd: 6\nd: 7\n",
    "1: a\n'1': b\n",
    "!!binary a: 1\n",
    "a: !foo [1]\nb: {c: !!map {d: 1.5}}\n",
    "a: 1.0e+400\nb: 0x1F\nc: 0b11\nd: 1_000\ne: ~\nf: yes\n",
    "a: !!int 99999999999999999999999999999999999999999999999999999999999999999999999999\n",
    "a: " + "9" * 5000 + "\nb: -" + "1" * 5000 + ".5\n",  # past int's digit limit
    "a: 2001-12-14 21:59:43.10\nb: 2001-12-14\n",
    "a: [1, 2\n",
    "a: 'x'\n\n\tb: 1\n",
    "a: \x07\n",
    "a: !! x\n",
    "é: ü\r\nnew: 'ß\u2028'\r\nnew: 1\r\n",
    "\ufeffa: 1\nb: {c: !t 2}\n",
    "x: " + "[" * 64 + "]" * 64 + "\n",
    "x: " + "[" * 63 + "]" * 63 + "\n",
    "x: " + "[" * 70 + "1" + "]" * 70 + "\n",
    "x: " + "{a: " * 64 + "!t 1" + "}" * 64 + "\n",
]


# PyYAML's own composer words these two differently from libyaml's; decide now says them the
# same way (libyaml's) whichever parser runs.
COMPOSER_WORDING = {"a: &x 1\nb: &x 2\n", "a: *x\n"}


@pytest.mark.parametrize("text", RULES)
def test_each_rule_reads_as_before(text: str, loader: Any) -> None:
    same_as_before(text, C_LOADER if text in COMPOSER_WORDING and C_LOADER else loader)


def test_an_alias_to_a_key_is_refused_too(loader: Any) -> None:
    # The node-tree loader never looked at keys for reuse, so this alias went through.
    with pytest.raises(YamlError) as refused:
        compose("&k a: 1\nb: *k\n", "f.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "f.yaml:1:1: this value is reused with an anchor and alias (& and *), which a bank may "
        "not use; write it out each time"
    ]


def test_an_alias_to_a_value_that_was_not_kept_is_refused_too(loader: Any) -> None:
    # The node-tree loader skipped the value of a refused key, and so missed the alias to it.
    with pytest.raises(YamlError) as refused:
        compose("<<: &m {a: 1}\nb: *m\n", "f.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "f.yaml:1:1: merge keys (<<) are not allowed",
        "f.yaml:1:5: this value is reused with an anchor and alias (& and *), which a bank may "
        "not use; write it out each time",
    ]


def test_many_repeated_keys_each_name_the_first(loader: Any) -> None:
    keys = [f"k{i}" for i in range(300)]
    text = "".join(f"{k}: 1\n" for k in keys) + "".join(f"{k}: 2\n" for k in reversed(keys))
    value = compose(text, "f.yaml")
    said = [str(p) for p in composed_problems(value)]
    assert said == [
        f"f.yaml:{600 - i}:1: the key 'k{i}' is repeated (first at line {i + 1})"
        for i in reversed(range(300))
    ]
    assert value.where("k7") == ("f.yaml", 8, 5)


def test_the_small_bank_reads_the_same_with_either_parser(loader: Any) -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "banks" / "small.yaml").read_text(encoding="utf-8")
    yamlsource.LOADER = C_LOADER or yaml.SafeLoader
    with_c = parse_bank(text, "small.yaml")
    yamlsource.LOADER = loader
    assert parse_bank(text, "small.yaml") == with_c
