"""The database engine's index (always kept current, also when Elasticsearch is the primary engine, so that
search can fall back to it) and the vocabulary used to correct typing errors."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable document. Text columns hold the processed terms (see search.text); the engine-specific
    full-text structures (an FTS5 table on SQLite, a tsvector column on PostgreSQL) are kept in step with
    them by triggers created in the migration."""

    key = models.CharField(_("key"), max_length=80, unique=True)  # "practice:12"
    type = models.CharField(_("type"), max_length=24, db_index=True)
    object_id = models.PositiveBigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)  # plain text, for snippets
    title_norm = models.TextField(blank=True)
    body_norm = models.TextField(blank=True)
    facets_norm = models.TextField(
        blank=True
    )  # one opaque token per facet value: facet filters join the text match
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    audience = models.CharField(max_length=40, default="public")  # who may find it: see search.audience
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["type", "-date"], name="search_type_date"),
            models.Index(fields=["latitude", "longitude"], name="search_position"),
            models.Index(fields=["-date"], name="search_date"),
            models.Index(fields=["audience", "type"], name="search_audience"),
        ]

    def __str__(self) -> str:
        return self.key


class SearchFacet(models.Model):
    """A facet value of an entry (thematic area, tag, voivodeship, organisation kind, programme, principle,
    year)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=24)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "entry"], name="search_facet_lookup"),
            models.Index(fields=["entry", "name"], name="search_facet_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchTerm(models.Model):
    """Every term the index has seen, for correcting typing errors in queries (shared by both engines)."""

    term = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.term


class SearchOutbox(models.Model):
    """Keys whose change Elasticsearch has not received yet (it was down); replayed when it answers again."""

    key = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
