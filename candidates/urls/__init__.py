"""URLs of the candidates app: one module per area, joined here."""
from . import account, home, portal, staff, staff_import

app_name = "candidates"
urlpatterns = (
    home.urlpatterns + portal.urlpatterns + account.urlpatterns + staff.urlpatterns + staff_import.urlpatterns
)
