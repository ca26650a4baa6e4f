"""Discussion spaces, threads and posts with live updates (the forum issue fills this in)."""
