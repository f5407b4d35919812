"""Background tasks (docs/platform.md#background-tasks): the task engine's settings, the worker, retries.

Work that must not block a request — notification mail, letter PDFs, imports, report generation,
reminders, search indexing — is a django-tasks ``Task``. By default the database backend queues it in
the platform's own database and ``gongkai worker`` (or the worker thread of ``gongkai serve``) runs it;
``GONGKAI_TASKS_BACKEND=redis`` queues it on Redis (RQ) instead (decision D41).
"""
