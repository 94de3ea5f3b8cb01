from django.urls import path

from candidates.views.account import dates, inbox, profile, signup

urlpatterns = [
    path("signup/", signup.signup, name="signup"),
    path("signup/confirm/<str:token>/", signup.signup_confirmed, name="signup_confirm"),
    path("me/profile/", profile.profile, name="profile"),
    path("me/dates/", dates.key_dates, name="key_dates"),
    path("me/dates/new-address/", dates.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", dates.calendar_feed, name="calendar_feed"),
    path("me/messages/", inbox.inbox, name="inbox"),
    path("me/messages/<int:pk>/", inbox.message, name="message"),
    path("me/messages/read/", inbox.mark_all_read, name="inbox_mark_read"),
]
