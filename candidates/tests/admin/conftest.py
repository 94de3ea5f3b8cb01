"""Admin tests start with a cold content-type cache so that pinned query counts do not depend on test order."""
import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
