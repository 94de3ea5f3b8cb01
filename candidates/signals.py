"""Signals other areas listen to, so that writers need not know who reacts.

`results_changed` is sent by every service that saves, imports or voids results (keyword `candidate_ids`,
an iterable of candidate primary keys). The flag refresh listens and queues itself for those candidates once
the transaction commits.
"""
from django.dispatch import Signal

results_changed = Signal()
