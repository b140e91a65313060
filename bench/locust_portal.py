"""The locust clients of ``bench_portal.py``: anonymous readers of the public portal (no think time)."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, constant, task

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
YEAR = TARGETS["year"]
URLS = {
    "index": lambda: "/public/",
    "index year": lambda: f"/public/?year={YEAR}",
    "index filtered": lambda: random.choice(("/public/?kind=government", "/public/?status=late",
                                             "/public/?status=corrected")),
    "index search": lambda: f"/public/?q={random.choice(('第3区', '第12局', '人民政府', '不存在'))}",
    "index page 30": lambda: "/public/?page=30",
    "report": lambda: f"/public/{random.choice(TARGETS['codes'])}/{YEAR}/",
}


class Reader(HttpUser):
    wait_time = constant(0)

    @task(4)
    def index(self) -> None:
        name = random.choice(tuple(n for n in URLS if n != "report"))
        self.client.get(URLS[name](), name=name)

    @task(1)
    def report(self) -> None:
        self.client.get(URLS["report"](), name="report")
