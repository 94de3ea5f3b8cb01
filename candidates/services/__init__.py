"""Writes that do more than save a form, one module per area (results, imports, cohorts, flags, notifications)."""
