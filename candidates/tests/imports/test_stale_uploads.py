"""Uploads left unconfirmed for more than a day are deleted, row and file, by a command."""
import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from candidates.models import ImportUpload
from candidates.services.imports import import_uploads_discard_stale, upload_store

pytestmark = pytest.mark.django_db


def test_uploads_older_than_a_day_are_deleted_with_their_files_and_fresh_ones_kept(school1, staff1):
    old = upload_store(content=b"a,b\n", name="old.csv", school=school1, exam_year=2025, by=staff1)
    fresh = upload_store(content=b"a,b\n", name="fresh.csv", school=school1, exam_year=2025, by=staff1)
    ImportUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    storage, old_name = old.file.storage, old.file.name
    assert import_uploads_discard_stale() == 1
    assert list(ImportUpload.objects.all()) == [fresh]
    assert not storage.exists(old_name) and storage.exists(fresh.file.name)
    fresh.discard()


def test_the_command_reports_how_many_it_discarded(school1, staff1, capsys):
    upload_store(content=b"a,b\n", name="old.csv", school=school1, exam_year=2025, by=staff1)
    ImportUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    call_command("discard_stale_uploads")
    assert "discarded 1 stale uploads" in capsys.readouterr().out
    assert not ImportUpload.objects.exists()
