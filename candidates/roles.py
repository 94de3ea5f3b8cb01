"""Who a user is in zhuan: administrator, staff of one school, or candidate. Answers are cached on the user."""
from django.contrib.auth.models import AnonymousUser

ADMINISTRATOR_GROUP = "administrator"
STAFF_GROUP = "school_staff"
CANDIDATE_GROUP = "candidate"


def is_administrator(user) -> bool:
    """Return whether `user` runs the whole site (superuser or in the administrator group)."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_zhuan_is_administrator"):
        user._zhuan_is_administrator = user.groups.filter(name=ADMINISTRATOR_GROUP).exists()
    return user._zhuan_is_administrator


def _membership(user):
    """Return the user's staff membership with its school (one query, cached on the user), or None."""
    if not hasattr(user, "_zhuan_membership"):
        from candidates.models import StaffMembership

        user._zhuan_membership = StaffMembership.objects.filter(user=user).select_related("school").first()
    return user._zhuan_membership


def school_of(user):
    """Return the school `user` is staff of, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    membership = _membership(user)
    return membership.school if membership is not None else None


def staff_role(user) -> str | None:
    """Return the staff role of `user` at their school ("manager" or "teacher"), or None."""
    if school_of(user) is None:
        return None
    return _membership(user).role


def candidate_of(user):
    """Return the candidate record `user` logs in to, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_zhuan_candidate"):
        from candidates.models import Candidate

        user._zhuan_candidate = Candidate.objects.filter(user=user).select_related("province").first()
    return user._zhuan_candidate


def is_school_staff(user) -> bool:
    """Return whether `user` is staff of a training school."""
    return school_of(user) is not None


STAFF_PERMISSIONS = {
    "candidates": [
        "view_candidate", "add_candidate", "change_candidate",
        "view_subjectresult", "add_subjectresult", "change_subjectresult",
        "view_cohort", "add_cohort", "change_cohort",
        "view_enrolment", "add_enrolment", "change_enrolment",
        "view_expiryflag",
    ],
}


def ensure_role_groups(sender=None, **kwargs) -> None:
    """Create the role groups and give administrators and staff their permissions; safe to run again."""
    from django.contrib.auth.models import Group, Permission

    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATOR_GROUP)
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    Group.objects.get_or_create(name=CANDIDATE_GROUP)
    project_apps = ["candidates", "reviews", "django_celery_beat"]
    administrators.permissions.add(*Permission.objects.filter(content_type__app_label__in=project_apps))
    for app_label, codenames in STAFF_PERMISSIONS.items():
        staff.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
