"""The roll-up (汇总) of a season: the supervising government's own report beside the sum of the reports of
the organs under it (its departments, townships and subordinate governments; ``kind`` narrows the sum to
one of them — a county's townships, say).

Only accepted or published reports are counted (``choices.ROLLED_UP``); every other roster organ is
listed as missing, with its state — a missing report is not zero, so the sum says how many organs it
covers and which are not in it. The sums are kept as running totals per season, kind of organ and cell
(``RollupTotal``: ``add`` is called by the services when a report is accepted, and with ``sign=-1`` when
a published one is taken back for correction), so the page reads at most 600 rows whatever the roster's
size (summing 1,000 organs' 200 cells on each view took ~0.3 s on SQLite); ``rebuild`` recomputes them
from the stored cells by one grouped query. Each cell opens the organs' figures behind it.

Its title is its own (“…年度报告汇总表”), never the title of the government's report.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from ogi.render.layout import number_text
from ogi.rules.labels import cell as cell_label
from ogi.spec import Format, format_for_year

from .choices import ROLLED_UP, Status
from .models import RollupTotal, RosterEntry, Season, Submission, SubmissionCell

KINDS = {"": "所属机关", "department": "所属部门", "township": "所属乡镇（街道）", "government": "下级政府"}


def title(season: Season, kind: str = "") -> str:
    return f"{season.supervisor.name}{season.year}年度政府信息公开工作年度报告汇总表（本级政府与{KINDS[kind]}合计）"


def _members(season: Season, kind: str) -> QuerySet[RosterEntry]:
    """The roster entries the sum is over: every organ but the government itself (of ``kind``)."""
    qs = RosterEntry.objects.filter(season=season).exclude(organ_id=season.supervisor_id)
    return qs.filter(organ__kind=kind) if kind else qs


def included(season: Season, kind: str = "") -> QuerySet[RosterEntry]:
    return _members(season, kind).filter(status__in=ROLLED_UP, current__isnull=False)


def missing(season: Season, kind: str = "") -> QuerySet[RosterEntry]:
    return _members(season, kind).exclude(status__in=ROLLED_UP)


@dataclass
class RollUp:
    season: Season
    kind: str
    spec: Format
    title: str
    own: dict[str, Decimal] | None  # None: the government's own report is not (yet) accepted
    own_status: str
    sums: dict[str, Decimal]
    counts: dict[str, int]
    included: list[dict[str, Any]]
    missing: list[dict[str, Any]]

    def lines(self) -> list[dict[str, Any]]:
        """One line per cell of the format, in table order: label, own, sum, difference."""
        out = []
        for path in self.spec.paths():
            own = self.own.get(path) if self.own is not None else None
            total = self.sums.get(path)
            out.append({
                "path": path, "label": cell_label(self.spec, path), "section": path.split(".")[0],
                "own": number_text(own) if own is not None else "", "sum": number_text(total) if total is not None else "",
                "n": self.counts.get(path, 0),
                "diff": number_text(own - total) if own is not None and total is not None and own != total else "",
            })
        return out


def _organ_rows(qs: QuerySet[RosterEntry]) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], "organ": r["organ__name"], "code": r["organ__code"], "status": r["status"],
         "status_label": Status(r["status"]).label, "submission": r["current_id"]}
        for r in qs.order_by("organ__code").values("id", "organ__name", "organ__code", "status", "current_id")
    ]


def build(season: Season, kind: str = "") -> RollUp:
    """The roll-up: five queries (own entry, own cells, sums, included, missing) for any roster size."""
    kind = kind if kind in KINDS else ""
    spec = format_for_year(season.year)
    own_entry = RosterEntry.objects.filter(season=season, organ_id=season.supervisor_id).values("status", "current_id").first()
    own = None
    if own_entry and own_entry["status"] in ROLLED_UP and own_entry["current_id"]:
        own = dict(SubmissionCell.objects.filter(submission_id=own_entry["current_id"]).values_list("path", "value"))
    totals = RollupTotal.objects.filter(season=season)
    if kind:
        totals = totals.filter(kind=kind)
    sums, counts = {}, {}
    for row in totals.values("path").annotate(sum=Sum("total"), count=Sum("n")).order_by():
        if row["count"]:
            sums[row["path"]], counts[row["path"]] = row["sum"], row["count"]
    return RollUp(
        season=season, kind=kind, spec=spec, title=title(season, kind), own=own,
        own_status=Status(own_entry["status"]).label if own_entry else "不在名单中",
        sums=sums, counts=counts, included=_organ_rows(included(season, kind)), missing=_organ_rows(missing(season, kind)),
    )


def add(entry: RosterEntry, submission: Submission, sign: int = 1) -> None:
    """Add (``sign=1``) or take away (``-1``) a submission's cells to/from its season's running totals;
    the government's own report is not part of the sum. Call inside the service's transaction."""
    if entry.organ_id == entry.season.supervisor_id:
        return
    kind = entry.organ.kind
    cells = dict(SubmissionCell.objects.filter(submission=submission).values_list("path", "value"))
    rows = {t.path: t for t in RollupTotal.objects.select_for_update().filter(season_id=entry.season_id, kind=kind)}
    new, changed = [], []
    for path, value in cells.items():
        row = rows.get(path)
        if row is None:
            new.append(RollupTotal(season_id=entry.season_id, kind=kind, path=path, total=sign * value, n=max(sign, 0)))
        else:
            row.total += sign * value
            row.n += sign
            changed.append(row)
    RollupTotal.objects.bulk_create(new)
    RollupTotal.objects.bulk_update(changed, ["total", "n"])


def rebuild(season: Season) -> None:
    """Recompute the season's running totals from the stored cells (one grouped query)."""
    grouped = (
        SubmissionCell.objects.filter(submission_id__in=included(season).values("current_id"))
        .values("submission__entry__organ__kind", "path").annotate(total=Sum("value"), n=Count("id")).order_by()
    )
    RollupTotal.objects.filter(season=season).delete()
    RollupTotal.objects.bulk_create(
        RollupTotal(season=season, kind=r["submission__entry__organ__kind"], path=r["path"], total=r["total"], n=r["n"])
        for r in grouped
    )


def behind(season: Season, path: str, kind: str = "") -> QuerySet:
    """The organs' figures behind one summed cell: organ name and value, by organ code."""
    return (
        SubmissionCell.objects.filter(path=path, submission_id__in=included(season, kind).values("current_id"))
        .values("submission_id", "submission__entry__organ__name", "submission__entry__organ__code", "value")
        .order_by("submission__entry__organ__code")
    )


def xlsx(roll: RollUp) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("汇总")
    sheet.write(0, 0, roll.title, bold)
    sheet.write(1, 0, f"计入 {len(roll.included)} 个机关（已通过或已公开的报告）；未计入 {len(roll.missing)} 个机关（未报送或未通过，不按 0 计）")
    for c, (head, width) in enumerate((("单元格", 60), ("本级政府报告", 14), (f"{KINDS[roll.kind]}合计", 14),
                                       ("计入机关数", 10), ("差额（本级−合计）", 16), ("路径", 36))):
        sheet.write(2, c, head, bold)
        sheet.set_column(c, c, width)
    for i, line in enumerate(roll.lines(), start=3):
        for c, key in enumerate(("label", "own", "sum", "n", "diff", "path")):
            v = line[key]
            if key in ("own", "sum", "diff") and v != "":
                sheet.write_number(i, c, float(Decimal(v)))
            elif v == "":
                sheet.write_blank(i, c, None)
            else:
                sheet.write(i, c, v)
    for name, rows in (("计入的机关", roll.included), ("未计入的机关", roll.missing)):
        s = book.add_worksheet(name)
        s.set_column(0, 0, 40)
        s.write_row(0, 0, ("机关", "状态"), bold)
        for i, r in enumerate(rows, start=1):
            s.write_row(i, 0, (r["organ"], r["status_label"]))
    book.close()
    return buf.getvalue()


