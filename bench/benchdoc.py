"""What the benchmark scripts share: the machine they ran on and their doc.

Each script owns one ``## ...`` section of docs/benchmarks.md and rewrites only
that section, keeping the others.
"""

import contextlib
import os
import platform
from pathlib import Path

DOC_FILE = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


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
