"""The project's URLs: each app brings its own."""
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("candidates.urls")),
    path("review/", include("reviews.urls")),
]

if settings.BENCHMARK_URLS:
    from candidates.views.benchmark import candidate_card

    urlpatterns.append(path("bench/card/<int:pk>/", candidate_card, name="bench_card"))
