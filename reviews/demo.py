"""Demo reviews: policies of the demo provinces for 2025, and reviews in several states (idempotent)."""
import datetime

from candidates.models import Candidate, Province

from .models import Review, ReviewEvent, ReviewPolicy
from .services import certificate_create, review_open_for_qualified
from .workflow import State

D = datetime.date
POLICIES = [
    ("32", ReviewPolicy.Mode.MIXED, "南京市建邺区应急管理厅服务大厅"),
    ("42", ReviewPolicy.Mode.ONLINE, ""),
]
STATES = {"qualified": State.MATERIALS_DUE, "excused": State.APPROVED}


def seed_reviews(*, admin) -> int:
    """Create the missing demo policies and reviews; return how many rows were created."""
    created = 0
    for code, mode, office in POLICIES:
        _policy, made = ReviewPolicy.objects.get_or_create(
            exam_year_id=2025, province=Province.objects.get(code=code),
            defaults={"mode": mode, "notice_on": D(2026, 1, 10), "opens_on": D(2026, 1, 12),
                      "closes_on": D(2027, 1, 30), "office_address": office,
                      "instructions": "按通知要求上传扫描件；现场审核请携带原件及复印件。"},
        )
        created += made
    for username, state in STATES.items():
        candidate = Candidate.objects.filter(user__username=username).first()
        if candidate is None or Review.objects.filter(candidate=candidate).exists():
            continue
        review = review_open_for_qualified(candidate=candidate)
        if review is None:
            continue
        created += 1
        if review.state != state:
            ReviewEvent.objects.create(review=review, from_state=review.state, to_state=state, actor=admin,
                                       note="demo")
            review.state = state
            review.save(update_fields=["state"])
        if state == State.APPROVED:
            certificate_create(review=review)
    return created
