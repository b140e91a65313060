"""``ogi demo``: an organ tree, users, and a year and a half of realistic register entries.

Everything goes through the services (so due dates, timelines and the audit trail are real). The
applicants are invented (张某 style names, 1380000xxxx numbers): no real personal data. Deterministic
for a given "today" (seeded random numbers).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from ogi.fees import per_page
from ogi.web.applications.models import Application
from ogi.web.organs.models import Membership, Organ

from .appeals import services as appeal_services
from .applications import services
from .letters import demo as letters_demo
from .portal import demo as portal_demo
from .reports import services as records
from .workcalendar.days import db_calendar, pinned_calendar

GOV = ("dadukou", "重庆市大渡口区人民政府", "government")
DEPARTMENTS = (
    ("dadukou-rfb", "重庆市大渡口区人民防空办公室", 30),
    ("dadukou-edu", "重庆市大渡口区教育委员会", 45),
    ("dadukou-ghzy", "重庆市大渡口区规划和自然资源局", 70),
    ("dadukou-zjw", "重庆市大渡口区住房和城乡建设委员会", 55),
    ("dadukou-scjg", "重庆市大渡口区市场监督管理局", 35),
)
TOWNSHIPS = (
    ("dadukou-tdz", "重庆市大渡口区跳磴镇人民政府", 15),
    ("dadukou-bqz", "重庆市大渡口区八桥镇人民政府", 12),
)
GOV_YEARLY = 40
TOPICS = (
    "{y}年度本单位部门预算及“三公”经费使用情况",
    "某项目征收补偿安置方案及补偿标准",
    "{y}年度行政处罚决定书（某公司）",
    "某小区人防工程竣工验收备案材料",
    "某地块国有建设用地使用权出让批准文件",
    "{y}年度学校招生划片范围及依据",
    "某道路改造工程立项批复及环评文件",
    "本单位{y}年度重大行政决策事项目录",
    "某企业营业执照登记及年报信息",
    "某老旧小区改造项目实施方案",
    "某信访事项的处理意见书",
    "{y}年度人防工程易地建设费收取标准及依据",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
ORG_NAMES = {
    "org_commercial": "重庆某某实业有限公司",
    "org_research": "某某研究院",
    "org_public_welfare": "某某环保公益服务中心",
    "org_legal_service": "重庆某某律师事务所",
    "org_other": "某某业主委员会",
}
APPLICANT_WEIGHTS = {"natural_person": 70, "org_commercial": 12, "org_research": 2, "org_public_welfare": 3,
                     "org_legal_service": 8, "org_other": 5}
CHANNEL_WEIGHTS = {"online": 45, "post": 20, "in_person": 15, "email": 10, "ordinary_mail": 6, "fax": 4}
OUTCOME_WEIGHTS = {
    "r_open": 42, "r_partial": 9, "r_deny_third_party": 3, "r_deny_process_info": 3, "r_deny_internal_affairs": 2,
    "r_deny_enforcement_file": 1, "r_deny_admin_inquiry": 1, "r_deny_law_prohibited": 1,
    "r_unable_not_held": 16, "r_unable_need_creation": 5, "r_noproc_petition": 5, "r_noproc_duplicate": 3,
    "r_noproc_publication": 1, "r_noproc_confirm": 1, "r_other_other": 2,
}
REASONS = {
    "r_partial": "申请内容中涉及个人隐私的部分不予公开，其余部分予以公开（条例第三十七条）",
    "r_unable_not_held": "经检索，本机关未制作或获取该信息（条例第三十六条第四项）",
    "r_unable_need_creation": "需要对现有信息进行加工、分析，不予提供（条例第三十八条）",
    "r_noproc_petition": "申请实为信访诉求，已告知通过信访渠道反映（条例第三十九条）",
    "r_noproc_duplicate": "申请人重复申请相同信息，本机关已作出答复（条例第三十六条第六项）",
    "r_noproc_publication": "所申请信息为公开出版物，已告知获取途径（条例第三十九条）",
    "r_noproc_confirm": "申请人要求确认已获取的信息，不作为政府信息公开申请处理",
    "r_other_other": "申请人主动撤回申请",
}
ROLES_PRINTED = (("admin", "dadukou", "admin"), ("clerk", "dadukou-rfb", "clerk"), ("head", "dadukou-rfb", "head"),
                 ("supervisor", "dadukou", "supervisor"), ("auditor", "dadukou-rfb", "auditor"))


@dataclass
class Login:
    username: str
    password: str
    role: str
    organ: str


def build_demo(today: date, seed: int = 2026) -> list[Login]:
    """Create the whole demo in an empty database; returns the printed logins."""
    rng = random.Random(seed)
    with transaction.atomic():
        organs = _organs()
        logins = _printed_users(organs)
        staff = {code: _staff(organ) for code, organ in organs.items()}
    with pinned_calendar():
        for code, organ in organs.items():
            volume = _volume(code)
            for year in (today.year - 1, today.year):
                _applications(rng, organ, staff[code], year, volume, today)
                _appeals(rng, organ, staff[code][0], year, today)
                _proactive(rng, organ, staff[code][0], year, today)
            _showcase(rng, organ, staff[code], today)
        letters_demo.build(organs, {code: s[0] for code, s in staff.items()}, today)
        portal_demo.build(organs, {code: s[0] for code, s in staff.items()}, User.objects.get(username="supervisor"), today)
    return logins


def _volume(code: str) -> int:
    return {c: n for c, _, n in DEPARTMENTS + TOWNSHIPS}.get(code, GOV_YEARLY)


def _organs() -> dict[str, Organ]:
    gov = Organ.objects.create(code=GOV[0], name=GOV[1], kind=GOV[2])
    out = {gov.code: gov}
    for code, name, _ in DEPARTMENTS:
        out[code] = Organ.objects.create(code=code, name=name, kind="department", parent=gov)
    for code, name, _ in TOWNSHIPS:
        out[code] = Organ.objects.create(code=code, name=name, kind="township", parent=gov)
    return out


def _printed_users(organs: dict[str, Organ]) -> list[Login]:
    logins = []
    for username, code, role in ROLES_PRINTED:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(username, password=password, is_staff=role == "admin",
                                        is_superuser=role == "admin")
        Membership.objects.create(user=user, organ=organs[code], role=role)
        logins.append(Login(username, password, Membership.Role(role).label, organs[code].name))
    return logins


def _staff(organ: Organ) -> tuple[User, User]:
    """The clerk and the head who act for an organ (the printed ones for 人防办, login-less elsewhere)."""
    found = {m.role: m.user for m in Membership.objects.filter(organ=organ, role__in=("clerk", "head"))}
    for role in ("clerk", "head"):
        if role not in found:
            user = User.objects.create_user(f"{role}-{organ.code}")
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, organ=organ, role=role)
            found[role] = user
    return found["clerk"], found["head"]


# ---------------------------------------------------------------- applications


def _applications(rng: random.Random, organ: Organ, staff: tuple[User, User], year: int, per_year: int, today: date) -> None:
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    share = (end - start).days / 365
    calendar = db_calendar()
    days = [d for d in calendar.workdays_of(year) if start <= d <= end]
    for received in sorted(rng.choice(days) for _ in range(round(per_year * share))):
        try:
            app = services.register(staff[0], organ, **_details(rng, received))
        except ValidationError:  # the same invented applicant, topic and day drawn twice
            continue
        _lifecycle(rng, app, staff, today)


def _details(rng: random.Random, received: date) -> dict:
    kind = _pick(rng, APPLICANT_WEIGHTS)
    name = rng.choice(SURNAMES) + "某" + ("某" if rng.random() < 0.5 else "") if kind == "natural_person" else ORG_NAMES[kind]
    return {
        "applicant_type": kind, "applicant_name": name, "channel": _pick(rng, CHANNEL_WEIGHTS),
        "received_on": received, "content": rng.choice(TOPICS).format(y=received.year - 1),
        "applicant_contact": f"1380000{rng.randrange(10000):04d}", "form_requested": rng.choice(("纸质", "电子邮件", "光盘")),
    }


def _lifecycle(rng: random.Random, app: Application, staff: tuple[User, User], today: date) -> None:
    clerk, head = staff
    step = _Stepper(rng, app, today)
    if rng.random() < 0.15:
        if not step.go(services.request_correction, clerk, 1, 5, note="请明确所需信息的名称、文号或者其他特征描述"):
            return
        if rng.random() < 0.3:
            step.go(services.answer, clerk, 16, 22, outcome="r_other_no_correction")  # after the 15-day period
            return
        if not step.go(services.receive_correction, clerk, 2, 8):
            return
    if rng.random() < 0.1:
        if not step.go(services.start_pause, clerk, 2, 6, kind=rng.choice(("third_party", "other_organ")),
                       note="书面征求意见"):
            return
        if not step.go(services.end_pause, clerk, 5, 15):
            return
    if rng.random() < 0.06 and step.go(
        services.request_extension, clerk, 10, 16, days=rng.choice((10, 15, 20)), reason="需要调取、核查档案资料",
    ):
        if rng.random() < 0.8:
            step.go(services.decide_extension, head, 1, 2, approve=True)
        else:
            step.go(services.decide_extension, head, 1, 2, approve=False, note="理由不充分，请在原期限内答复")
    if rng.random() < 0.03:
        pages = rng.choice((45, 60, 120))
        if not step.go(services.fee_notice, clerk, 3, 8, method="per_page", pages=pages, confirmed=per_page(pages)):
            return
        if rng.random() < 0.3:
            step.go(services.answer, clerk, 22, 25, outcome="r_other_fee_unpaid")
            return
        if not step.go(services.fee_paid, clerk, 3, 15):
            return
    outcome = _pick(rng, OUTCOME_WEIGHTS)
    step.go(services.answer, clerk, 5, 24, outcome=outcome, reason=REASONS.get(outcome, _deny_reason(outcome)))


def _showcase(rng: random.Random, organ: Organ, staff: tuple[User, User], today: date) -> None:
    """Cases every dashboard should show: carried over the new year, overdue, due soon, waiting."""
    clerk = staff[0]
    back = _Back(today)
    year_end = max(d for d in db_calendar().workdays_of(today.year - 1))
    app = _register(rng, organ, clerk, year_end)
    if app is not None:
        services.answer(clerk, app, app.version, on=back.calendar.add_workdays(year_end, 8), outcome="r_open")
    for received, then in (
        (back(24), None), (back(18), "extension"), (back(4), "correction"), (back(10), "pause"), (back(1), None),
    ):
        app = _register(rng, organ, clerk, received)
        if app is None or then is None:
            continue
        if then == "correction":
            services.request_correction(clerk, app, app.version, on=back(2), note="请补充所需信息的文号或时间范围")
        elif then == "extension":  # waiting on the head's dashboard
            services.request_extension(clerk, app, app.version, on=back(1), days=10, reason="需协调其他部门提供材料")
        else:
            services.start_pause(clerk, app, app.version, kind="third_party", on=back(3), note="书面征求第三方意见")


class _Back:
    """The date ``n`` working days before today."""

    def __init__(self, today: date) -> None:
        self.calendar, self.today = db_calendar(), today

    def __call__(self, n: int) -> date:
        days = [d for y in (self.today.year - 1, self.today.year) for d in self.calendar.workdays_of(y) if d < self.today]
        return days[-n]


def _register(rng: random.Random, organ: Organ, clerk: User, received: date) -> Application | None:
    try:
        return services.register(clerk, organ, **_details(rng, received))
    except ValidationError:
        return None


def _deny_reason(outcome: str) -> str:
    return "" if outcome == "r_open" else "依据条例第十四条至第十六条的规定不予公开，已书面说明理由"


class _Stepper:
    """Takes the next step a few working days after the last, unless that day is still to come."""

    def __init__(self, rng: random.Random, app: Application, today: date) -> None:
        self.rng, self.app, self.today = rng, app, today
        self.last = app.received_on
        self.calendar = db_calendar()

    def go(self, action, user: User, lo: int, hi: int, **kwargs) -> bool:  # noqa: ANN001
        on = self.calendar.add_workdays(self.last, self.rng.randint(lo, hi))
        if on > self.today:
            return False
        try:
            self.app = action(user, self.app, self.app.version, on=on, **kwargs)
        except ValidationError:  # e.g. an extension drawn after the deadline: the case goes on without it
            return False
        self.last = on
        return True


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# ---------------------------------------------------------------- appeals, proactive counts, texts


def _appeals(rng: random.Random, organ: Organ, clerk: User, year: int, today: date) -> None:
    refused = list(
        Application.objects.filter(organ=organ, answered_on__year=year)
        .exclude(outcome__in=("r_open", "r_other_other")).order_by("answered_on")
    )
    for app in rng.sample(refused, k=min(len(refused), rng.choice((0, 1, 1, 2, 3)))):
        filed = app.answered_on + timedelta(days=rng.randint(10, 50))
        if filed > today:
            continue
        kind = rng.choices(["review", "litigation_direct", "litigation_after_review"], weights=[6, 2, 1])[0]
        body = "重庆市大渡口区人民政府" if kind == "review" else "重庆市大渡口区人民法院"
        appeal = appeal_services.record_appeal(clerk, organ, kind=kind, filed_on=filed, application=app,
                                       case_number=f"（{filed.year}）渝{rng.randint(100, 999)}号", body=body)
        decided = filed + timedelta(days=rng.randint(40, 120))
        if decided <= today:
            result = rng.choices(["upheld", "corrected", "other"], weights=[7, 2, 1])[0]
            appeal_services.decide_appeal(clerk, appeal, appeal.version, result=result, decided_on=decided)


def _proactive(rng: random.Random, organ: Organ, clerk: User, year: int, today: date) -> None:
    if year == today.year:
        return  # counted at the year's end
    normative = rng.randint(2, 12)
    values = {
        "s2.art20_1.normative_documents.issued": normative,
        "s2.art20_1.normative_documents.repealed": rng.randint(0, 3),
        "s2.art20_1.normative_documents.in_force": normative + rng.randint(10, 40),
        "s2.art20_5.admin_licensing.decisions": rng.randint(0, 400),
        "s2.art20_6.admin_penalty.decisions": rng.randint(0, 120),
        "s2.art20_6.admin_coercion.decisions": rng.randint(0, 10),
        "s2.art20_8.admin_fees.amount_wan_yuan": f"{rng.randint(0, 5000) / 100:.2f}",
    }
    if organ.kind == "government":
        values["s2.art20_1.regulations.issued"] = 0
    records.set_proactive_counts(clerk, organ, year, values)
    records.set_report_text(clerk, organ, year, "s1", f"{year}年，{organ.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                            "围绕中心工作做好主动公开、依申请公开和平台建设等工作。")
    records.set_report_text(clerk, organ, year, "s5", "存在的主要问题：依申请公开答复规范化水平有待提高。改进措施：加强业务培训，规范答复文书。")
