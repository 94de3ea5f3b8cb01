"""Translated labels for the codes of candidates.rules, as Django choices."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from candidates import rules


class Subject(models.TextChoices):
    LAW = rules.Subject.LAW, _("Safety production law and regulations")
    MANAGEMENT = rules.Subject.MANAGEMENT, _("Safety production management")
    TECHNOLOGY = rules.Subject.TECHNOLOGY, _("Safety production technology")
    PRACTICE = rules.Subject.PRACTICE, _("Safety production professional practice")


class Specialty(models.TextChoices):
    COAL = rules.Specialty.COAL, _("Coal mine safety")
    METAL_NONMETAL_MINE = rules.Specialty.METAL_NONMETAL_MINE, _("Metal and non-metal mine safety")
    CHEMICAL = rules.Specialty.CHEMICAL, _("Chemical safety")
    METALLURGY = rules.Specialty.METALLURGY, _("Metal smelting safety")
    CONSTRUCTION = rules.Specialty.CONSTRUCTION, _("Construction safety")
    ROAD_TRANSPORT = rules.Specialty.ROAD_TRANSPORT, _("Road transport safety")
    OTHER = rules.Specialty.OTHER, _("Other safety (excluding fire safety)")


class Level(models.TextChoices):
    FULL = rules.Level.FULL, _("All four subjects")
    EXEMPT_ONE = rules.Level.EXEMPT_ONE, _("Exempt from one subject")
    EXEMPT_TWO = rules.Level.EXEMPT_TWO, _("Exempt from two subjects")
    ADD_SPECIALTY = rules.Level.ADD_SPECIALTY, _("Adding a specialty")


class State(models.TextChoices):
    VALID = rules.State.VALID, _("Valid")
    LAST_CHANCE = rules.State.LAST_CHANCE, _("Last chance")
    EXPIRED = rules.State.EXPIRED, _("Expired")
    NEEDED = rules.State.NEEDED, _("Needed")


class ResultCode(models.TextChoices):
    """Official result codes that stand instead of a score; none of them is a pass."""

    ABSENT = "absent", _("Absent (-1)")
    MISCONDUCT = "misconduct", _("Misconduct (-2)")
    INVALID = "invalid", _("Result invalid (-4)")


OFFICIAL_CODE_NUMBERS = {ResultCode.ABSENT: -1, ResultCode.MISCONDUCT: -2, ResultCode.INVALID: -4}


class Education(models.TextChoices):
    JUNIOR_COLLEGE = "junior_college", _("Junior college (大专)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    SECOND_BACHELOR = "second_bachelor", _("Second bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTOR = "doctor", _("Doctorate")


class ResultSource(models.TextChoices):
    CANDIDATE = "candidate", _("Entered by the candidate")
    STAFF = "staff", _("Entered by school staff")
    IMPORT = "import", _("Imported from a spreadsheet")
    ADMIN = "admin", _("Entered by an administrator")
