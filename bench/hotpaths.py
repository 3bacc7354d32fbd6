"""Profile awsmock's hot paths with cProfile (or pyinstrument, if installed).

    .venv-bench/bin/python bench/hotpaths.py [send|get|fast|cycle] [--calls N] [--pyinstrument]

``send``: validate=True SendMessage; ``get``: validate=True GetObject + read;
``fast``: validate=False SendMessage; ``cycle``: the per-test cycle (start,
one response, one call, stop). Prints the top functions by own time and by
cumulative time, per call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import run  # sets the fake AWS environment
from _common import GET_OBJECT, SEND_MESSAGE
from tool_awsmock import AwsMockTool


def workload(kind: str, calls: int) -> Callable[[], Any]:
    tool = AwsMockTool(validate=kind != "fast")
    tool.load()
    if kind == "cycle":
        run.per_test(tool, 20)  # warm
        return lambda: run.per_test(tool, calls)
    op = GET_OBJECT if kind == "get" else SEND_MESSAGE
    run.per_call(tool, op, 20)  # warm
    return lambda: run.per_call(tool, op, calls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["send", "get", "fast", "cycle"])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args()
    job = workload(args.kind, args.calls)
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0001)
        profiler.start()
        job()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    profile = cProfile.Profile()
    profile.enable()
    job()
    profile.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(args.top)
        print(f"==== {args.kind}, {args.calls} calls, by {order}")
        print(out.getvalue().split("\n", 6)[-1] if order == "tottime" else out.getvalue())


if __name__ == "__main__":
    main()
