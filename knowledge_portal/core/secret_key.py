"""A secret key generated once per installation, kept out of version control."""

import os
import secrets
from pathlib import Path


def load_or_create_secret_key(path):
    """Return the key stored at ``path``, creating it on first use.

    ``O_EXCL`` makes concurrent first starts agree on one key.
    """
    path = Path(path)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
