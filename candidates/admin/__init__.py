"""The admin site for the candidates app: one module per group of models."""
from . import calendar, candidates, flags, imports, notifications, regions, results, schools  # noqa: F401
