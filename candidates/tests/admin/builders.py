"""One builder per model registered in the admin: `BUILDERS[model](i)` creates the i-th distinct row."""
import datetime

from axes import models as axes
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_celery_beat import models as beat

from candidates import models
from candidates.models.notifications import NotificationKind
from candidates.tests import factories

FIRST_FREE_EXAM_YEAR = 2030


def candidate(i):
    return factories.CandidateFactory(full_name=f"列表考生{i}")


def exam_year(i):
    return models.ExamYear.objects.create(year=FIRST_FREE_EXAM_YEAR + i)


def sitting(i):
    year = exam_year(i)
    day = datetime.date(year.year, 10, 25)
    return models.Sitting.objects.create(exam_year=year, starts_on=day, ends_on=day + datetime.timedelta(days=1))


def pass_mark(i):
    return models.PassMark.objects.create(exam_year=exam_year(i), subject=models.choices.Subject.LAW, pass_mark=55)


def province(i):
    return models.Province.objects.create(code=f"9{chr(ord('a') + i)}", name_zh=f"测试省{i}", name_en=f"Test {i}")


def school(i):
    return factories.SchoolFactory(name=f"学校{i}", slug=f"list-school-{i}")


def staff_membership(i):
    return factories.StaffMembershipFactory(school=school(i), user__username=f"list-staff-{i}")


def cohort(i):
    return factories.CohortFactory(school=school(i), name=f"班级{i}")


def enrolment(i):
    return factories.EnrolmentFactory(candidate=candidate(i), cohort=cohort(i))


def excused_year(i):
    return factories.ExcusedYearFactory(candidate=candidate(i), granted_by=factories.UserFactory(username=f"grant{i}"))


def subject_result(i):
    result = factories.SubjectResultFactory(candidate=candidate(i), entered_by=factories.UserFactory(username=f"e{i}"))
    return result


def expiry_flag(i):
    return models.ExpiryFlag.objects.create(
        candidate=candidate(i), subject=models.choices.Subject.LAW, pass_year=2021,
        kind=models.ExpiryFlag.Kind.LAST_CHANCE, valid_through=2024,
    )


def notification(i):
    return models.Notification.objects.create(
        recipient=factories.UserFactory(username=f"recipient{i}"), kind=NotificationKind.GENERAL,
        event_key=f"test:{i}", title=f"通知{i}",
    )


def notification_preference(i):
    return models.NotificationPreference.objects.create(
        user=factories.UserFactory(username=f"pref{i}"), kind=NotificationKind.GENERAL, by_email=False,
    )


def import_upload(i):
    return models.ImportUpload.objects.create(
        school=school(i), exam_year=models.ExamYear.objects.get(year=2024), file=f"imports/test-{i}.csv",
        original_name=f"成绩{i}.csv", uploaded_by=factories.UserFactory(username=f"uploader{i}"),
    )


def _login_trace(i):
    return {"user_agent": "pytest", "ip_address": f"10.0.0.{i + 1}", "username": f"guess{i}", "http_accept": "*/*",
            "path_info": "/accounts/login/"}


def access_attempt(i):
    return axes.AccessAttempt.objects.create(**_login_trace(i), get_data="", post_data="", failures_since_start=1)


def access_failure_log(i):
    return axes.AccessFailureLog.objects.create(**_login_trace(i))


def access_log(i):
    return axes.AccessLog.objects.create(**_login_trace(i))


def user(i):
    return factories.UserFactory(username=f"listed-user-{i}")


def group(i):
    return Group.objects.create(name=f"group {i}")


def interval(i):
    return beat.IntervalSchedule.objects.create(every=i + 1, period=beat.IntervalSchedule.DAYS)


def crontab(i):
    return beat.CrontabSchedule.objects.create(minute=str(i % 60), hour="3")


def solar(i):
    return beat.SolarSchedule.objects.create(event="sunrise", latitude=30 + i / 100, longitude=120)


def clocked(i):
    return beat.ClockedSchedule.objects.create(clocked_time=timezone.now() + datetime.timedelta(days=i))


def periodic_task(i):
    return beat.PeriodicTask.objects.create(name=f"task {i}", task="zhuan.test", interval=interval(i))


def review_policy(i):
    from reviews.models import ReviewPolicy

    return ReviewPolicy.objects.create(exam_year_id=2024, province=province(i), mode="online")


def review(i):
    from reviews.models import Review

    return Review.objects.create(candidate=candidate(i), exam_year_id=2024, state="materials_due")


def material(i):
    from reviews.models import Material

    return Material.objects.create(review=review(i), item="identity", file=f"reviews/test-{i}",
                                   original_name=f"id{i}.pdf", content_type="application/pdf")


def certificate(i):
    from reviews.models import Certificate

    return Certificate.objects.create(review=review(i), kind="qualification", specialty="chemical")


BUILDERS = {
    models.Candidate: candidate,
    models.Cohort: cohort,
    models.Enrolment: enrolment,
    models.ExamYear: exam_year,
    models.ExcusedYear: excused_year,
    models.ExpiryFlag: expiry_flag,
    models.ImportUpload: import_upload,
    models.Notification: notification,
    models.NotificationPreference: notification_preference,
    models.PassMark: pass_mark,
    models.Province: province,
    models.School: school,
    models.Sitting: sitting,
    models.StaffMembership: staff_membership,
    models.SubjectResult: subject_result,
    User: user,
    axes.AccessAttempt: access_attempt,
    axes.AccessFailureLog: access_failure_log,
    axes.AccessLog: access_log,
    Group: group,
    beat.ClockedSchedule: clocked,
    beat.CrontabSchedule: crontab,
    beat.IntervalSchedule: interval,
    beat.PeriodicTask: periodic_task,
    beat.SolarSchedule: solar,
}


def _review_builders():
    from reviews import models as reviews

    return {reviews.ReviewPolicy: review_policy, reviews.Review: review, reviews.Material: material,
            reviews.Certificate: certificate}


BUILDERS.update(_review_builders())
