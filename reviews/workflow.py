"""The post-exam review pipeline as data: states, who may move a review from one to another, and why not.

Pure Python (no Django): every (from, to, role) answer comes from TRANSITIONS, and `check` explains refusals.
"""
from enum import StrEnum


class State(StrEnum):
    NOT_REQUIRED = "not_required"
    AWAITING_NOTICE = "awaiting_notice"
    MATERIALS_DUE = "materials_due"
    SUBMITTED = "submitted"
    ONSITE_REQUIRED = "onsite_required"
    ONSITE_SCHEDULED = "onsite_scheduled"
    APPROVED = "approved"
    REJECTED = "rejected"
    NO_SHOW = "no_show"


class Role(StrEnum):
    CANDIDATE = "candidate"
    STAFF = "staff"
    ADMINISTRATOR = "administrator"
    SYSTEM = "system"


STAFF_SIDE = frozenset({Role.STAFF, Role.ADMINISTRATOR, Role.SYSTEM})
TRANSITIONS: dict[State, dict[State, frozenset[Role]]] = {
    State.AWAITING_NOTICE: {
        State.MATERIALS_DUE: STAFF_SIDE,
        State.ONSITE_REQUIRED: STAFF_SIDE,
        State.NOT_REQUIRED: frozenset({Role.ADMINISTRATOR, Role.SYSTEM}),
    },
    State.MATERIALS_DUE: {
        State.SUBMITTED: frozenset({Role.CANDIDATE, Role.STAFF, Role.ADMINISTRATOR}),
        State.ONSITE_REQUIRED: STAFF_SIDE,
        State.NO_SHOW: STAFF_SIDE,
    },
    State.SUBMITTED: {
        State.APPROVED: STAFF_SIDE,
        State.REJECTED: STAFF_SIDE,
        State.MATERIALS_DUE: STAFF_SIDE,
        State.ONSITE_REQUIRED: STAFF_SIDE,
    },
    State.ONSITE_REQUIRED: {State.ONSITE_SCHEDULED: STAFF_SIDE},
    State.ONSITE_SCHEDULED: {
        State.APPROVED: STAFF_SIDE,
        State.REJECTED: STAFF_SIDE,
        State.NO_SHOW: STAFF_SIDE,
        State.ONSITE_SCHEDULED: STAFF_SIDE,
    },
}
FINAL = frozenset({State.NOT_REQUIRED, State.APPROVED, State.REJECTED, State.NO_SHOW})
VOIDING = frozenset({State.REJECTED, State.NO_SHOW})


class RefusedTransition(ValueError):
    """The move is not allowed; the message says why."""


def allowed(current: State | str, role: Role | str) -> list[State]:
    """Return the states `role` may move a review in `current` to."""
    return [target for target, roles in TRANSITIONS.get(State(current), {}).items() if Role(role) in roles]


def check(current: State | str, target: State | str, role: Role | str) -> None:
    """Raise RefusedTransition unless `role` may move a review from `current` to `target`."""
    current, target, role = State(current), State(target), Role(role)
    if current in FINAL:
        raise RefusedTransition(f"the review is already {current.value}: it cannot change any more")
    targets = TRANSITIONS.get(current, {})
    if target not in targets:
        raise RefusedTransition(f"a review cannot go from {current.value} to {target.value}")
    if role not in targets[target]:
        raise RefusedTransition(f"a {role.value} cannot move a review from {current.value} to {target.value}")
