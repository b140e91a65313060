"""Confirming an online application's receipt issues its 登记回执 (the letters' service) in the same
transaction; the applicant's status page lists the letters to the applicant and serves their PDF to the
browser that opened the case with the code and secret — to nobody else."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ogi.web.applicant.presenters import letters_of
from ogi.web.applications import services as applications
from ogi.web.applications.models import Application
from ogi.web.letters.models import Letter, LetterTemplate

from .conftest import codes_of

pytestmark = pytest.mark.django_db
TRACK = "/track/"


def _confirm(people):
    app = Application.objects.get()
    return applications.confirm_receipt(people["clerk"], app, app.version, on=timezone.localdate())


def test_confirming_receipt_issues_the_receipt_letter(post_application, people):
    post_application()
    app = _confirm(people)
    receipt = Letter.objects.get(application=app)
    assert receipt.kind == "receipt" and receipt.issued_on == app.received_on == timezone.localdate()
    assert receipt.docno and receipt.pdf.name.endswith(".pdf") and receipt.to == "applicant"
    assert [x.title for x in letters_of(app)] == [receipt.title]


def test_a_receipt_that_cannot_be_issued_leaves_the_application_awaiting_confirmation(post_application, people, organs):
    post_application()
    LetterTemplate.objects.create(organ=organs["rfb"], key="receipt", body="{% if %}坏模板")
    with pytest.raises(ValidationError, match="模板"):
        _confirm(people)
    app = Application.objects.get()
    assert app.status == "awaiting_confirmation" and app.received_on is None and app.due_date is None
    assert not Letter.objects.exists() and not app.events.filter(kind="receipt_confirmed").exists()


def test_the_status_page_lists_the_letters_and_serves_their_pdf_to_that_browser_only(client, post_application, people):
    code, secret = codes_of(post_application())
    app = _confirm(people)
    receipt = Letter.objects.get(application=app)
    stranger = Client()
    url = f"/track/letters/{receipt.pk}/"
    assert stranger.get(url).status_code == 404  # no code and secret shown in this browser
    fresh = Client()
    page = fresh.post(TRACK, {"code": code, "secret": secret}).content.decode()
    assert receipt.title in page and receipt.docno in page and url in page
    pdf = fresh.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert "no-store" in pdf["Cache-Control"]
    assert stranger.get(url).status_code == 404
    assert fresh.get("/track/letters/999999/").status_code == 404


def test_a_letter_to_a_third_party_is_not_shown_to_the_applicant(client, post_application, people):
    from ogi.web.letters import services as letters

    code, secret = codes_of(post_application())
    app = _confirm(people)
    app = Application.objects.get(pk=app.pk)
    letters.issue(people["clerk"], app, "third_party_consult", version=app.version, on=timezone.localdate(),
                  third_party="重庆某某建设有限公司")
    consult = Letter.objects.get(kind="third_party_consult")
    page = client.post(TRACK, {"code": code, "secret": secret}).content.decode()
    assert consult.title not in page and "重庆某某建设有限公司" not in page
    assert client.get(f"/track/letters/{consult.pk}/").status_code == 404
