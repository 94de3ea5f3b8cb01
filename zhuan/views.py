"""Project-wide pages: the login lockout."""
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """Render the lockout page with the wait in whole minutes, as 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    )
