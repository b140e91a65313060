"""The read-only JSON API: the published report is exactly what ``ogi parse --json`` prints for the
version's DOCX download (the real command, run on the downloaded file under its download name);
the index, versions, errors in Chinese; bulk open data with the columns of ``ogi dataset``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from ogi import dataset
from ogi.web.portal import services
from ogi.web.portal.models import Publication

from .helpers import document, insert
from .test_publication import at

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture
def published(organs, people):
    return services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name),
                                     when=at(2026, 1, 20))


def ogi_parse_json(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "ogi", "parse", "--json", path.name], cwd=path.parent,
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_apis_report_is_ogi_parse_json_of_its_docx_download(client: Client, published, tmp_path):
    api = client.get("/api/reports/dadukou-rfb/2025").json()
    docx = client.get(next(f["url"] for f in api["files"] if f["kind"] == "docx"))
    name = published.file_name("docx")
    assert name in docx["Content-Disposition"] or "filename*" in docx["Content-Disposition"]
    path = tmp_path / name
    path.write_bytes(docx.content)
    parsed = ogi_parse_json(path)
    assert parsed == api["document"]
    assert client.get("/api/reports/dadukou-rfb/2025/versions/1/document").json() == parsed
    assert api["sha256"] == published.sha256 and api["version"] == 1 and api["newest_version"] == 1
    assert api["figures"]["new_received"] == 44 and api["lateness"] == "按期公开"


def test_the_index_and_versions(client: Client, published, organs, people):
    services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name),
                              correction_note="更正文字", when=at(2026, 2, 2))
    insert(organs["edu"], 2025, people["supervisor"])
    index = client.get("/api/reports?year=2025").json()
    assert index["count"] == 2 and [i["version"] for i in index["items"]] == [2, 1]  # by organ name
    assert client.get("/api/reports?status=corrected").json()["count"] == 1
    assert client.get("/api/reports?q=教育").json()["items"][0]["organ_code"] == "dadukou-edu"
    versions = client.get("/api/reports/dadukou-rfb/2025/versions").json()
    assert [(v["version"], v["corrects_version"], v["correction_note"]) for v in versions] == [
        (1, None, ""), (2, 1, "更正文字")]
    assert client.get("/api/reports/dadukou-rfb/2025/versions/1").json()["newest_version"] == 2
    assert client.get("/api/years").json() == [2025]


def test_errors_are_chinese_and_never_500(client: Client, published):
    missing = client.get("/api/reports/dadukou-rfb/2019")
    assert missing.status_code == 404 and "没有已公开的 2019 年度报告" in missing.json()["detail"]
    assert client.get("/api/reports/dadukou-rfb/99999999999999999999").status_code == 422
    assert client.get("/api/reports?page=0").status_code == 422
    assert client.get("/api/reports/a%2Fb/2025").status_code in (404, 422)
    assert client.get("/api/organs/nobody/series").status_code == 404


def test_the_openapi_document_describes_every_path(client: Client):
    doc = client.get("/api/openapi.json").json()
    assert doc["info"]["title"].startswith("政府信息公开工作年度报告")
    for path in ("/api/reports", "/api/reports/{code}/{year}", "/api/reports/{code}/{year}/versions/{version}/document",
                 "/api/organs/{code}/series"):
        assert path in doc["paths"]


def test_bulk_files_have_the_columns_of_ogi_dataset(client: Client, published, organs, people):
    insert(organs["edu"], 2025, people["supervisor"])
    response = client.get("/public/data/2025.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == dataset.columns()
    assert [r["organ"] for r in rows] == [organs["rfb"].name, organs["edu"].name] or len(rows) == 2
    by_source = {r["source"]: r for r in rows}
    rfb = by_source["/public/dadukou-rfb/2025/v1/"]
    assert (rfb["year"], rfb["status"], rfb["s3.new_received.total"], rfb["s3.r_open.total"]) == ("2025", "ok", "44", "23")
    xlsx = client.get("/public/data/2025.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/public/data/2025.parquet").content))
    assert table.num_rows == 2 and table.column_names == dataset.columns()


def test_a_bulk_file_follows_a_new_publication(client: Client, published, organs, people):
    before = client.get("/public/data/2025.csv").content
    insert(organs["edu"], 2025, people["supervisor"])
    after = client.get("/public/data/2025.csv").content
    assert after != before and after.decode("utf-8-sig").count("\n") == 3
    assert Publication.objects.filter(year=2025).count() == 2
