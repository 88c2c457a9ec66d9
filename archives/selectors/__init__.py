"""Reads of the archive room worth naming, one module per area. Callers check access."""
