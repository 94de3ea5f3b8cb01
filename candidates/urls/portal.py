from django.urls import path

from candidates.views.portal import planner, progress, results

urlpatterns = [
    path("me/", progress.progress, name="progress"),
    path("me/results/", results.results, name="results"),
    path("me/results/<int:year>/", results.result_add, name="result_add"),
    path("me/planner/", planner.planner, name="planner"),
]
