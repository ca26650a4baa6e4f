"""In development, uploaded media are served from disk, but documents never: only Wagtail's view serves them."""

from django.urls import Resolver404, URLResolver
from django.urls.resolvers import RegexPattern

from zitnet.urls import debug_media_patterns


def resolver() -> URLResolver:
    return URLResolver(RegexPattern(r"^/"), debug_media_patterns())


def test_images_are_served_but_documents_are_not():
    match = resolver().resolve("/media/images/logo.png")
    assert match.kwargs["path"] == "images/logo.png"
    for path in ("/media/documents/szkic.pdf", "/media/documents/sub/plan.docx"):
        try:
            resolver().resolve(path)
        except Resolver404:
            continue
        raise AssertionError(f"{path} must not be served from disk")
