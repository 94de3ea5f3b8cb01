"""Messages: the user's own notifications, newest first, read on opening, unread count in the navigation."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Notification
from candidates.views.account.inbox import PAGE_SIZE

pytestmark = pytest.mark.django_db


def notify(user, n: int, **fields) -> list[Notification]:
    """Create `n` notifications for `user`, each a minute newer than the one before."""
    start = timezone.now() - datetime.timedelta(hours=1)
    notes = []
    for i in range(n):
        note = Notification.objects.create(recipient=user, kind="general", event_key=f"e{i}", title=f"消息{i}",
                                           **fields)
        Notification.objects.filter(pk=note.pk).update(created_at=start + datetime.timedelta(minutes=i))
        notes.append(note)
    return notes


def test_inbox_lists_only_my_messages_newest_first_with_the_unread_badge(english, candidate_a, candidate_b):
    notify(candidate_a.user, 3)
    Notification.objects.create(recipient=candidate_b.user, kind="general", event_key="x", title="别人的")
    english.force_login(candidate_a.user)
    body = english.get(reverse("candidates:inbox")).content.decode()
    assert "别人的" not in body
    assert body.index("消息2") < body.index("消息1") < body.index("消息0")
    assert 'badge text-bg-warning">3<span class="visually-hidden"> unread' in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize("rows", [1, 20])
def test_inbox_query_count_does_not_grow_with_rows(client, candidate_a, django_assert_num_queries, rows):
    notify(candidate_a.user, rows)
    client.force_login(candidate_a.user)
    # session, user, page count, page rows, candidate and school (nav), unread count
    with django_assert_num_queries(7):
        client.get(reverse("candidates:inbox"))


def test_inbox_is_paginated(english, candidate_a):
    notify(candidate_a.user, PAGE_SIZE + 3)
    english.force_login(candidate_a.user)
    first = english.get(reverse("candidates:inbox")).content.decode()
    second = english.get(reverse("candidates:inbox") + "?page=2").content.decode()
    assert f"消息{PAGE_SIZE + 2}" in first and "消息0<" not in first and "Next" in first
    assert "消息0" in second and "Previous" in second


def test_empty_inbox_says_so(english, candidate_a):
    english.force_login(candidate_a.user)
    assert "No messages yet" in english.get(reverse("candidates:inbox")).content.decode()


def test_opening_a_message_marks_it_read(client, candidate_a, django_assert_num_queries):
    note, other = notify(candidate_a.user, 2, body="第一行\n第二行")
    client.force_login(candidate_a.user)
    with django_assert_num_queries(7):  # session, user, message, mark read, candidate and school, unread
        body = client.get(reverse("candidates:message", args=[note.pk])).content.decode()
    assert "第一行<br>第二行" in body
    assert 'badge text-bg-warning">1<' in body
    note.refresh_from_db()
    other.refresh_from_db()
    assert note.read_at is not None and other.read_at is None


def test_another_users_message_is_404_and_stays_unread(client, candidate_a, candidate_b):
    (theirs,) = notify(candidate_b.user, 1)
    client.force_login(candidate_a.user)
    assert client.get(reverse("candidates:message", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("candidates:message", args=[theirs.pk + 1000])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_my_messages(client, candidate_a, candidate_b):
    notify(candidate_a.user, 3)
    notify(candidate_b.user, 2)
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:inbox_mark_read"))
    assert response["Location"] == reverse("candidates:inbox")
    assert not Notification.objects.for_user(candidate_a.user).unread().exists()
    assert Notification.objects.for_user(candidate_b.user).unread().count() == 2
    assert "badge text-bg-warning" not in client.get(reverse("candidates:inbox")).content.decode()


@pytest.mark.parametrize(("link", "shown"), [
    ("/me/", True), ("https://evil.example/phish", False), ("javascript:alert(1)", False),
])
def test_a_message_link_is_offered_only_within_the_site(client, candidate_a, link, shown):
    (note,) = notify(candidate_a.user, 1, link=link)
    client.force_login(candidate_a.user)
    body = client.get(reverse("candidates:message", args=[note.pk])).content.decode()
    assert (f'href="{link}"' in body) is shown


def test_signed_out_pages_count_no_messages(client, candidate_a,
                                                                       django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("login"))
