"""The Elasticsearch engine's contract against a real cluster.

Runs the checks of test_elasticsearch_engine.py that need nothing but an engine (mapping, rebuild and alias
swap, bulk writes, facets, geo, highlight, suggestions) against the cluster at ELASTICSEARCH_URL, under an
index prefix of its own (`contract_<random>`), deleting its indexes afterwards. Without ELASTICSEARCH_URL this
module defines no tests; those checks still run against osmem-server in test_elasticsearch_engine.py.

    ELASTICSEARCH_URL=http://localhost:9200 make test-fast PYTEST_ARGS=tests/search/test_contract.py

Credentials may be part of the address (https://user:password@host:9200). SEARCH_NODE_CLASS (a dotted path,
as in the settings) picks another transport node class: `tests.search.osmem.OsmemNode` runs this module
against an osmem-server started by hand, a check of the module itself.
"""

import os
import uuid

import pytest
from django.utils.module_loading import import_string

from search.engines.elasticsearch import ElasticsearchEngine

CLUSTER_URL = os.environ.get("ELASTICSEARCH_URL", "")
NODE_CLASS = os.environ.get("SEARCH_NODE_CLASS", "")

if CLUSTER_URL:
    # Imported test functions are collected here too, and use this module's `es_engine`.
    from tests.search.test_elasticsearch_engine import (  # noqa: F401
        loaded,
        test_a_registered_type_is_searchable,
        test_counts_and_health,
        test_empty_text_lists_newest_first,
        test_every_word_is_required_unless_relaxed,
        test_facet_counts_follow_the_filters,
        test_failed_rebuild_keeps_the_old_index,
        test_geo_radius_sorted_by_distance,
        test_highlight_reports_the_matched_terms,
        test_hit_carries_the_original_fields_and_a_snippet,
        test_index_replaces_by_key_and_delete_removes,
        test_listings_need_no_snippets,
        test_mapping_is_explicit,
        test_only_documents_of_the_users_audience_are_found,
        test_pages_and_the_result_window,
        test_polish_queries_find_inflected_forms,
        test_query_syntax_is_plain_text,
        test_rebuild_swaps_the_alias_with_no_empty_window,
        test_sort_by_date_with_text,
        test_suggestions_complete_any_title_word,
        test_title_matches_weigh_more_than_body_matches,
        test_type_counts_ignore_the_type_filter,
        test_types_without_facets,
        test_unknown_type_is_a_programming_error,
    )

    @pytest.fixture
    def es_engine():
        """An empty engine on the real cluster (the client's own transport unless SEARCH_NODE_CLASS is set)."""
        engine = ElasticsearchEngine(
            CLUSTER_URL,
            index_prefix=f"contract_{uuid.uuid4().hex[:8]}",
            refresh=True,
            node_class=import_string(NODE_CLASS) if NODE_CLASS else None,
        )
        engine.drop()
        yield engine
        engine.drop()
