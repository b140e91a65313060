"""What the public pages show: the organ tree, and an application's steps — never the applicant's data."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from ogi import letters as law
from ogi.web.applications.choices import EventKind, Status
from ogi.web.applications.models import Application
from ogi.web.letters import services as letters
from ogi.web.letters.models import Letter
from ogi.web.organs.models import Organ

NOT_FOUND = "没有找到与该查询码和查询密码对应的申请，请核对后重试（查询码和查询密码在提交申请时给出）"

# The steps the applicant is told of; the register's internal steps (an edit, a file added, a request for
# an extension not yet decided) are the organ's own.
PUBLIC_STEPS = (
    EventKind.SUBMITTED_ONLINE, EventKind.REGISTERED, EventKind.RECEIPT_CONFIRMED, EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED, EventKind.PAUSE_STARTED, EventKind.PAUSE_ENDED, EventKind.EXTENDED,
    EventKind.FEE_NOTICE, EventKind.FEE_PAID, EventKind.ANSWERED,
)


@dataclass(frozen=True)
class OrganRow:
    organ_id: int
    code: str
    name: str
    depth: int
    path: str  # the names above it, for a search result

    @property
    def indent(self) -> int:
        return min(self.depth, 4)


def organ_tree(q: str = "") -> list[OrganRow]:
    """Every organ in tree order (children under their parent, by code), or those matching ``q`` — one query."""
    organs = list(Organ.objects.order_by("code").values_list("pk", "code", "name", "parent_id"))
    children: dict[int | None, list] = {}
    ids = {pk for pk, *_ in organs}
    for row in organs:
        children.setdefault(row[3] if row[3] in ids else None, []).append(row)
    out: list[OrganRow] = []

    def walk(parent: int | None, depth: int, above: list[str]) -> None:
        for pk, code, name, _ in children.get(parent, []):
            out.append(OrganRow(pk, code, name, depth, " › ".join(above)))
            walk(pk, depth + 1, [*above, name])

    walk(None, 0, [])
    if q:
        words = q.lower().split()
        out = [r for r in out if all(_matches(w, r.name.lower(), r.code.lower()) for w in words)]
    return out


def _matches(word: str, name: str, code: str) -> bool:
    """A word in the code, or its characters in order in the name: Chinese short names leave characters
    out (人防办 for 人民防空办公室, 区教委 for 区教育委员会)."""
    if word in code:
        return True
    rest = iter(name)
    return all(c in rest for c in word)


def organ_path(organ: Organ) -> str:
    names, seen, o = [], set(), organ.parent
    while o is not None and o.pk not in seen:
        seen.add(o.pk)
        names.append(o.name)
        o = o.parent
    return " › ".join(reversed(names))


def status(app: Application) -> dict:
    """The status page of a tracked application: its organ, number, state, dates and steps, and its letters."""
    events = [e for e in app.events.order_by("on", "id") if e.kind in PUBLIC_STEPS]
    return {
        "app": app,
        "waiting": app.status == Status.AWAITING_CONFIRMATION,
        "steps": [(e.on, EventKind(e.kind).label) for e in events],
        "letters": letters_of(app),
    }


@dataclass(frozen=True)
class PublicLetter:
    pk: int
    title: str
    number: str
    issued_on: object

    @property
    def url(self) -> str:
        return reverse("applicant:letter", args=[self.pk])


def letters_of(app: Application) -> list[PublicLetter]:
    """The letters in force addressed to the applicant (not those to a third party or another organ)."""
    return [PublicLetter(x.pk, x.title, x.docno, x.issued_on) for x in letters.latest_letters(app) if x.to == law.APPLICANT]


def applicant_letter(app: Application, pk: int):  # noqa: ANN201
    """One of those letters, or None."""
    return Letter.objects.filter(pk=pk, application=app, to=law.APPLICANT, corrections__isnull=True).first()
