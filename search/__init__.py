"""One search API over Elasticsearch and the database (the search issue fills this in)."""
