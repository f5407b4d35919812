"""主动公开: the register of proactively disclosed information, the public 政府信息公开专栏, and search.

See docs/register.md. Modules: ``models`` (the register), ``vocabularies`` (主题/体裁/第二十条 as
data), ``services`` (the only code that changes state; audited), ``selfaudit`` (publish-time
checks), ``search`` (jieba + SQLite FTS5 / PostgreSQL tsvector), ``importer`` (JSONL, CSV, HTML),
``table2`` (table 二 第二十条第（一）项 from validity histories), ``proposals`` (条例第四十四条).
"""
