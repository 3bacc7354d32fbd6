"""What enforcement costs, counted in instructions: figures a busy machine cannot blur.

    python bench/iam_count.py [--small N] [--large N]

Runs the workloads of ``bench/iam.py`` under valgrind's callgrind, which
counts the machine instructions a process executes (the same count for the
same run, whatever else the machine is doing). Each workload runs twice, with
``--small`` and ``--large`` repetitions; the difference divided by the extra
repetitions is the cost of one, start-up and warm-up cancelled out. The
garbage collector is off and hashes are seeded, so that the two runs differ
only in the repetitions. Prints instructions per call (per test) without and
with ``iam_policy=``, and the overhead in percent.

Needs valgrind (Debian's ``valgrind`` package).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = ("SendMessage", "GetObject", "PutObject", "test")


def child(workload: str, count: int, enforced: bool) -> None:
    """Run ``workload`` ``count`` times (inside callgrind)."""
    import gc

    gc.disable()
    sys.path.insert(0, HERE)
    import iam

    options = {"iam_policy": iam.POLICY} if enforced else {}
    if workload == "test":
        iam.per_test(count, 1, **options)
    else:
        iam.per_call(count, 1, workload, **options)


def instructions(workload: str, count: int, enforced: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={tmp}/out",
            sys.executable,
            os.path.abspath(__file__),
            "--child",
            workload,
            str(count),
            "1" if enforced else "0",
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{done.stderr}")
    return int(found.group(1))


def per_one(workload: str, small: int, large: int, enforced: bool) -> float:
    with ThreadPoolExecutor(2) as pool:
        low, high = pool.map(lambda n: instructions(workload, n, enforced), (small, large))
    return (high - low) / (large - small)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--large", type=int, default=450)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        workload, count, enforced = args.child
        child(workload, int(count), enforced == "1")
        return
    print(f"{'workload':<12} {'without':>12} {'iam_policy=':>12} {'overhead':>9}")
    rows: List[Tuple[str, float, float]] = []
    for workload in WORKLOADS:
        plain = per_one(workload, args.small, args.large, False)
        enforced = per_one(workload, args.small, args.large, True)
        rows.append((workload, plain, enforced))
        name = "a test" if workload == "test" else workload
        overhead = (enforced / plain - 1) * 100
        print(f"{name:<12} {plain / 1000:>10.1f}k {enforced / 1000:>11.1f}k {overhead:>8.1f}%")


if __name__ == "__main__":
    main()
