"""Run every benchmark of the project and print one table of figures and ratios.

Each benchmark module in this folder exposes `run() -> list[tuple[str, str]]`.
Figures are measured side by side in one run; nothing here asserts a time.
"""

import importlib
import platform
import sys
from pathlib import Path

BENCHMARKS = ["inprocess", "conflicts", "timeline", "load", "entry"]


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    rows: list[tuple[str, str]] = []
    for name in BENCHMARKS:
        rows += importlib.import_module(name).run()
    width = max(len(label) for label, _ in rows)
    print(f"Visits benchmarks · Python {platform.python_version()} · {platform.machine()}")
    print(f"{'measure'.ljust(width)}  figure")
    print(f"{'-' * width}  {'-' * 24}")
    for label, figure in rows:
        print(f"{label.ljust(width)}  {figure}")


if __name__ == "__main__":
    main()
