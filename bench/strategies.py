"""How long ``awsmock.strategies.response`` takes to generate one response.

For each operation of the twelve most used services (or those named), one
Hypothesis run of ``--examples`` examples with a test that only notes the CPU
time: the median gap between two calls is the operation's time per response
(Hypothesis's own per-example work included, its start-up not). Building the strategy, once
per operation and process, is timed apart. Prints the median over the
operations, per service and in all, against the 2 ms target.

Figures only: nothing here asserts a timing. Run with
``python bench/strategies.py [--examples N] [--services s3,sqs]``.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings

from awsmock import strategies
from awsmock._model.models import service_model

TWELVE = "s3,sqs,sns,dynamodb,lambda,secretsmanager,ssm,sts,kms,events,kinesis,stepfunctions"
TARGET_MS = 2.0


def time_operation(service: str, operation: str, examples: int) -> Tuple[float, float]:
    """(ms to build the strategy, median ms per generated response).

    The time per response is the CPU time between one call of the (empty)
    test and the next: Hypothesis drawing the next example, nothing else.
    """
    start = time.process_time()
    strategy = strategies.response(service, operation)
    built = time.process_time() - start
    stamps: List[float] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(response: object) -> None:
        stamps.append(time.process_time())

    run()
    gaps = [b - a for a, b in itertools.pairwise(stamps)] or [0.0]
    return built * 1000, statistics.median(gaps) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--services", default=TWELVE)
    args = parser.parse_args()
    per_service: Dict[str, List[float]] = {}
    builds: List[float] = []
    for service in args.services.split(","):
        for operation in service_model(service).operation_names:
            built, each = time_operation(service, operation, args.examples)
            builds.append(built)
            per_service.setdefault(service, []).append(each)
    print(f"{'service':<16}{'operations':>11}{'median ms':>11}{'max ms':>9}")
    for service, times in per_service.items():
        print(f"{service:<16}{len(times):>11}{statistics.median(times):>11.2f}{max(times):>9.2f}")
    every = [t for times in per_service.values() for t in times]
    median = statistics.median(every)
    print(
        f"all: {len(every)} operations, {args.examples} responses each; median"
        f" {median:.2f} ms per response (target <= {TARGET_MS} ms:"
        f" {'met' if median <= TARGET_MS else 'missed'}), 90th percentile"
        f" {statistics.quantiles(every, n=10)[-1] if len(every) > 1 else median:.2f} ms;"
        f" building a strategy: median {statistics.median(builds):.2f} ms"
    )


if __name__ == "__main__":
    main()
