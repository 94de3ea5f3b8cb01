from django.urls import path

from candidates.views import home

urlpatterns = [
    path("", home.home, name="home"),
]
