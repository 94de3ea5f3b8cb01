"""The client's address as seen through the configured number of trusted reverse proxies."""
from django.conf import settings


def client_ip_address(request) -> str | None:
    """Return the address the last trusted proxy received the request from, else REMOTE_ADDR."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # Each trusted proxy appends the address it received from; anything further left may be forged by the client.
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
