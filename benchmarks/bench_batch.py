"""How fast `backpdf batch` makes a day's worth of handouts, and how it scales with --jobs.

Run from the repository root, where backpdf is installed:

    python benchmarks/bench_batch.py                 # 1,000 handouts, --jobs 1 and 2
    python benchmarks/bench_batch.py --rows 200 --jobs 1 2 3
    python benchmarks/bench_batch.py --rows 1000 5000 --jobs 2 --combined

It writes a CSV roster of N patients, each with the 8-exercise standard handout of
bench_render.py and bench_floor.py, pictures on (as a clinic prints it), runs the real
command (`backpdf batch roster.csv --out-dir ... --jobs J`, with `--combined` also making
the one print job) in a fresh process for each J, and prints wall time, handouts per
second, the peak memory of the largest process of the run (the parent or one worker),
read from the OS (getrusage of the finished children), and with --combined the print
job's size per handout. Run it on an otherwise idle machine.
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

EXERCISES = "cat-cow pelvic-tilt bird-dog bridge knee-to-chest piriformis-stretch childs-pose walking"


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


def run_batch(folder: Path, roster: Path, jobs: int, combined: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak MB of any process in the run) for one fresh `backpdf batch`."""
    out = folder / f"out-{jobs}"
    command = [str(Path(sys.executable).with_name("backpdf")), "batch", str(roster), "--out-dir", str(out),
               "--jobs", str(jobs), "--clinic", str(folder / "clinic.yaml"), "--quiet"]
    if combined:
        command += ["--combined", str(combined)]
    # A small parent of its own per run, so the peak it reports is this run's alone.
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return wall, int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--combined", action="store_true", help="also make the one print job (--combined)")
    args = parser.parse_args()
    print(f"backpdf batch of 8-exercise standard handouts with pictures; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'rows':>6}  {'--jobs':>6}  {'wall s':>7}  {'handouts/s':>10}  {'peak MB':>8}"
          + (f"  {'combined KB/handout':>20}" if args.combined else ""))
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            roster = write_roster(folder, rows)
            for jobs in args.jobs:
                combined = folder / f"all-{jobs}.pdf" if args.combined else None
                wall, peak = run_batch(folder, roster, jobs, combined)
                size = f"  {combined.stat().st_size / rows / 1024:>20.1f}" if combined else ""
                print(f"{rows:>6}  {jobs:>6}  {wall:>7.1f}  {rows / wall:>10.1f}  {peak:>8.0f}{size}")


if __name__ == "__main__":
    main()
