"""Template context every page needs: which role the signed-in user has (computed once per request, lazily)."""
from django.utils.functional import SimpleLazyObject

from candidates import roles


def user_roles(request):
    """Expose `role.candidate`, `role.school` and `role.administrator` for navigation and page chrome."""
    user = request.user

    class Role:
        candidate = SimpleLazyObject(lambda: roles.candidate_of(user))
        school = SimpleLazyObject(lambda: roles.school_of(user))

        @property
        def administrator(self):
            return roles.is_administrator(user)

        @property
        def is_candidate(self):
            return roles.candidate_of(user) is not None

        @property
        def is_school_staff(self):
            return roles.school_of(user) is not None

    return {"role": Role()}
