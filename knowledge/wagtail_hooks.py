"""Wagtail admin screens of the knowledge library: the funding-programme vocabulary under a "Knowledge" menu, and
a "New edition" action on handbook pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import can_start_edition, new_edition
from .models import FundingProgramme, HandbookPage


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "tag"
    menu_label = _("Funding programmes")
    list_display = ["name", "abbreviation", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation", "code"]
    ordering = ["position", "name"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (FundingProgrammeViewSet,)
    menu_icon = "doc-full"
    menu_label = _("Knowledge")
    menu_name = "knowledge"


register_snippet(KnowledgeViewSetGroup)


@hooks.register("register_admin_urls")
def register_edition_urls():
    return [path("podrecznik/<int:page_id>/nowe-wydanie/", new_edition, name="knowledge_new_edition")]


@hooks.register("register_page_header_buttons")
def new_edition_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred
    if isinstance(specific, HandbookPage) and can_start_edition(user, specific):
        yield Button(
            label=_("New edition"),
            url=reverse("knowledge_new_edition", args=[page.pk]),
            icon_name="copy",
            priority=35,
        )
