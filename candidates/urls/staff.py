from django.urls import path

from candidates.views import invitations
from candidates.views.staff import at_risk, candidates, cohorts

urlpatterns = [
    path("school/", cohorts.cohort_list, name="staff_cohort_list"),
    path("school/cohorts/new/", cohorts.cohort_create, name="staff_cohort_create"),
    path("school/cohorts/<int:pk>/", cohorts.cohort_detail, name="staff_cohort_detail"),
    path("school/cohorts/<int:pk>/edit/", cohorts.cohort_edit, name="staff_cohort_edit"),
    path("school/cohorts/<int:pk>/archive/", cohorts.cohort_archive, name="staff_cohort_archive"),
    path("school/cohorts/<int:pk>/enrol/", candidates.enrol, name="staff_enrol"),
    path("school/cohorts/<int:pk>/new-candidate/", candidates.candidate_create, name="staff_candidate_create"),
    path("school/cohorts/<int:pk>/export.<str:fmt>", at_risk.roster_export, name="staff_roster_export"),
    path("school/enrolments/<int:pk>/move/", candidates.enrolment_move_view, name="staff_enrolment_move"),
    path("school/enrolments/<int:pk>/end/", candidates.enrolment_end_view, name="staff_enrolment_end"),
    path("school/candidates/<int:pk>/", candidates.candidate_detail, name="staff_candidate_detail"),
    path("school/candidates/<int:pk>/invite/", candidates.invite, name="staff_invite"),
    path("school/at-risk/", at_risk.at_risk_list, name="staff_at_risk"),
    path("school/at-risk/export.<str:fmt>", at_risk.at_risk_export, name="staff_at_risk_export"),
    path("invite/<uidb64>/<token>/", invitations.invitation_accept, name="invitation_accept"),
]
