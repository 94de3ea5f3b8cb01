"""URLs of the candidates app: one module per area, joined here."""
from . import home, portal, staff

app_name = "candidates"
urlpatterns = home.urlpatterns + portal.urlpatterns + staff.urlpatterns
