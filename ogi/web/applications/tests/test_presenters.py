"""The register's rows as HTML (``presenters.application_rows``), read as a clerk and as a supervisor."""

from __future__ import annotations

from datetime import date

from lxml import html

from ogi.web.applications.abuse import Signal
from ogi.web.applications.presenters import application_rows


def _cells(markup: str) -> list[list[str]]:
    return [[td.text_content() for td in tr.findall("td")] for tr in html.fragment_fromstring(markup, create_parent="tbody")]


def test_an_open_application_past_its_due_date(application):
    # received Monday 2025-03-03: 20 working days (no holiday in March 2025) end on Monday 2025-03-31
    application.content = "关于二〇二四年度人民防空工程建设、维护管理及使用情况的全部资料，包括验收文件与经费"
    rows = application_rows([application], today=date(2025, 4, 1), show_organ=True, personal={application.organ_id})
    tr = html.fragment_fromstring(rows, create_parent="tbody")[0]
    assert tr.get("class") == "overdue-row"
    assert tr.find("td/a").get("href") == f"/applications/{application.pk}/"
    number, organ, received, who, channel, content, status, due, answered = _cells(rows)[0]
    assert (organ, received, who, channel) == (application.organ.name, "2025-03-03", "张三自然人", "网络")
    assert len(content) == 40 and content.startswith("关于二〇二四年度") and content != application.content  # cut: 41 chars
    assert (status, due, answered) == ("办理中", "2025-03-31 已超期", "")


def test_on_the_due_date_it_is_not_overdue_and_a_supervisor_sees_no_name(application):
    rows = application_rows([application], today=date(2025, 3, 31), show_organ=False, personal=set())
    assert "overdue-row" not in rows
    number, received, who, channel, content, status, due, answered = _cells(rows)[0]
    assert (who, due) == ("（不显示）自然人", "2025-03-31")


def test_signals_and_escaping(application):
    application.applicant_name = "<b>张三</b>"
    signal = Signal("repeat", "重复申请", "同一申请人15日内已提出内容相同的申请1件")
    rows = application_rows([application], today=date(2025, 3, 3), show_organ=False,
                            personal={application.organ_id}, signals={application.pk: [signal]})
    assert "&lt;b&gt;张三&lt;/b&gt;" in rows and "<b>" not in rows
    assert '<span class="badge signal repeat" title="同一申请人15日内已提出内容相同的申请1件">重复申请</span>' in rows
