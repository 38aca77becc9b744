"""HTTP endpoints: the sync API (routes) and the test-and-demo admin endpoints (admin)."""
