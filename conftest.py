"""Project-wide test set-up: the `services` marker and the REQUIRE_SERVICES switch."""
import os

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available: bool, what: str) -> None:
    """Skip the calling test when `what` is missing, or fail it under REQUIRE_SERVICES=1."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")
