"""The periodic jobs, stored by django-celery-beat so that administrators can edit them in the admin."""
from django.db import migrations

TIME_ZONE = "Asia/Shanghai"
# (name, task, crontab minute, hour, day of week)
SCHEDULE = [
    ("Nightly expiry-flag refresh", "candidates.tasks.flags_refresh_all_task", "30", "2", "*"),
    ("Daily reminders", "candidates.tasks.reminders_send_task", "0", "8", "*"),
    ("Daily email digests", "candidates.tasks.digests_send_task", "30", "8", "*"),
    ("Weekly at-risk digest for staff", "candidates.tasks.staff_digest_task", "0", "9", "1"),
]


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minute, hour, day_of_week in SCHEDULE:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*", month_of_year="*",
            timezone=TIME_ZONE,
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0002_reference_data"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create_schedule, remove_schedule)]
