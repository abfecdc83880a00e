"""How fast `backpdf batch` makes a day's worth of handouts, and how it scales with --jobs.

Run from the repository root, where backpdf is installed:

    python benchmarks/bench_batch.py                 # 1,000 handouts, --jobs 1 and 2
    python benchmarks/bench_batch.py --rows 200 --jobs 1 2 4

It writes a CSV roster of N patients, each with the same 8 exercises as bench_render.py,
runs the real command (`backpdf batch roster.csv --out-dir ... --jobs J`) in a fresh
process for each J, and prints wall time, handouts per second, and the peak memory of
the largest process of the run (the parent or one worker), read from the OS
(getrusage of the finished children). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXERCISES = "pelvic-tilt bird-dog bridge knee-to-chest cat-cow chin-tuck partial-crunch wall-sit"


def write_roster(folder: Path, rows: int) -> Path:
    roster = folder / "roster.csv"
    with roster.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient", "clinician", "exercises", "date"])
        for number in range(rows):
            writer.writerow([f"Patient {number}", "Ana Ruiz, PT", EXERCISES, "2026-11-21"])
    (folder / "clinic.yaml").write_text(
        "name: Riverside Physio\nphone: 555-0100\nvideo_base_url: https://clinic.example/videos/\n")
    return roster


def run_batch(folder: Path, roster: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, peak MB of any process in the run) for one fresh `backpdf batch`."""
    out = folder / f"out-{jobs}"
    command = [str(Path(sys.executable).with_name("backpdf")), "batch", str(roster), "--out-dir", str(out),
               "--jobs", str(jobs), "--clinic", str(folder / "clinic.yaml"), "--quiet"]
    # A small parent of its own per run, so the peak it reports is this run's alone.
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return wall, int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster = write_roster(folder, args.rows)
        print(f"backpdf batch of {args.rows} 8-exercise handouts; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} at start")
        print(f"{'--jobs':>6}  {'wall s':>7}  {'handouts/s':>10}  {'peak MB':>8}")
        for jobs in args.jobs:
            wall, peak = run_batch(folder, roster, jobs)
            print(f"{jobs:>6}  {wall:>7.1f}  {args.rows / wall:>10.1f}  {peak:>8.0f}")


if __name__ == "__main__":
    main()
