"""The locust users of ``bench_load.py``: a clerk and a supervisor going over the main pages.

Read by ``locust -f``; the targets (logins, organ codes, application ids) come from the JSON file named
by ``$BENCH_TARGETS``; each simulated user starts with a logged-in session of its own. ``$BENCH_PAGE`` set: one page only, no think time (saturation runs).
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, constant, task

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
ONLY = os.environ.get("BENCH_PAGE")
YEAR = TARGETS["year"]


def pages(who: dict) -> dict:
    """Page name → a function giving a URL to fetch for this user."""
    return {
        "dashboard": lambda: "/",
        "register filtered": lambda: random.choice(("/applications/?due=overdue", "/applications/?status=answered&applicant_type=natural_person")),
        "register search": lambda: f"/applications/?q={random.choice(who['searches'])}",
        "application": lambda: f"/applications/{random.choice(who['applications'])}/",
        "report": lambda: f"/organs/{who['organ']}/{YEAR}/report/{'?children=1' if who['children'] else ''}",
    }


class Person(HttpUser):
    abstract = True
    wait_time = constant(0) if ONLY else between(1, 3)
    who: dict = {}
    counter = itertools.count()

    def on_start(self) -> None:
        sessions = self.who["sessions"]
        self.client.cookies.set("sessionid", sessions[next(self.counter) % len(sessions)])
        self.urls = pages(self.who)

    @task
    def browse(self) -> None:
        name = ONLY or random.choice(list(self.urls))
        self.client.get(self.urls[name](), name=name)


class Clerk(Person):
    who = TARGETS["clerk"]


class Supervisor(Person):
    who = TARGETS["supervisor"]
