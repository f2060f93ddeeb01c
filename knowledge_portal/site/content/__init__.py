"""The archive as files: load `content/` into pages and export pages back.

Each entry type (the site skeleton, plant profiles, guides, lessons) is a
subclass of :class:`~.entries.EntryType` registered by its app; the loader and
the exporter know nothing of any particular type.
"""
