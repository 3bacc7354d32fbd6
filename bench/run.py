"""Benchmark awsmock against a bare mock.patch, botocore's Stubber, moto, placebo and tripwire.

Run from the repository root, in the benchmark venv (see README, Performance):

    .venv-bench/bin/python bench/run.py [--quick] [--json bench/results.json]

Every tool goes through the same workloads in this one process; each figure is
the median of repeated runs, and ratios are to the floor (a bare
``mock.patch.object(BaseClient, "_make_api_call", return_value=...)``). A tool
that is not installed is reported as skipped. This is a benchmark, not a test:
it asserts nothing about timings.

After the table come the async workloads (bench/async_tools.py: the same two
calls through an aiobotocore client, reported as skipped without aiobotocore;
alone with ``--only async``), then the start-up workloads (bench/startup.py, fresh
subprocesses): a pytest suite that does not use awsmock, with and without its
plugin, and what ``import awsmock`` adds over ``import botocore.client``. Run
them alone with ``bench/startup.py`` or ``--only startup``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from importlib import metadata
from typing import Any, Callable, Dict, List, Optional, Set

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import FAKE_ENV

os.environ.update(FAKE_ENV)  # before any tool module creates a session

import async_tools
import startup
import tool_awsmock
import tool_floor
import tool_moto
import tool_placebo
import tool_stubber
import tool_tripwire
from _common import GET_OBJECT, SEND_MESSAGE, Op, Skipped, Tool

Result = Dict[str, Any]

FULL = {
    "calls": 2000,
    "repeats": 5,
    "growth_small": 100,
    "growth_large": 50_000,
    "growth_repeats": 3,
    "tests": 200,
    "clients": 20,
    "imports": 7,
    "memory_calls": 5000,
    "moto_calls": 200,
    "slow_growth_large": 2000,
    **startup.FULL,
}
QUICK = {
    "calls": 50,
    "repeats": 1,
    "growth_small": 50,
    "growth_large": 500,
    "growth_repeats": 1,
    "tests": 5,
    "clients": 2,
    "imports": 1,
    "memory_calls": 50,
    "moto_calls": 10,
    "slow_growth_large": 100,
    **startup.QUICK,
}

COLUMNS = [
    ("send_message", "SendMessage", "µs/call"),
    ("get_object", "GetObject+read", "µs/call"),
    ("per_test", "per test", "µs/test"),
    ("growth", "growth", "µs/call big/small"),
    ("memory", "memory", "bytes/call"),
    ("client_creation", "boto3.client", "xunpatched"),
    ("import", "import", "ms over botocore"),
]


def all_tools() -> List[Tool]:
    """Display order; moto is loaded first (it sees only sessions made after its import)."""
    return [
        *tool_floor.tools(),
        *tool_awsmock.tools(),
        *tool_stubber.tools(),
        *tool_tripwire.tools(),
        *tool_placebo.tools(),
        *tool_moto.tools(),
    ]


def load(tools: List[Tool]) -> Dict[str, str]:
    """Import each tool (moto first); return {name: reason} for the skipped ones."""
    skipped: Dict[str, str] = {}
    for tool in sorted(tools, key=lambda t: t.name != "moto"):
        try:
            tool.load()
        except Skipped as reason:
            skipped[tool.name] = str(reason)
    return skipped


# workloads


def per_call(tool: Tool, op: Op, n: int) -> float:
    """Seconds per call to register ``n`` responses, make ``n`` calls and verify."""
    client = tool.client(op[0])
    tool.start()
    try:
        method = getattr(client, op[2])
        params = op[3]
        responses = [tool.response_for(op) for _ in range(n)]
        gc.collect()
        start = time.perf_counter()
        for response in responses:
            tool.add(client, op, response)
        tool.before_calls()
        if op is GET_OBJECT:
            for _ in range(n):
                method(**params)["Body"].read()
        else:
            for _ in range(n):
                method(**params)
        tool.after_calls()
        tool.assertions(op, n)
        tool.check()
        elapsed = time.perf_counter() - start
    finally:
        tool.stop()
    return elapsed / n


def memory_per_call(tool: Tool, op: Op, n: int) -> float:
    """Bytes still allocated per call after ``n`` registered-and-served calls (tracemalloc)."""
    client = tool.client(op[0])
    tool.start()
    try:
        method = getattr(client, op[2])
        params = op[3]
        responses = [tool.response_for(op) for _ in range(n)]
        method_warm = n  # the first call of a client warms botocore's caches: keep it out
        tool.add(client, op, tool.response_for(op))
        tool.before_calls()
        method(**params)
        tool.after_calls()
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for response in responses:
            tool.add(client, op, response)
        tool.before_calls()
        for _ in range(n):
            method(**params)
        tool.after_calls()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        tool.assertions(op, method_warm + 1)
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        tool.stop()
    return (after - before) / n


def per_test(tool: Tool, tests: int) -> float:
    """Seconds per test: start, one response, one call, the test's assertions, stop."""
    op = SEND_MESSAGE
    client = tool.client(op[0])
    method = client.send_message
    params = op[3]
    responses = [tool.response_for(op) for _ in range(tests)]
    gc.collect()
    start = time.perf_counter()
    for response in responses:
        tool.start()
        tool.add(client, op, response)
        tool.before_calls()
        method(**params)
        tool.after_calls()
        tool.assertions(op, 1)
        tool.stop()
    return (time.perf_counter() - start) / tests


def client_seconds(create: Callable[[], Any], count: int) -> float:
    """Seconds per client creation, after one warm-up creation."""
    create()
    gc.collect()
    start = time.perf_counter()
    for _ in range(count):
        create()
    return (time.perf_counter() - start) / count


def unpatched_client() -> Any:
    import boto3

    return boto3.client("s3")


def patched_client_seconds(tool: Tool, count: int) -> float:
    tool.start()
    tool.before_calls()
    try:
        create = getattr(tool, "create_client", unpatched_client)
        return client_seconds(create, count)
    finally:
        tool.after_calls()
        tool.stop()


IMPORT_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import botocore.client
t1 = time.perf_counter()
import {module}
t2 = time.perf_counter()
print(json.dumps({{"botocore": t1 - t0, "extra": t2 - t1,
                  "pytest": "pytest" in sys.modules, "django": "django" in sys.modules}}))
"""


def import_probe(module: str) -> Dict[str, Any]:
    """Import ``module`` after ``botocore.client`` in a fresh interpreter."""
    code = IMPORT_PROBE.format(module=module)
    with tempfile.TemporaryDirectory() as cwd:
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


# running and reporting


def repeat(measure: Callable[[], float], repeats: int, scale: float = 1e6) -> Result:
    runs = [measure() * scale for _ in range(repeats)]
    return {"median": statistics.median(runs), "runs": [round(r, 3) for r in runs]}


def guarded(measure: Callable[[], Result]) -> Result:
    """Run one measurement; a tool that breaks shows its error, the run goes on."""
    try:
        return measure()
    except Exception as error:  # a benchmark must finish: report, do not crash
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"}


def measure_tool(tool: Tool, sizes: Dict[str, int], unpatched: float) -> Dict[str, Result]:
    results: Dict[str, Result] = {}
    repeats = sizes["repeats"]
    slow = tool.slow
    calls = sizes["moto_calls"] if tool.name == "moto" else sizes["calls"]

    def workload(op: Op) -> Result:
        per_call(tool, op, min(calls, 10))  # warm botocore's lazy caches
        result = repeat(lambda: per_call(tool, op, calls), repeats)
        result["n"] = calls
        return result

    results["send_message"] = guarded(lambda: workload(SEND_MESSAGE))
    results["get_object"] = guarded(lambda: workload(GET_OBJECT))

    def cycle() -> Result:
        tests = max(sizes["tests"] // (10 if slow else 1), 3)
        per_test(tool, 3)
        result = repeat(lambda: per_test(tool, tests), repeats)
        result["n"] = tests
        return result

    results["per_test"] = guarded(cycle)

    def growth() -> Result:
        small, large = sizes["growth_small"], sizes["growth_large"]
        if slow:
            large = sizes["slow_growth_large"]
        r = sizes["growth_repeats"]
        at_small = repeat(lambda: per_call(tool, SEND_MESSAGE, small), max(r, repeats))
        at_large = repeat(lambda: per_call(tool, SEND_MESSAGE, large), r)
        return {
            "median": at_large["median"] / at_small["median"],
            "small": {"n": small, **at_small},
            "large": {"n": large, **at_large},
        }

    results["growth"] = guarded(growth)

    def memory() -> Result:
        n = sizes["memory_calls"] // (10 if slow else 1)
        return {"median": memory_per_call(tool, SEND_MESSAGE, n), "n": n}

    results["memory"] = guarded(memory)

    def clients() -> Result:
        if not tool.patches_globally:
            return {"skipped": "not a global patch"}
        count = sizes["clients"]
        ratios, patched = [], []
        for _ in range(repeats):
            # The unpatched baseline right before each patched run: no drift.
            base = client_seconds(unpatched_client, count)
            patched.append(patched_client_seconds(tool, count))
            ratios.append(patched[-1] / base)
        return {
            "median": statistics.median(ratios),
            "runs": [round(r, 3) for r in ratios],
            "us": statistics.median(patched) * 1e6,
        }

    results["client_creation"] = guarded(clients)

    def imports() -> Result:
        if sizes["imports"] > 1:
            import_probe(tool.import_name)  # compile .pyc files first
        probes = [import_probe(tool.import_name) for _ in range(sizes["imports"])]
        return {
            "median": statistics.median(p["extra"] for p in probes) * 1e3,
            "botocore_ms": statistics.median(p["botocore"] for p in probes) * 1e3,
            "imports_pytest": any(p["pytest"] for p in probes),
            "imports_django": any(p["django"] for p in probes),
        }

    results["import"] = guarded(imports)
    return results


def versions(tools: List[Tool]) -> Dict[str, str]:
    found: Dict[str, str] = {}
    for dist in ("boto3", "botocore", *[d for t in tools for d in t.distributions]):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "not installed"
    return found


def git_revision() -> str:
    """The awsmock commit measured ("+" if the working tree has changes)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "awsmock"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (rev or "unknown") + ("+" if dirty else "")


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def with_ratios(results: Dict[str, Dict[str, Result]]) -> None:
    """Add each timing's ratio to the floor's."""
    floor = results.get("floor", {})
    for key in ("send_message", "get_object", "per_test"):
        base = floor.get(key, {}).get("median")
        for tool_results in results.values():
            cell = tool_results.get(key, {})
            if base and "median" in cell:
                cell["ratio"] = cell["median"] / base


def cell_text(key: str, cell: Optional[Result]) -> str:
    if cell is None:
        return "-"
    if "skipped" in cell:
        return cell["skipped"]
    if "error" in cell:
        return "error"
    value = cell["median"]
    if key in ("send_message", "get_object", "per_test"):
        text = f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"
        if "ratio" in cell:
            text += f" ({cell['ratio']:.1f}x)"
        return text
    if key == "growth":
        return f"{value:.2f}x ({cell['small']['n']:,}→{cell['large']['n']:,})"
    if key == "memory":
        return f"{value:,.0f}"
    if key == "client_creation":
        return f"{value:.2f}x"
    if key == "import":
        extra = " +pytest" if cell.get("imports_pytest") else ""
        extra += " +django" if cell.get("imports_django") else ""
        return f"{value:.1f}{extra}"
    return str(value)


def table(tools: List[Tool], results: Dict[str, Dict[str, Result]], skipped: Dict[str, str]) -> str:
    header = ["tool", *[title for _, title, _ in COLUMNS]]
    units = ["", *[unit for _, _, unit in COLUMNS]]
    rows = [header, units]
    for tool in tools:
        if tool.name in skipped:
            rows.append([tool.name, f"skipped ({skipped[tool.name]})", *[""] * (len(COLUMNS) - 1)])
            continue
        rows.append([tool.name, *[cell_text(k, results[tool.name].get(k)) for k, _, _ in COLUMNS]])
    widths = [max(len(row[i]) for row in rows if len(row[i]) < 40) for i in range(len(header))]
    lines = []
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if row is units:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def targets(
    results: Dict[str, Dict[str, Result]],
    sizes: Dict[str, int],
    started: Optional[Dict[str, Result]] = None,
    async_section: Optional[Result] = None,
) -> List[Dict[str, Any]]:
    """The issue's targets for awsmock, measured (start-up and async ones if they ran)."""
    full = results.get("awsmock validate=True", {})
    fast = results.get("awsmock validate=False", {})

    def get(cell: Result, key: str = "ratio") -> Optional[float]:
        value = cell.get(key)
        return float(value) if isinstance(value, (int, float)) else None

    # Issue 8 tightened issue 5's per-call targets (4x, 4x, 1.5x); the rest are issue 5's.
    rows = [
        ("validate=True SendMessage ≤ 2.5x floor", get(full.get("send_message", {})), 2.5, "x"),
        ("validate=True GetObject+read ≤ 3x floor", get(full.get("get_object", {})), 3.0, "x"),
        ("validate=False SendMessage ≤ 1.2x floor", get(fast.get("send_message", {})), 1.2, "x"),
        ("validate=False GetObject+read ≤ 1.5x floor", get(fast.get("get_object", {})), 1.5, "x"),
        ("per test ≤ 1.5x floor", get(full.get("per_test", {})), 1.5, "x"),
        (
            f"validate=True growth: µs/call at {sizes['growth_large']:,}"
            f" ≤ 1.2x at {sizes['growth_small']:,}",
            get(full.get("growth", {}), "median"),
            1.2,
            "x",
        ),
        (
            f"validate=False growth: µs/call at {sizes['growth_large']:,}"
            f" ≤ 1.2x at {sizes['growth_small']:,}",
            get(fast.get("growth", {}), "median"),
            1.2,
            "x",
        ),
        (
            "boto3.client('s3') while patched ≤ 1.1x unpatched",
            get(full.get("client_creation", {}), "median"),
            1.1,
            "x",
        ),
        (
            "import awsmock ≤ 20 ms over botocore.client",
            get(full.get("import", {}), "median"),
            20.0,
            " ms",
        ),
    ]
    if not full and not fast:
        rows = []  # the sync workloads did not run (--only)
    if started is not None:
        rows += startup.target_rows(started)
    out = []
    for label, value, limit, unit in rows:
        out.append(
            {
                "target": label,
                "measured": value,
                "limit": limit,
                "unit": unit.strip() or "x",
                "compare": "<=",
                "met": value is not None and value <= limit,
            }
        )
    out += async_tools.target_rows(async_section)
    imp = full.get("import", {})
    if "median" in imp:
        clean = not imp["imports_pytest"] and not imp["imports_django"]
        out.append(
            {
                "target": "import awsmock imports neither pytest nor Django",
                "measured": None,
                "limit": None,
                "unit": "",
                "met": clean,
            }
        )
    return out


def target_lines(rows: List[Dict[str, Any]]) -> str:
    lines = ["Targets (issues 5 and 8), awsmock:"]
    for row in rows:
        value = row["measured"]
        unit = "x" if row["unit"] == "x" else row["unit"]
        shown = "" if value is None else f"{value:.2f}{'x' if unit == 'x' else ' ' + unit}  "
        lines.append(f"  {'met    ' if row['met'] else 'NOT met'}  {shown}{row['target']}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts (CI): a few seconds")
    parser.add_argument("--json", metavar="PATH", help="write every figure to PATH as JSON")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated tool names (floor always runs); 'startup' for the start-up"
        " workloads, 'async' for the async ones",
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL

    tools = all_tools()
    wanted: Set[str] = set()
    if args.only:
        wanted = {n.strip() for n in args.only.split(",")} | {"floor"}
        tools = [t for t in tools if t.name in wanted or t.name.split()[0] in wanted]
    skipped = load(tools)
    unpatched_runs = [
        client_seconds(unpatched_client, sizes["clients"]) for _ in range(sizes["repeats"])
    ]
    unpatched = statistics.median(unpatched_runs)

    results: Dict[str, Dict[str, Result]] = {}
    started = time.perf_counter()
    for tool in tools:
        if tool.name in skipped:
            results[tool.name] = {}
            continue
        began = time.perf_counter()
        results[tool.name] = measure_tool(tool, sizes, unpatched)
        took = time.perf_counter() - began
        print(f"measured {tool.name} in {took:.1f} s", file=sys.stderr, flush=True)
    with_ratios(results)
    async_section: Optional[Result] = None
    if not args.only or "async" in wanted:
        began = time.perf_counter()
        async_section = async_tools.measure(sizes)
        took = time.perf_counter() - began
        print(f"measured async in {took:.1f} s", file=sys.stderr, flush=True)
    started_up: Optional[Dict[str, Result]] = None
    if not args.only or "startup" in wanted:
        began = time.perf_counter()
        started_up = startup.measure(sizes)
        took = time.perf_counter() - began
        print(f"measured start-up in {took:.1f} s", file=sys.stderr, flush=True)
    goals = targets(results, sizes, started_up, async_section)

    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if args.quick else "full",
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu_name(),
        "cpus": os.cpu_count(),
        "versions": versions(tools),
        "awsmock_commit": git_revision(),
        "sizes": sizes,
        "unpatched_client_us": unpatched * 1e6,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(
        f"awsmock benchmark ({meta['mode']}), {meta['date']}: Python {meta['python']},"
        f" {meta['cpu']} ({meta['cpus']} cpus), "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        + f" (awsmock commit {meta['awsmock_commit']})"
    )
    print(
        f"Medians of {sizes['repeats']} runs; (Nx) is the ratio to the floor."
        f" Per call: {sizes['calls']:,} calls (moto {sizes['moto_calls']:,}), register +"
        f" call + verify. Unpatched boto3.client('s3'): {unpatched * 1e6:,.0f} µs.\n"
    )
    print(table(tools, results, skipped))
    for tool in tools:
        for key, cell in results[tool.name].items():
            if "error" in cell:
                print(f"\n{tool.name} {key}: {cell['error']}")
    if async_section is not None:
        print()
        print(async_tools.lines(async_section))
    if started_up is not None:
        print()
        print(startup.lines(started_up))
    print()
    print(target_lines(goals))
    if args.json:
        payload = {
            "meta": meta,
            "tools": {
                t.name: {"pays_for": t.pays_for, "quirks": t.quirks, "skipped": skipped.get(t.name)}
                for t in tools
            },
            "results": results,
            "async": async_section,
            "startup": started_up,
            "targets": goals,
        }
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(payload, out, indent=2, ensure_ascii=False)
            out.write("\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
