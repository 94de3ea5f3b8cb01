"""The account pages speak Chinese by default."""
import pytest
from django.urls import reverse

from candidates.tests import factories

pytestmark = pytest.mark.django_db


def test_key_dates_and_profile_are_in_chinese_by_default(client, candidate_a):
    client.force_login(candidate_a.user)
    body = client.get(reverse("candidates:key_dates")).content.decode()
    assert "2026 年度重要日期" in body and "尚未公布" in body and "生成新地址" in body
    body = client.get(reverse("candidates:profile")).content.decode()
    assert "个人资料" in body and "保存通知设置" in body
    assert "站内消息" in body


def test_signup_refusal_is_in_chinese_by_default(client, candidate_a):
    response = client.post(reverse("candidates:signup"), {
        "username": "newbie", "password": "Quite-long-passw0rd", "full_name": "新考生",
        "id_number": candidate_a.id_number, "mobile": "13912345678", "email": "n@example.org",
        "province": factories.province("11").pk, "level": "full", "specialty": "chemical",
    })
    assert "该身份证号已有记录：请联系你的培训机构获取邀请。" in response.content.decode()


def test_inbox_and_navigation_are_in_chinese_by_default(client, candidate_a):
    client.force_login(candidate_a.user)
    body = client.get(reverse("candidates:inbox")).content.decode()
    assert "消息" in body and "暂无消息" in body and "重要日期" in body
