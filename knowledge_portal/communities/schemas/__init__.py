from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent
