"""New candidate: sign up, confirm the email from the outbox, land on an empty progress page saying what to do."""
import re

import pytest
from django.core import mail

from candidates.tests.factories import make_id_number

from .conftest import every_language_and_size

pytestmark = [pytest.mark.browser]
FIRST_STEP = {"zh-hans": "还没有成绩", "en": "No results yet"}


@every_language_and_size
def test_new_candidate_signs_up_and_confirms(journey, demo, language, size):
    trip = journey(f"journey-signup-{language}-{size}", language, size)
    trip.goto("/signup/")
    trip.check_accessibility_basics()
    trip.shot("signup")
    n = {"zh-hans": 11, "en": 12}[language] * 10 + {"phone": 1, "desktop": 2}[size]
    trip.page.fill("input[name=username]", f"newbie{n}")
    trip.page.fill("input[name=password]", "A-long-passw0rd!")
    trip.page.fill("input[name=full_name]", "新考生")
    trip.page.fill("input[name=id_number]", make_id_number(9000 + n))
    trip.page.fill("input[name=mobile]", "13912345678")
    trip.page.fill("input[name=email]", f"newbie{n}@example.org")
    trip.page.select_option("select[name=province]", "11")
    trip.page.select_option("select[name=level]", "full")
    trip.page.select_option("select[name=specialty]", "chemical")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    trip.shot("check-your-email")
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)
    trip.page.goto(link)
    trip.page.wait_for_load_state()
    assert "/me/" in trip.page.url
    assert FIRST_STEP[language] in trip.page.locator("main").inner_text()
    trip.check_translated()
    trip.shot("empty-progress")
