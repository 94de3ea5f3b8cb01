from django.urls import path

from candidates.views.staff import imports

urlpatterns = [
    path("school/import/", imports.import_upload, name="staff_import"),
    path("school/import/roster/", imports.roster_upload, name="staff_import_roster"),
    path("school/import/<int:pk>/", imports.import_preview, name="staff_import_preview"),
    path("school/import/<int:pk>/confirm/", imports.import_confirm, name="staff_import_confirm"),
    path("school/import/<int:pk>/cancel/", imports.import_cancel, name="staff_import_cancel"),
    path("school/import/template.<str:fmt>", imports.import_template, name="staff_import_template"),
]
