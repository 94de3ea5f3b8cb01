"""History records for bulk writes, copied in SQL from the rows as they now are.

django-simple-history's `bulk_history_create` builds one historical model instance per row in Python; for an
import of tens of thousands of results that costs more than the import itself. `history_copy` writes the same
records (the historical model's tracked fields, date, author, change reason and type) with one
INSERT … SELECT straight from the table (on PostgreSQL for all ids at once, elsewhere per batch of ids), so
nothing is built in Python.
"""
import datetime

from django.conf import settings
from django.db import connection

BATCH = 2000


def history_copy(model, ids: list[int], *, history_type: str, by, reason: str, when: datetime.datetime) -> int:
    """Record the rows of `model` with these ids in its history as `history_type` ("+" or "~"); return how many."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not ids:
        return 0
    history = model.history.model
    quote = connection.ops.quote_name
    tracked = ", ".join(quote(field.column) for field in history.tracked_fields)
    meta = ", ".join(quote(history._meta.get_field(name).column)
                     for name in ("history_date", "history_change_reason", "history_type", "history_user"))
    # Only quoted table and column names from the models are interpolated; every value is a bound parameter.
    statement = (
        f"INSERT INTO {quote(history._meta.db_table)} ({tracked}, {meta}) "  # noqa: S608
        f"SELECT {tracked}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} {{ids}}"
    )
    head = [connection.ops.adapt_datetimefield_value(when), reason, history_type, by.pk if by is not None else None]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array parameter, however many ids: PostgreSQL reads it whole.
            cursor.execute(statement.format(ids="= ANY(%s)"), [*head, list(ids)])
            return cursor.rowcount
        written = 0
        for start in range(0, len(ids), BATCH):
            batch = ids[start:start + BATCH]
            cursor.execute(statement.format(ids=f"IN ({', '.join(['%s'] * len(batch))})"), [*head, *batch])
            written += cursor.rowcount
        return written
