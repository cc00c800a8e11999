"""Start-up as a new user meets it: a fresh clone, a fresh venv, an empty cache.

    python benchmarks/startup.py [--repo PATH] [--keep]

Clones the repository (default: this checkout's), makes a venv, runs ``pip install .`` (the
README's first command), then times with an empty cache directory and a new cache key:

- the first ``toponyms annotate examples/report.txt``, and the second;
- ``--overlay`` of a one-place file, then the same after editing it;
- ``toponyms.load()`` then ``toponyms.annotate()`` in one process (one gazetteer or two);

and prints each with its wall time and peak resident memory (the child's ``ru_maxrss``), beside
the targets of the start-up issue. Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OVERLAY = """places:
  - id: ua/donetska/benchmark-khutir
    kind: village
    country: UA
    parent: ua/donetska/pokrovska-hromada
    coords: [48.3, 37.2]
    names:
      - {{text: {name}, lang: uk}}
"""
ONE_PROCESS = (
    "import toponyms\n"
    "from toponyms.matcher import _bundled_matcher\n"
    "g = toponyms.load()\n"
    "toponyms.annotate('Бої за Покровськ тривають.')\n"
    "assert _bundled_matcher().gazetteer is g, 'two gazetteers'\n"
)


def measured(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run of ``command``."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default=str(ROOT), help="the repository to clone")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="toponyms-startup-"))
    try:
        clone = scratch / "clone"
        subprocess.run(["git", "clone", "-q", args.repo, str(clone)], check=True)
        venv = scratch / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip, toponyms = venv / "bin" / "pip", venv / "bin" / "toponyms"
        env = {
            **os.environ,
            "TOPONYMS_CACHE_DIR": str(scratch / "cache"),
            "XDG_CONFIG_HOME": str(scratch / "config"),
        }
        env.pop("PYTHONPATH", None)
        install = measured([str(pip), "install", "-q", "."], env, clone)
        report = ["annotate", "examples/report.txt"]
        rows = [("pip install . (compiles the index into the wheel)", install, None)]
        rows.append(
            (
                "first annotate after install",
                measured([str(toponyms), *report], env, clone),
                "≤ 5 s, ≤ 300 MB",
            )
        )
        rows.append(
            ("second annotate", measured([str(toponyms), *report], env, clone), "≤ 0.5 s, ≤ 150 MB")
        )
        overlay = scratch / "mine.yaml"
        overlay.write_text(OVERLAY.format(name="Бенчмарківка"), encoding="utf-8")
        with_overlay = [str(toponyms), "annotate", "--overlay", str(overlay), "examples/report.txt"]
        rows.append(
            ("annotate --overlay (1 place, new)", measured(with_overlay, env, clone), "≤ 1 s")
        )
        overlay.write_text(OVERLAY.format(name="Бенчмарківка Друга"), encoding="utf-8")
        rows.append(
            ("annotate --overlay (after editing it)", measured(with_overlay, env, clone), "≤ 1 s")
        )
        python = str(venv / "bin" / "python")
        rows.append(
            (
                "load() then annotate() in one process",
                measured([python, "-c", ONE_PROCESS], env, clone),
                "one copy",
            )
        )
        print("| step | seconds | peak MB | target |\n|---|---:|---:|---|")
        for label, (seconds, megabytes), target in rows:
            print(f"| {label} | {seconds:.2f} | {megabytes:.0f} | {target or ''} |")
    finally:
        if args.keep:
            print(f"kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
