"""Run Python code in a fresh process under the production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_in_production_settings(code, data_dir):
    """``code``'s standard output, run with the production settings and its
    data in ``data_dir`` (a test key; Django is not set up in the test's
    process)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knowledge_portal.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATA_DIR": str(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
