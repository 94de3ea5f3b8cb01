"""Every (from, to) pair of the review pipeline, for every role: allowed exactly when TRANSITIONS says so."""
import itertools

import pytest

from reviews.workflow import FINAL, TRANSITIONS, RefusedTransition, Role, State, allowed, check


@pytest.mark.parametrize(("current", "target", "role"), list(itertools.product(State, State, Role)))
def test_every_pair_is_allowed_or_refused_with_a_reason(current, target, role):
    permitted = role in TRANSITIONS.get(current, {}).get(target, frozenset())
    if permitted:
        check(current, target, role)
        assert target in allowed(current, role)
    else:
        with pytest.raises(RefusedTransition) as refused:
            check(current, target, role)
        assert str(refused.value)
        assert target not in allowed(current, role)


@pytest.mark.parametrize("state", sorted(FINAL))
def test_a_finished_review_never_changes(state):
    assert allowed(state, Role.ADMINISTRATOR) == []


def test_the_candidate_can_only_submit():
    moves = {(c, t) for c in State for t in State if t in allowed(c, Role.CANDIDATE)}
    assert moves == {(State.MATERIALS_DUE, State.SUBMITTED)}
