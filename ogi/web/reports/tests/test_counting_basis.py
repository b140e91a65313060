"""One counting basis: for random registers, every section 三 and 四 cell equals the number of
applications (appeals) listed behind it, the built reports satisfy R3-1…R3-3 and R4-1 of the core's
checker, and each year's 上年结转 is the previous year's 结转下年度继续办理.

The registers are drawn by hypothesis over 2019–2023 with extra weight on 1 January and 31 December,
applications carried over several years and appeals decided years later or never.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.rules import check
from ogi.spec import format_for_year
from ogi.web.appeals.choices import AppealKind, AppealResult
from ogi.web.appeals.models import Appeal
from ogi.web.applications.choices import ApplicantType, Outcome
from ogi.web.applications.models import Application
from ogi.web.reports import build

YEARS = range(2019, 2024)
EDGES = [d for y in YEARS for d in (date(y, 1, 1), date(y, 12, 31))]
days = st.one_of(st.sampled_from(EDGES), st.dates(date(2019, 1, 1), date(2023, 12, 31)))
# answered/decided: on a year boundary, within weeks, years later, or never
later = st.one_of(st.none(), st.sampled_from(EDGES), st.integers(0, 60), st.integers(300, 1500))

applications = st.lists(
    st.tuples(st.sampled_from(["rfb", "edu", "gov"]), st.sampled_from(ApplicantType.values), days, later,
              st.sampled_from(Outcome.values)),
    max_size=40,
)
appeals = st.lists(
    st.tuples(st.sampled_from(["rfb", "gov"]), st.sampled_from(AppealKind.values), days, later,
              st.sampled_from(AppealResult.values)),
    max_size=15,
)


def after(start: date, later: date | int | None) -> date | None:
    if later is None:
        return None
    if isinstance(later, int):
        return start + timedelta(days=later)
    return max(start, later)


def load(organs, apps, cases) -> None:  # noqa: ANN001
    Application.objects.bulk_create(
        Application(
            organ=organs[o], number=f"N{i}", applicant_type=kind, applicant_name="某", channel="online",
            received_on=received, content="…", answered_on=after(received, answered),
            outcome=outcome if answered is not None else "", status="answered" if answered is not None else "processing",
        )
        for i, (o, kind, received, answered, outcome) in enumerate(apps)
    )
    Appeal.objects.bulk_create(
        Appeal(organ=organs[o], kind=kind, filed_on=filed, decided_on=after(filed, decided), result=result)
        for o, kind, filed, decided, result in cases
    )


def assert_cells_match_their_lists(organ, year: int, children: bool) -> None:  # noqa: ANN001
    report = build.build_report(organ, year, include_children=children)
    fmt = format_for_year(year)
    for path in fmt.s3_paths() + fmt.s4_paths():
        listed = build.cell_objects(organ, year, path, include_children=children).count()
        assert report.value(path) == listed, (year, path, report.value(path), listed)


EQUATIONS = {"R3-1", "R3-2", "R3-3", "R4-1", "RX-1"}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(apps=applications, cases=appeals)
def test_every_cell_counts_what_is_listed_behind_it(organs, apps, cases):
    with transaction.atomic():
        load(organs, apps, cases)
        for year in (2019, 2020, 2021, 2023):  # the government with its departments: every organ's rows
            assert_cells_match_their_lists(organs["gov"], year, children=True)
        assert_cells_match_their_lists(organs["rfb"], 2022, children=False)
        transaction.set_rollback(True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(apps=applications, cases=appeals)
def test_random_registers_build_reports_that_balance_and_chain(organs, apps, cases):
    with transaction.atomic():
        load(organs, apps, cases)
        every = {year: build.build_all(year) for year in YEARS}
        for organ in organs.values():
            previous = None
            for year in YEARS:
                report = build.build_report(organ, year)
                assert report.sections.s3 == every[year][organ.pk].sections.s3  # per organ = one organ
                assert report.sections.s4 == every[year][organ.pk].sections.s4
                broken = [f for f in check(report, previous) if f.rule in EQUATIONS]
                assert broken == [], (organ.code, year, [f.message for f in broken])
                if previous is not None:
                    assert report.sections.s3["carried_over"] == previous.sections.s3["carry_forward"]
                previous = report
        transaction.set_rollback(True)
