from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.my_review, name="my_review"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("materials/<int:pk>/file/", views.material_file, name="material_file"),
    path("materials/<int:pk>/mark/", views.mark, name="mark"),
    path("board/", views.board, name="board"),
    path("board/<int:pk>/", views.review_detail, name="review_detail"),
    path("board/<int:pk>/advance/", views.advance, name="advance"),
    path("board/<int:pk>/certificate/", views.certificate, name="certificate"),
]
