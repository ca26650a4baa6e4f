"""/szukaj/: the search page and the suggestions as you type; /api/v1/search/: the same for programs."""

from django.urls import path

from search import api_views, views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path("podpowiedzi/", views.suggest, name="suggest"),
]

# Mounted at /api/v1/search/ by the root URLconf, under the "search_api" namespace.
api_urlpatterns = [
    path("", api_views.SearchView.as_view(), name="search"),
    path("suggest/", api_views.SuggestView.as_view(), name="suggest"),
]
