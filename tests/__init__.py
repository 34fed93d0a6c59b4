"""geokg's tests: one folder per package of geokg, helpers in tests/support."""
