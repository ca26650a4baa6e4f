"""Static files storage: hashed, compressed names (WhiteNoise), without rewriting JavaScript source maps.

Vendored JavaScript (Leaflet.markercluster from its XStatic package) names a source map that the package does
not ship; Django's manifest storage would fail on it. CSS references are still rewritten and checked.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple((kind, rules) for kind, rules in ManifestStaticFilesStorage.patterns if kind == "*.css")
