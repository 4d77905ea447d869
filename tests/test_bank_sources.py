"""Sources link to their primary record, and every figure says what it measures and how sure we
are: what `decide validate` refuses, and the one link a summary shows for each source."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from decide.bank import parse_bank
from decide.bank.links import NOT_PRIMARY, not_primary, same_address
from decide.cli import app
from decide.core.errors import BankError
from decide.core.model import Source
from decide.summary.parts import primary_link, sureness

SMALL = (Path(__file__).parent / "banks" / "small.yaml").read_text(encoding="utf-8")
SRC_B_URL = '    url: "https://example.org/b"\n'

# One address per kind of copy the validator knows, with the words its error uses. Every rule
# in decide.bank.links.NOT_PRIMARY must have an example here (checked below).
COPIES = [
    (
        "https://melakarnets.com/proxy/index.php?q=https%3A%2F%2Fwww.example.org%2Fpaper",
        "a web proxy",
    ),
    ("https://unblock.example.net/browse.php?u=https://journal.example.org/a", "a web proxy"),
    ("https://www.scribd.com/document/516432450/A-Consensus-Statement", "a document-sharing site"),
    ("https://abcdocz.com/doc/148441/efficacy-and-safety", "a document-sharing site"),
    ("http://neuro-modulation.blogspot.com/2010/05/daily-left-prefrontal.html", "a blog"),
    ("https://osmind.org/blog/questions-to-expect", "a blog"),
    ("https://tmsneurovations.com/2023/10/effectiveness-of-theta-burst/", "a blog"),
    (
        "https://dev2.psychiatrist.com/jcp/multisite-naturalistic-study",
        "a development or hosting mirror",
    ),
    (
        "https://etg-complete-oxy.netlify.app/psychotropic/ptg/c_ptg8",
        "a development or hosting mirror",
    ),
    (
        "https://trials.co/clinical-trials-details/-/NCT03113968",
        "a copy of a registry or regulator record",
    ),
    ("https://510k.innolitics.com/search/K083538", "a copy of a registry or regulator record"),
    ("https://verity.backworkai.com/policy/L37086", "a third-party policy summary"),
    ("https://www.usmedicine.com/2021online-dir/inc/html/33.html", "an aggregator or reprint site"),
    (
        "https://discovery.researcher.life/article/ketamine/e200e4f8",
        "an aggregator or reprint site",
    ),
]


@pytest.mark.parametrize(("url", "what"), COPIES)
def test_each_kind_of_copy_is_recognised(url: str, what: str) -> None:
    assert not_primary(url) == what


def test_every_rule_has_an_example_above() -> None:
    covered = {
        id(rule)
        for url, _ in COPIES
        for rule in NOT_PRIMARY
        if (rule.host and rule.host.search(url.split("/")[2].split(":")[0].lower()))
        or (rule.path and rule.path.search("/" + url.split("/", 3)[3]))
    }
    assert covered == {id(rule) for rule in NOT_PRIMARY}


@pytest.mark.parametrize(
    "url",
    [
        "https://pubmed.ncbi.nlm.nih.gov/37224232/",
        "https://doi.org/10.1056/NEJMoa2302399",
        "https://clinicaltrials.gov/study/NCT02493868",
        "https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfpmn/pmn.cfm?ID=K083538",
        "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=34998",
        "https://jamanetwork.com/journals/jamapsychiatry/fullarticle/210744",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC9154276",
        "https://988lifeline.org/",
    ],
)
def test_primary_records_are_not_taken_for_copies(url: str) -> None:
    assert not_primary(url) is None


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def spot(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_a_label_linked_through_a_document_sharing_site_is_refused_where_it_stands() -> None:
    text = SMALL.replace(SRC_B_URL, '    url: "https://www.scribd.com/document/1/label"\n')
    line, column = spot(text, '"https://www.scribd')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: source 'SRC-B' is a label but its url points at a "
        "document-sharing site, not the primary record; link the publisher (doi), PubMed (pmid), "
        "the trial registry (registry) or the regulator's own page"
    ]


def test_a_clinic_page_may_be_a_blog_but_is_never_a_clinical_source() -> None:
    text = SMALL.replace("    kind: label\n", "    kind: clinic\n").replace(
        SRC_B_URL, '    url: "https://clinic.example.org/blog/what-to-expect"\n'
    )
    assert parse_bank(text, "bank.yaml").sources["SRC-B"].kind == "clinic"


def test_two_sources_may_not_share_one_url() -> None:
    text = SMALL.replace('    doi: "10.0000/a"\n', '    url: "http://www.example.org/b/"\n')
    line, column = spot(text, '"http://www.example.org/b/"')
    assert problems(text) == [
        f"bank.yaml:{line + 5}:{column}: source 'SRC-B' has the same url as source 'SRC-A'; each "
        "source needs its own record, so merge the two or link each to its own page"
    ]


def test_same_address_ignores_scheme_www_case_and_end_slash() -> None:
    assert same_address("http://WWW.Example.org/b/") == same_address("https://example.org/b")
    assert same_address("https://example.org/b?x=1") != same_address("https://example.org/b?x=2")


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("pmid", "PMID 31166571", "a PubMed id: digits only"),
        ("registry", "nct-02493868", "a registry id such as NCT01234567"),
        ("registry", "NCT1234", "a registry id such as NCT01234567"),
        ("doi", "doi:10.1001/x", "a DOI such as 10.1001/jama.2019.1"),
    ],
)
def test_identifiers_must_look_like_identifiers(field: str, value: str, hint: str) -> None:
    text = SMALL.replace('    doi: "10.0000/a"\n', f'    {field}: "{value}"\n')
    line, column = spot(text, f'"{value}"')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: source 'SRC-A': '{field}' '{value}' is not {hint}"
    ]


def test_a_source_with_no_address_must_say_why() -> None:
    text = SMALL.replace(SRC_B_URL, "")
    line, _ = spot(text, "  SRC-B:")
    found = problems(text)
    assert len(found) == 1 and found[0].startswith(f"bank.yaml:{line + 1}:")
    assert "needs a 'url', 'doi', 'pmid' or 'registry', or a 'no_link'" in found[0]
    said = text.replace(
        '    date: "2019-03"\n',
        '    date: "2019-03"\n    no_link: "The label copy we read is gone."\n',
    )
    assert (
        parse_bank(said, "bank.yaml").sources["SRC-B"].no_link == "The label copy we read is gone."
    )


def test_a_figure_needs_its_measure_and_a_known_certainty() -> None:
    text = SMALL.replace(
        '            measure: "remission: a score of 10 or lower on scale A"\n', ""
    ).replace("            certainty: low\n", "            certainty: medium\n")
    found = problems(text)
    assert any("figure is missing 'measure'" in p for p in found), found
    line, column = spot(text, "medium")
    assert (
        f"bank.yaml:{line}:{column}: row 'chance' cell 'beta' figure: 'certainty' must be one "
        "of high, moderate, low, very low, not 'medium'"
    ) in found


def source(**links: str) -> Source:
    return Source("K", "A citation.", "trial", "2020", **links)


def test_the_one_link_is_the_doi_then_pubmed_then_the_registry_then_the_url() -> None:
    url = "https://journal.example.org/a"
    assert primary_link(source(doi="10.1/x", pmid="1", registry="NCT00000001", url=url)) == (
        "https://doi.org/10.1/x"
    )
    assert primary_link(source(pmid="31166571", registry="NCT02493868", url=url)) == (
        "https://pubmed.ncbi.nlm.nih.gov/31166571/"
    )
    assert primary_link(source(registry="NCT02493868", url=url)) == (
        "https://clinicaltrials.gov/study/NCT02493868"
    )
    assert primary_link(source(url=url)) == url
    assert primary_link(source()) is None


def test_how_sure_we_are_reads_the_same_for_every_figure() -> None:
    assert sureness("moderate", "one open-label trial of 400 people") == (
        "How sure we are: moderate (one open-label trial of 400 people). "
        "This is our rating, not a formal GRADE assessment."
    )


def test_decide_validate_refuses_a_trial_linked_through_a_proxy_and_a_shared_url(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bank.yaml"
    bad.write_text(
        SMALL.replace(
            '    doi: "10.0000/a"\n',
            '    url: "https://melakarnets.com/proxy/index.php?q=https%3A%2F%2Fexample.org%2Fb"\n',
        ).replace(
            SRC_B_URL,
            '    url: "https://melakarnets.com/proxy/index.php?q=https%3A%2F%2Fexample.org%2Fb"\n',
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        "source 'SRC-A' is a trial but its url points at a web proxy" in line for line in lines
    )
    assert any("source 'SRC-B' has the same url as source 'SRC-A'" in line for line in lines)
    assert all(line.startswith(f"{bad}:") for line in lines)
