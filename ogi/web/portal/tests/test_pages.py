"""The public pages: no login, the index by organ, year and status with search (20 a page, queries
independent of the rows), each report in the official layout with its versions, downloads with their
SHA-256, lateness, and the organ's page with its charts (data from the API, no inline script)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.test import Client

from ogi.web.organs.models import Organ
from ogi.web.portal import services
from ogi.web.portal.models import Publication

from .helpers import document, insert
from .test_publication import at


@pytest.fixture
def many(organs, people):
    """25 departments under gov with a 2025 report each, one published late and one corrected."""
    made = []
    for i in range(25):
        organ = Organ.objects.create(code=f"dept-{i:02d}", name=f"测试区第{i:02d}局", kind="department",
                                     parent=organs["gov"])
        made.append(insert(organ, 2025, people["supervisor"], new_received=i,
                           published_on=date(2026, 2, 3) if i == 3 else None))
    first = made[7]
    insert(first.organ, 2025, people["supervisor"], version=2, corrects=first, note="更正第三部分", new_received=70)
    return made


def test_the_index_is_public_and_lists_current_versions(client: Client, many):
    page = client.get("/public/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "测试区第00局" in text and "第 2 版（有更正）" in text
    assert text.count('href="/public/dept-07/2025/"') == 0 or "测试区第07局" in text
    assert "共 25 条" in text  # 26 rows stored, 25 current


def test_the_index_filters_and_searches(client: Client, many, organs, people):
    insert(organs["gov"], 2024, people["supervisor"])
    assert "共 1 条" in client.get("/public/?kind=government").content.decode()
    assert "共 1 条" in client.get("/public/?year=2024").content.decode()
    late = client.get("/public/?status=late").content.decode()
    assert "测试区第03局" in late and "逾期" in late and "测试区第04局" not in late
    corrected = client.get("/public/?status=corrected").content.decode()
    assert "测试区第07局" in corrected and "共 1 条" in corrected
    found = client.get("/public/?q=第1").content.decode()
    assert "共 10 条" in found  # 第10局 … 第19局
    assert "没有符合条件" in client.get("/public/?q=不存在的机关").content.decode()
    # what the index does not understand is ignored, never an error
    assert client.get("/public/?year=abcd&kind=x&status=y&page=999").status_code == 200


def test_the_index_pages_by_20_with_the_same_queries_for_any_number_of_rows(
        client: Client, many, django_assert_max_num_queries, organs, people):
    first = client.get("/public/").content.decode()
    assert "第 1 / 2 页" in first
    with django_assert_max_num_queries(4):
        client.get("/public/?page=2")
    for i in range(25, 60):
        organ = Organ.objects.create(code=f"dept-{i:02d}", name=f"测试区第{i:02d}局", kind="department")
        insert(organ, 2025, people["supervisor"])
    with django_assert_max_num_queries(4):
        assert "第 1 / 3 页" in client.get("/public/").content.decode()


@pytest.fixture
def published(organs, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name),
                                         when=at(2026, 2, 3))


def test_a_report_page_shows_the_official_layout_lateness_and_hashes(client: Client, published):
    page = client.get("/public/dadukou-rfb/2025/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "重庆市大渡口区人民防空办公室2025年政府信息公开工作年度报告" in text
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况"):
        assert heading in text
    assert 'data-path="s3.new_received.total">44<' in text
    assert "2026年2月3日" in text and "逾期 2 个工作日公开" in text and "2026年1月31日" in text
    assert published.sha256 in text
    for kind in ("docx", "pdf", "xlsx"):
        assert published.files.get(kind=kind).sha256 in text
    assert "/public/dadukou-rfb/2025/v1/" in text


def test_downloads_are_the_stored_bytes_and_json_is_the_hashed_document(client: Client, published):
    for kind in ("docx", "pdf", "xlsx"):
        response = client.get(f"/public/dadukou-rfb/2025/v1/{kind}")
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        assert hashlib.sha256(body).hexdigest() == published.files.get(kind=kind).sha256
        assert "attachment" in response["Content-Disposition"]
    js = client.get("/public/dadukou-rfb/2025/v1/json")
    assert hashlib.sha256(js.content).hexdigest() == published.sha256
    assert client.get("/public/dadukou-rfb/2025/v1/txt").status_code == 404
    assert client.get("/public/dadukou-rfb/2025/v9/docx").status_code == 404


def test_a_missing_file_is_rendered_on_first_download_and_kept(client: Client, organs, people):
    pub = services.publish_document(people["supervisor"], organs["edu"], 2025, document(organs["edu"].name))
    assert set(pub.files.values_list("kind", flat=True)) == {"docx"}  # the task has not run (no commit)
    first = client.get("/public/dadukou-edu/2025/v1/xlsx").content
    assert client.get("/public/dadukou-edu/2025/v1/xlsx").content == first
    assert pub.files.filter(kind="xlsx").count() == 1


def test_each_version_keeps_its_permanent_page(client: Client, published, organs, people):
    second = services.publish_document(people["supervisor"], organs["rfb"], 2025,
                                       document(organs["rfb"].name, s2__art20_1__regulations__issued=3),
                                       correction_note="更正规章制发件数", when=at(2026, 2, 10))
    current = client.get("/public/dadukou-rfb/2025/").content.decode()
    assert "第 2 版" in current and "更正规章制发件数" in current and "not-newest" not in current
    old = client.get("/public/dadukou-rfb/2025/v1/").content.decode()
    assert 'id="not-newest"' in old and published.sha256 in old and second.sha256 not in old.split('id="versions"')[0]


def test_report_pages_use_a_fixed_number_of_queries(client: Client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get("/public/dadukou-rfb/2025/").status_code == 200


def test_unknown_organs_years_and_versions_are_a_chinese_404(client: Client, published):
    for url in ("/public/nobody/2025/", "/public/dadukou-rfb/2019/", "/public/dadukou-rfb/2025/v2/",
                "/public/dadukou-edu/", "/public/data/2019.csv", "/public/data/2025.txt"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "页面不存在" in response.content.decode()


def test_the_organ_page_charts_from_the_api_with_static_scripts_only(client: Client, published, organs, people):
    insert(organs["rfb"], 2024, people["supervisor"], new_received=30)
    page = client.get("/public/dadukou-rfb/").content.decode()
    assert 'data-src="/api/organs/dadukou-rfb/series"' in page
    assert '<script src="/static/vendor/echarts/echarts.min.js"></script>' in page
    series = client.get("/api/organs/dadukou-rfb/series").json()
    assert series["years"] == [2024, 2025]
    assert series["series"][0]["values"] == [30, 44]
    gov = client.get("/public/dadukou/").content.decode()
    assert 'data-src="/api/organs/dadukou/rollup-series"' in gov
    rollup = client.get("/api/organs/dadukou/rollup-series").json()
    # 2024: rfb only (30); 2025: rfb 44; edu has published nothing — counted as missing, not as zero
    assert rollup["years"] == [2024, 2025] and rollup["organs"] == [1, 1] and rollup["expected"] == 2
    assert rollup["series"][0]["values"] == [30, 44]


def test_the_chart_library_is_served_with_its_licence(client: Client):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/echarts/echarts.min.js")
    assert "Apache License" in open(finders.find("vendor/echarts/LICENSE"), encoding="utf-8").read()


def test_nothing_on_the_public_pages_needs_a_login(client: Client, published):
    for url in ("/public/", "/public/dadukou-rfb/", "/public/dadukou-rfb/2025/", "/public/data/", "/public/api/",
                "/api/reports", "/api/openapi.json"):
        assert client.get(url).status_code == 200, url
    assert Publication.objects.count() == 1


def test_the_api_page_lists_every_operation_from_the_openapi_document(client: Client):
    page = client.get("/public/api/").content.decode()
    for op in ("GET /api/reports", "GET /api/reports/{code}/{year}/versions/{version}/document",
               "GET /api/organs/{code}/rollup-series"):
        assert op in page
    assert "可选 on_time、late、corrected" in page and "2000–2100" in page
