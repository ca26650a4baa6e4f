"""Settings packages: base (shared), dev (make run), test (pytest), production, bench."""
