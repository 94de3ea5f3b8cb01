"""The landing page after login: each role starts on its own page."""
from django.shortcuts import render


def home(request):
    """Show the signed-in user's start page."""
    return render(request, "candidates/home.html")
