"""Engine-specific full-text structures over SearchEntry's processed text, kept in step by triggers.

SQLite: an FTS5 table with external content (the entry table), columns title_norm, body_norm and facets_norm.
PostgreSQL: a tsvector column with the 'simple' configuration (the text is already lemmatised and folded in
Python, see search.text), weight A for the title, B for the body and D for the facet tokens (scored 0), and a
GIN index; a second, title-only vector (no weights, so its GIN index needs no recheck) for suggestions. Facet
values are tokens of the same index so that a facet filter is part of the text match."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_norm, body_norm, facets_norm, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_norm, body_norm, facets_norm)
        VALUES (new.id, new.title_norm, new.body_norm, new.facets_norm);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm, facets_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm, old.facets_norm);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE OF title_norm, body_norm, facets_norm
        ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm, facets_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm, old.facets_norm);
        INSERT INTO search_fts(rowid, title_norm, body_norm, facets_norm)
        VALUES (new.id, new.title_norm, new.body_norm, new.facets_norm);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector",
    """CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('simple', coalesce(NEW.title_norm, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.body_norm, '')), 'B') ||
            setweight(to_tsvector('simple', coalesce(NEW.facets_norm, '')), 'D');
        NEW.title_vector := to_tsvector('simple', coalesce(NEW.title_norm, ''));
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title_norm, body_norm, facets_norm
        ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector()""",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_title_gin ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_term_prefix ON search_searchterm (term text_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_prefix",
    "DROP INDEX IF EXISTS search_entry_title_gin",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
