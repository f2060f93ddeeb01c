class ContentError(Exception):
    """A problem in a content file, reported as ``file:line: message``."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
