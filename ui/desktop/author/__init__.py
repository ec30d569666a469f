"""The Author page: the lesson editor with live diagnostics and preview."""
