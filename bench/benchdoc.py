"""What the benchmark scripts share: the machine they ran on and their doc.

Each script owns one ``## ...`` section of docs/benchmarks.md and rewrites only
that section, keeping the others.
"""

import contextlib
import hashlib
import os
import platform
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DOC_FILE = BASE_DIR / "docs" / "benchmarks.md"


def machine_info():
    """Kernel, CPU model, usable CPUs and memory of this machine."""
    uname = platform.uname()
    cpu = "unknown"
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return {
        "uname": f"{uname.system} {uname.release} {uname.machine}",
        "cpu": cpu,
        "nproc": len(os.sched_getaffinity(0)),
        "memory": memory,
    }


def write_section(heading, section, doc_file=DOC_FILE):
    """Replace the section under ``heading`` (e.g. "## Search"), keep the rest."""
    text = (
        doc_file.read_text(encoding="utf-8") if doc_file.exists() else "# Benchmarks\n"
    )
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        new = [*lines, "", *section.rstrip("\n").splitlines()]
    else:
        end = next(
            (
                i
                for i in range(start + 1, len(lines))
                if lines[i].startswith("## ") or lines[i].startswith("# ")
            ),
            len(lines),
        )
        new = [*lines[:start], *section.rstrip("\n").splitlines(), "", *lines[end:]]
    doc_file.parent.mkdir(parents=True, exist_ok=True)
    doc_file.write_text("\n".join(new).rstrip("\n") + "\n", encoding="utf-8")


def code_state(folder, suffixes=(".py",)):
    """The commit measured, whether the working tree differed from it, and a
    digest of the code under ``folder`` (relative to the project) that matters."""

    def git(*arguments):
        completed = subprocess.run(
            ["git", "--no-optional-locks", *arguments],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout.strip() if completed.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = len(git("status", "--porcelain").splitlines())
    digest = hashlib.sha256()
    for path in sorted((BASE_DIR / folder).rglob("*")):
        if path.suffix in suffixes and path.is_file():
            digest.update(path.read_bytes())
    state = f"commit {commit}"
    if changed:
        state += f" with {changed} uncommitted changes"
    return f"{state}; `{folder}` sha256 {digest.hexdigest()[:12]}"


def command_line(script):
    """How ``script`` (e.g. "bench/search.py") was run, to show in the doc."""
    executable = Path(sys.executable)
    with contextlib.suppress(ValueError):
        executable = executable.relative_to(BASE_DIR)
    return " ".join([str(executable), script, *sys.argv[1:]])
