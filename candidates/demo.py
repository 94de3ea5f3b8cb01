"""Demo data for the embedded default: two schools, three cohorts, ~60 candidates in every situation.

Everything is created with get-or-create on natural keys and never updated, so a second run changes nothing
(no new rows, no new history records). The named candidate accounts are the worked examples of the product.
"""
import datetime
import os
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from candidates import rules
from candidates.models import (
    Candidate,
    Cohort,
    Enrolment,
    ExamYear,
    ExcusedYear,
    Province,
    School,
    Sitting,
    StaffMembership,
    SubjectResult,
)
from candidates.models.choices import Education, Level, ResultCode, ResultSource, Specialty, Subject
from candidates.roles import CANDIDATE_GROUP, STAFF_GROUP
from candidates.signals import results_changed
from candidates.validators import id_number_check_character

DEFAULT_PASSWORD = "zhuan-demo"  # noqa: S105 - the documented demo password, overridable
RANDOM_CANDIDATES = 48
D = datetime.date

# The exam year after the last one loaded by migration: sat, results not yet out, so it is the pending sitting.
DEMO_EXAM_YEAR = {
    "year": 2026,
    "registration_opens_on": D(2026, 8, 10),
    "registration_closes_on": D(2026, 8, 25),
    "results_published_on": D(2026, 12, 25),
    "review_notice_on": D(2027, 1, 10),
    "e_certificate_on": D(2027, 3, 1),
    "paper_certificate_from": D(2027, 4, 1),
    "paper_certificate_until": D(2027, 12, 31),
    "notes": "演示数据：日期为估计值 / demo data: approximate dates",
}
DEMO_SITTING = (D(2026, 10, 24), D(2026, 10, 25))

SCHOOLS = [
    ("demo-school-1", "华安注安培训学校", "32"),
    ("demo-school-2", "安达职业培训中心", "44"),
]
COHORTS = [
    ("demo-school-1", "2026 注安全科班", 2026),
    ("demo-school-1", "2026 实务冲刺班", 2026),
    ("demo-school-2", "2026 周末班", 2026),
]
STAFF = [
    ("staff", "demo-school-1", StaffMembership.Role.MANAGER, "王老师"),
    ("teacher", "demo-school-1", StaffMembership.Role.TEACHER, "李老师"),
    ("staff2", "demo-school-2", StaffMembership.Role.MANAGER, "赵老师"),
]


@dataclass(frozen=True)
class DemoCandidate:
    """A named demo account and the situation its results put it in."""

    username: str
    full_name: str
    level: str
    specialty: str
    province: str
    cohort: tuple[str, str]
    situation: str
    results: list[tuple] = field(default_factory=list)  # (year, subject, score or code[, specialty])
    held_specialty: str = ""
    excused: tuple[int, ...] = ()
    voided: tuple[int, str] | None = None  # (exam year, reason)
    attention: str = ""


LAW, MANAGEMENT, TECHNOLOGY, PRACTICE = Subject.LAW, Subject.MANAGEMENT, Subject.TECHNOLOGY, Subject.PRACTICE
SCHOOL1_FULL = ("demo-school-1", "2026 注安全科班")
SCHOOL1_PRACTICE = ("demo-school-1", "2026 实务冲刺班")
SCHOOL2 = ("demo-school-2", "2026 周末班")

NAMED = [
    DemoCandidate(
        "qualified", "陈静", Level.FULL, Specialty.CHEMICAL, "32", SCHOOL1_FULL, "qualified in 2025",
        [(2023, LAW, 72), (2023, MANAGEMENT, 58), (2024, MANAGEMENT, 66), (2024, TECHNOLOGY, 61),
         (2025, PRACTICE, 88)],
    ),
    DemoCandidate(
        "lastchance", "刘洋", Level.FULL, Specialty.CONSTRUCTION, "32", SCHOOL1_FULL,
        "2023 law pass lapses unless practice is passed in 2026",
        [(2023, LAW, 64), (2023, PRACTICE, 41), (2024, MANAGEMENT, 70), (2024, PRACTICE, 55),
         (2025, TECHNOLOGY, 62), (2025, PRACTICE, ResultCode.ABSENT)],
    ),
    DemoCandidate(
        "expired", "张伟", Level.FULL, Specialty.COAL, "14", SCHOOL1_FULL, "2021 law pass expired after 2024",
        [(2021, LAW, 61), (2021, TECHNOLOGY, 45), (2024, MANAGEMENT, 75), (2025, PRACTICE, 52)],
    ),
    DemoCandidate(
        "neversat", "王芳", Level.FULL, Specialty.OTHER, "11", SCHOOL1_PRACTICE, "registered, no results yet",
    ),
    DemoCandidate(
        "exempttwo", "李娜", Level.EXEMPT_TWO, Specialty.METALLURGY, "21", SCHOOL1_PRACTICE,
        "two-year window: the 2025 law pass is in its last year at 2026",
        [(2025, LAW, 68), (2025, PRACTICE, 57)],
    ),
    DemoCandidate(
        "exemptone", "周杰", Level.EXEMPT_ONE, Specialty.ROAD_TRANSPORT, "44", SCHOOL2,
        "three-year window, two passes valid through 2027",
        [(2025, LAW, 63), (2025, MANAGEMENT, 71), (2025, PRACTICE, 49)],
    ),
    DemoCandidate(
        "addspecialty", "吴敏", Level.ADD_SPECIALTY, Specialty.METAL_NONMETAL_MINE, "53", SCHOOL1_PRACTICE,
        "adds a specialty: one-year window for practice only",
        [(2025, PRACTICE, 58)], held_specialty=Specialty.CHEMICAL,
    ),
    DemoCandidate(
        "excused", "郑强", Level.FULL, Specialty.CHEMICAL, "42", SCHOOL1_FULL,
        "excused year 2022 kept the 2021 law pass valid through 2025: qualified in 2025",
        [(2021, LAW, 66), (2023, MANAGEMENT, 62), (2024, TECHNOLOGY, 60), (2025, PRACTICE, 74)], excused=(2022,),
    ),
    DemoCandidate(
        "levelchange", "孙丽", Level.EXEMPT_ONE, Specialty.CONSTRUCTION, "37", SCHOOL2,
        "changed from full to exempt_one: the technology pass no longer counts",
        [(2024, TECHNOLOGY, 70), (2025, LAW, 65), (2025, MANAGEMENT, 67)],
        attention=(
            "级别由“全科”改为“免一科”，请核对报考资格。/ Level changed from full to exempt_one: check eligibility."
        ),
    ),
    DemoCandidate(
        "voided", "马超", Level.FULL, Specialty.CHEMICAL, "32", SCHOOL1_FULL,
        "2024 results voided after a missed on-site review; the 2023 law pass is in its last year",
        [(2023, LAW, 69), (2024, MANAGEMENT, 64), (2024, TECHNOLOGY, 66), (2024, PRACTICE, 71)],
        voided=(2024, "现场核查未到场 / no-show at the on-site review"),
        attention=(
            "2024 年成绩因资格审核未通过被取消，且有更早的合格成绩：请核对。/ 2024 voided with earlier passes: check."
        ),
    ),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平")
PROVINCES = ["11", "31", "32", "33", "37", "42", "44", "51", "61", "65"]


def demo_password() -> str:
    """Return the password of every demo account (DEMO_PASSWORD, default zhuan-demo)."""
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def demo_id_number(province: str, n: int) -> str:
    """Return a valid, stable ID number for the n-th demo candidate of a province."""
    birth = D(1980, 1, 1) + datetime.timedelta(days=97 * n)
    first_17 = f"{province}0102{birth:%Y%m%d}{n % 1000:03d}"
    return first_17 + id_number_check_character(first_17)


def demo_mobile(n: int) -> str:
    return f"139{n:08d}"


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)

    @property
    def total(self) -> int:
        return sum(self.created.values())


class DemoSeeder:
    """Create the demo rows that are missing; never change a row that exists."""

    def __init__(self, password: str):
        self.password = password
        self.report = SeedReport()
        self.admin_user = None

    def user(self, username: str, *, first_name: str = "", group: str | None = None, **flags):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com", "first_name": first_name, **flags}
        )
        if created:
            user.set_password(self.password)
            user.save(update_fields=["password"])
            if group:
                user.groups.add(Group.objects.get(name=group))
        self.report.count("users", created)
        return user

    def calendar(self) -> None:
        values = dict(DEMO_EXAM_YEAR)
        year = values.pop("year")
        exam_year, created = ExamYear.objects.get_or_create(year=year, defaults=values)
        self.report.count("exam years", created)
        _, created = Sitting.objects.get_or_create(
            exam_year=exam_year, starts_on=DEMO_SITTING[0], defaults={"ends_on": DEMO_SITTING[1]}
        )
        self.report.count("sittings", created)

    def schools(self) -> dict:
        cohorts = {}
        for slug, name, province in SCHOOLS:
            _, created = School.objects.get_or_create(
                slug=slug, defaults={"name": name, "province_id": self.province(province).pk,
                                     "contact_email": f"{slug}@example.com"}
            )
            self.report.count("schools", created)
        for username, slug, role, name in STAFF:
            user = self.user(username, first_name=name, group=STAFF_GROUP)
            _, created = StaffMembership.objects.get_or_create(
                user=user, defaults={"school": School.objects.get(slug=slug), "role": role}
            )
            self.report.count("staff memberships", created)
        for slug, name, target in COHORTS:
            cohort, created = Cohort.objects.get_or_create(
                school=School.objects.get(slug=slug), name=name, defaults={"target_exam_year": target}
            )
            cohorts[(slug, name)] = cohort
            self.report.count("cohorts", created)
        return cohorts

    def province(self, code: str) -> Province:
        return Province.objects.get(code=code)

    def candidate(self, *, n: int, full_name: str, level: str, specialty: str, province: str, cohort: Cohort,
                  user=None, held_specialty: str = "", attention: str = "", education: str = "") -> Candidate:
        id_number = demo_id_number(province, n)
        candidate, created = Candidate.objects.get_or_create(
            id_number=id_number,
            defaults={
                "user": user, "full_name": full_name, "mobile": demo_mobile(n), "province": self.province(province),
                "level": level, "specialty": specialty, "held_specialty": held_specialty,
                "email": user.email if user else "", "education": education,
                "needs_attention": bool(attention), "attention_reason": attention,
            },
        )
        self.report.count("candidates", created)
        _, created = Enrolment.objects.get_or_create(
            candidate=candidate, cohort=cohort, defaults={"enrolled_on": D(2026, 3, 1)}
        )
        self.report.count("enrolments", created)
        return candidate

    def result(self, candidate: Candidate, year: int, subject: str, outcome, specialty: str = "",
               voided: tuple[int, str] | None = None) -> None:
        if subject == PRACTICE:
            specialty = specialty or candidate.specialty
        is_code = isinstance(outcome, str)
        void_reason = voided[1] if voided and voided[0] == year else ""
        staff = self.admin_user
        _, created = SubjectResult.objects.get_or_create(
            candidate=candidate, exam_year_id=year, subject=subject, specialty=specialty,
            defaults={
                "score": None if is_code else Decimal(outcome), "code": outcome if is_code else "",
                "source": ResultSource.IMPORT, "entered_by": staff, "verified_by": staff,
                "verified_at": datetime.datetime(year + 1, 1, 15, tzinfo=datetime.UTC),
                "voided": bool(void_reason), "void_reason": void_reason,
            },
        )
        self.report.count("results", created)

    def named_candidates(self, cohorts: dict) -> list[Candidate]:
        made = []
        for n, spec in enumerate(NAMED, start=1):
            user = self.user(spec.username, first_name=spec.full_name, group=CANDIDATE_GROUP)
            candidate = self.candidate(
                n=n, full_name=spec.full_name, level=spec.level, specialty=spec.specialty, province=spec.province,
                cohort=cohorts[spec.cohort], user=user, held_specialty=spec.held_specialty, attention=spec.attention,
                education=Education.BACHELOR,
            )
            for year, subject, outcome, *rest in spec.results:
                self.result(candidate, year, subject, outcome, *rest, voided=spec.voided)
            for year in spec.excused:
                _, created = ExcusedYear.objects.get_or_create(
                    candidate=candidate, exam_year=year,
                    defaults={"reason": ExcusedYear.Reason.APPLICATION, "granted_by": self.admin_user},
                )
                self.report.count("excused years", created)
            made.append(candidate)
        return made

    def random_candidates(self, cohorts: dict) -> list[Candidate]:
        """Create the unnamed candidates, reproducibly from a fixed seed (same rows every run)."""
        rng = random.Random(2026)
        cohort_list = list(cohorts.values())
        levels = [Level.FULL] * 5 + [Level.EXEMPT_ONE, Level.EXEMPT_TWO, Level.ADD_SPECIALTY]
        specialties = list(Specialty.values)
        made = []
        for i in range(RANDOM_CANDIDATES):
            n = 100 + i
            level = rng.choice(levels)
            specialty = rng.choice(specialties)
            held = rng.choice([s for s in specialties if s != specialty]) if level == Level.ADD_SPECIALTY else ""
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            candidate = self.candidate(
                n=n, full_name=name, level=level, specialty=specialty, province=rng.choice(PROVINCES),
                cohort=cohort_list[i % len(cohort_list)], held_specialty=held,
                education=rng.choice(Education.values),
            )
            first_year = rng.choice([2021, 2022, 2023, 2024, 2025, None])
            for year in range(first_year, 2026) if first_year else ():
                for subject in rules.LEVEL_SUBJECTS[rules.Level(level)]:
                    if rng.random() < 0.35:
                        continue  # not sat in that year
                    roll = rng.random()
                    outcome = ResultCode.ABSENT if roll < 0.08 else rng.choice(range(38, 90))
                    self.result(candidate, year, subject, outcome)
            made.append(candidate)
        return made

    @transaction.atomic
    def run(self) -> SeedReport:
        self.admin_user = self.user("admin", first_name="管理员", is_staff=True, is_superuser=True)
        self.calendar()
        cohorts = self.schools()
        candidates = self.named_candidates(cohorts) + self.random_candidates(cohorts)
        from reviews.demo import seed_reviews

        self.report.count("reviews and policies", bool(seed_reviews(admin=self.admin_user)))
        if self.report.created.get("results"):
            ids = [candidate.pk for candidate in candidates]
            transaction.on_commit(lambda: results_changed.send(sender=DemoSeeder, candidate_ids=ids))
        return self.report


ACCOUNTS = [
    ("admin", "superuser: the Django admin at /admin/"),
    ("staff", "manager at 华安注安培训学校 (school 1)"),
    ("teacher", "teacher at 华安注安培训学校 (school 1)"),
    ("staff2", "manager at 安达职业培训中心 (school 2)"),
    *[(spec.username, f"candidate: {spec.situation}") for spec in NAMED],
]


def seed_demo(password: str | None = None) -> SeedReport:
    """Create whatever demo rows are missing, with every account's password `password`."""
    return DemoSeeder(password or demo_password()).run()
