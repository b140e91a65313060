"""One-time tokens hold under concurrency: eight posts of one registration form at the same moment
create exactly one application (the token is consumed in the transaction that writes it)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from ogi.web.applications.models import Application
from ogi.web.conftest import as_user

FORM = {
    "applicant_type": "natural_person", "applicant_name": "李四", "channel": "in_person",
    "received_on": "2025-03-03", "content": "2024年度人防工程建设资金使用情况",
}


def post_at_once(users_clients: list[Client], data: dict) -> list[int]:
    start, statuses = threading.Barrier(len(users_clients)), []

    def post(client: Client) -> None:
        start.wait()
        try:
            statuses.append(client.post("/applications/new/", data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in users_clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_it_creates_one_application_from_eight_parallel_posts_of_one_token(people, flushable_audit):
    clerk = people["clerk"]
    first = as_user(Client(), clerk)
    token = first.get("/applications/new/").context["form"]["token"].value()
    clients = [first] + [as_user(Client(), clerk) for _ in range(7)]
    statuses = post_at_once(clients, {**FORM, "token": token})
    assert Application.objects.filter(applicant_name="李四").count() == 1
    assert statuses.count(302) == 1
    assert statuses.count(409) == 7


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_token_when_the_write_is_refused(people, flushable_audit):
    """A refused form (here: no content) leaves nothing half-saved, and the corrected form goes through."""
    client = as_user(Client(), people["clerk"])
    token = client.get("/applications/new/").context["form"]["token"].value()
    bad = client.post("/applications/new/", {**FORM, "received_on": "2001-01-01", "token": token})
    assert bad.status_code == 400
    assert Application.objects.count() == 0
    good = client.post("/applications/new/", {**FORM, "token": token})
    assert good.status_code == 302
    assert Application.objects.count() == 1


def test_it_refuses_a_token_of_another_user(client, people):
    token = as_user(client, people["clerk"]).get("/applications/new/").context["form"]["token"].value()
    head = as_user(Client(), people["head"])
    assert head.post("/applications/new/", {**FORM, "token": token}).status_code == 409
    assert Application.objects.count() == 0
