"""Project-wide middleware."""
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChineseFirstLocaleMiddleware:
    """Activate the language the user chose (cookie), else Chinese: the browser's language is not a choice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


NO_STORE = "no-store, private"


class NoStoreMiddleware:
    """Forbid browsers and proxies to keep any page or download: they may hold ID numbers and results.

    Static files keep their caching (whitenoise answers most of them before this middleware), and so does a
    response to an anonymous visitor that its view explicitly marked `public`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        if response.status_code >= 500:
            # The database may be what failed: do not ask it who the user is.
            response["Cache-Control"] = NO_STORE
            return response
        user = getattr(request, "user", None)
        authenticated = bool(user and user.is_authenticated)
        cache_control = response.get("Cache-Control", "")
        if "no-store" in cache_control:
            return response
        if authenticated or "public" not in cache_control:
            response["Cache-Control"] = NO_STORE
        return response
