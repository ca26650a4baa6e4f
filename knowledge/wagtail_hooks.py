"""Wagtail admin screens of the knowledge library: the funding-programme vocabulary under a "Knowledge" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FundingProgramme


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
