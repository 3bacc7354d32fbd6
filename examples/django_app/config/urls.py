from django.urls import path
from documents import views

urlpatterns = [
    path("documents/", views.upload, name="upload"),
    path("documents/<int:pk>/content/", views.content, name="content"),
]
