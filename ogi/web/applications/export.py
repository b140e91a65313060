"""The register as an XLSX workbook (XlsxWriter), with the filters of the screen applied."""

from __future__ import annotations

import io
from datetime import date

import xlsxwriter
from django.db.models import QuerySet

from ogi.idnumbers import mask

from .models import Application

HIDDEN = "（不显示）"
COLUMNS = (
    ("编号", 24), ("机关", 30), ("收到申请日期", 13), ("申请人类型", 14), ("申请人", 16), ("证件号码", 22), ("申请方式", 10),
    ("申请内容", 50), ("状态", 10), ("办理结果", 28), ("答复期限", 12), ("答复日期", 12), ("期限情况", 14),
)


def timeliness(app: Application, today: date) -> str:
    if app.answered_late:
        return "逾期答复"
    if app.overdue_on(today):
        return "已超期"
    if app.clock_stopped:
        return "补正后重新计算"
    return ""


def register_xlsx(apps: QuerySet[Application], personal: set[int], today: date) -> bytes:
    """One row per application, in the register's order; the applicant's name and full ID number only where
    ``personal`` holds the organ (the user handles its cases); elsewhere the ID number masked."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("依申请公开台账")
    head = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for col, (title, width) in enumerate(COLUMNS):
        sheet.write(0, col, title, head)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    row = 0
    for row, app in enumerate(apps.iterator(chunk_size=500), start=1):
        values = (
            app.number, app.organ.name, app.received_on, app.get_applicant_type_display(),
            app.applicant_name if app.organ_id in personal else HIDDEN,
            app.applicant_id_number if app.organ_id in personal else mask(app.applicant_id_number),
            app.get_channel_display(), app.content,
            app.get_status_display(), app.get_outcome_display(), app.due_date, app.answered_on,
            timeliness(app, today),
        )
        for col, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, day)
            elif value is None:
                sheet.write_blank(row, col, None)
            else:
                sheet.write_string(row, col, str(value))
    sheet.autofilter(0, 0, max(row, 1), len(COLUMNS) - 1)
    book.close()
    return out.getvalue()
