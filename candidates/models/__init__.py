"""Models of the candidates app, one module per part of the domain."""
from .calendar import ExamYear, PassMark, Sitting
from .candidates import Candidate, ExcusedYear
from .flags import ExpiryFlag
from .imports import ImportRow, ImportUpload
from .notifications import Notification, NotificationPreference
from .regions import Province
from .results import SubjectResult
from .schools import Cohort, Enrolment, School, StaffMembership
from .snapshots import StandingSnapshot

__all__ = [
    "Candidate",
    "Cohort",
    "Enrolment",
    "ExamYear",
    "ExcusedYear",
    "ExpiryFlag",
    "ImportRow",
    "ImportUpload",
    "Notification",
    "NotificationPreference",
    "PassMark",
    "Province",
    "School",
    "Sitting",
    "StaffMembership",
    "StandingSnapshot",
    "SubjectResult",
]
