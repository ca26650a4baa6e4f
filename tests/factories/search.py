"""Search index for tests: content is indexed after commit, which never comes in a rolled-back test."""

from search import api, registry


def index_everything() -> None:
    """The database index rebuilt from all content, as `manage.py search_rebuild --engine database` does."""
    api.database_engine().rebuild(registry.all_documents())
