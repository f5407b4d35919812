"""``calendar_changed``: sent after calendar days were added, changed, removed or imported.

Keyword argument ``years``: the set of years whose schedule changed. Sent synchronously inside the
transaction of the change, so that receivers (e.g. recomputing stored due dates) commit or roll
back together with it.
"""

from django.dispatch import Signal

calendar_changed = Signal()
