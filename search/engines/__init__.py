"""Search engines: the database (always there, always current) and Elasticsearch (when configured)."""
