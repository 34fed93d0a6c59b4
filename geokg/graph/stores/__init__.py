"""Store backends, registered by URL scheme in geokg.graph.store."""
