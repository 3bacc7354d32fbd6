"""Start-up workloads: what awsmock costs a run that does not use it.

Both run in fresh subprocesses, so nothing this benchmark process imported
counts:

- ``plugin_unused``: a generated suite of trivial tests (none uses awsmock),
  run by pytest once with the awsmock plugin loaded through its ``pytest11``
  entry point and once with ``-p no:awsmock``, alternated; the figure is the
  ratio of the median wall times. Every other ``pytest11`` plugin is disabled
  in both runs. A conftest in the suite records which ``boto3``/``botocore``
  modules are imported once collection is done (start-up) and at the end.
- ``import_awsmock``: the milliseconds ``from awsmock import patch_boto3`` adds in a fresh
  interpreter that has already imported ``botocore.client`` (perf_counter
  around the import), with ``-X importtime``'s cumulative figure for the same
  import and the heaviest modules awsmock imports beyond botocore.client.

Figures only: nothing here asserts a timing. Run alone with
``python bench/startup.py [--quick] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from importlib import metadata
from typing import Any, Dict, Iterable, List, Optional, Tuple

Result = Dict[str, Any]

FULL = {"suite_tests": 3000, "suite_repeats": 7, "import_repeats": 9}
QUICK = {"suite_tests": 300, "suite_repeats": 1, "import_repeats": 1}

PLUGIN_RATIO_LIMIT = 1.02
IMPORT_MS_LIMIT = 8.0
TESTS_PER_MODULE = 100
AWS_PACKAGES = ("boto3", "botocore")

# The suite's conftest: which AWS modules are imported after collection
# (start-up, before the first test) and at the end of the session.
CONFTEST = """
import json
import os
import sys

AWS = {packages!r}
OUT = os.environ["AWSMOCK_BENCH_IMPORTS"]
seen = {{}}


def aws_modules():
    return sorted(m for m in sys.modules if m.split(".")[0] in AWS)


def pytest_collection_finish(session):
    seen["startup"] = aws_modules()
    seen["plugin_loaded"] = "awsmock.pytest_plugin" in sys.modules


def pytest_sessionfinish(session):
    seen["end"] = aws_modules()
    with open(OUT, "w") as out:
        json.dump(seen, out)
"""

IMPORT_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import botocore.client
t1 = time.perf_counter()
before = set(sys.modules)
# What a test writes: "import awsmock" alone imports almost nothing (lazy names).
from awsmock import AwsMock, patch_boto3
t2 = time.perf_counter()
old = {m.split(".")[0] for m in before}
new = {m for m in set(sys.modules) - before if m.split(".")[0] != "awsmock"}
new = sorted({m if m.split(".")[0] in old else m.split(".")[0] for m in new})
print(json.dumps({"botocore_client": t1 - t0, "awsmock": t2 - t1, "new": new}))
"""


def python(args: List[str]) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with ``args`` in an empty directory; its last stderr line on failure."""
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [sys.executable, *args], cwd=cwd, env=clean_env(), capture_output=True, text=True
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [""])[-1]
        shown = " ".join([*args[:-2], "-c ..."])
        raise RuntimeError(f"python {shown} exited {done.returncode}: {last}")
    return done


def clean_env() -> Dict[str, str]:
    """This environment, without what would change pytest's plugins or options."""
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE: every import would compile from source, which
    # no user's second run does (a warm-up run writes the bytecode).
    for name in (
        "PYTEST_ADDOPTS",
        "PYTEST_PLUGINS",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    return env


# plugin installed but unused


def other_plugins() -> List[str]:
    """Names of the installed ``pytest11`` entry points other than awsmock's."""
    found = metadata.entry_points()
    if hasattr(found, "select"):  # Python 3.10+
        group: Iterable[Any] = found.select(group="pytest11")
    else:  # Python 3.9: a dict of groups
        group = found.get("pytest11", [])  # type: ignore[attr-defined,unused-ignore]
    return sorted({ep.name for ep in group} - {"awsmock"})


def write_suite(root: str, tests: int) -> None:
    """``tests`` trivial tests in modules of up to 100, a conftest and a pytest.ini."""
    with open(os.path.join(root, "pytest.ini"), "w", encoding="utf-8") as ini:
        ini.write("[pytest]\n")  # the rootdir: no project configuration applies
    with open(os.path.join(root, "conftest.py"), "w", encoding="utf-8") as conftest:
        conftest.write(CONFTEST.format(packages=AWS_PACKAGES))
    for start in range(0, tests, TESTS_PER_MODULE):
        count = min(TESTS_PER_MODULE, tests - start)
        body = "".join(f"def test_{n}():\n    pass\n\n\n" for n in range(count))
        name = f"test_m{start // TESTS_PER_MODULE:03d}.py"
        with open(os.path.join(root, name), "w", encoding="utf-8") as module:
            module.write(body)


def run_suite(root: str, tests: int, with_plugin: bool) -> Tuple[float, Dict[str, Any]]:
    """Wall seconds of one pytest subprocess over the suite, and what its conftest saw."""
    record = os.path.join(root, "imports.json")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    for name in other_plugins():
        command += ["-p", f"no:{name}"]
    if not with_plugin:
        command += ["-p", "no:awsmock"]
    env = clean_env()
    env["AWSMOCK_BENCH_IMPORTS"] = record
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or f"{tests} passed" not in done.stdout:
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise RuntimeError(f"pytest exited {done.returncode}: {' | '.join(tail)}")
    with open(record, encoding="utf-8") as seen:
        return elapsed, dict(json.load(seen))


def plugin_unused(tests: int, repeats: int) -> Result:
    """Median wall time of the suite with and without the awsmock plugin, alternated."""
    with tempfile.TemporaryDirectory() as root:
        write_suite(root, tests)
        run_suite(root, tests, False)  # warm-up: writes the test modules' .pyc files
        runs: Dict[bool, List[float]] = {True: [], False: []}
        seen: Dict[bool, Dict[str, Any]] = {}
        for i in range(repeats):
            for with_plugin in (True, False) if i % 2 == 0 else (False, True):
                elapsed, seen[with_plugin] = run_suite(root, tests, with_plugin)
                runs[with_plugin].append(elapsed)
    if not seen[True]["plugin_loaded"] or seen[False]["plugin_loaded"]:
        raise RuntimeError("the awsmock plugin was not loaded (only) where expected")
    with_s = statistics.median(runs[True])
    without_s = statistics.median(runs[False])
    return {
        "median": with_s / without_s,
        "with_plugin_s": with_s,
        "without_plugin_s": without_s,
        "with_plugin_runs": [round(r, 4) for r in runs[True]],
        "without_plugin_runs": [round(r, 4) for r in runs[False]],
        "tests": tests,
        "modules": -(-tests // TESTS_PER_MODULE),
        "repeats": repeats,
        "disabled_plugins": ["cacheprovider", *other_plugins()],
        "startup_imports": seen[True]["startup"],
        "end_imports": seen[True]["end"],
        "baseline_startup_imports": seen[False]["startup"],
    }


# import awsmock over import botocore.client


def import_probe() -> Dict[str, Any]:
    done = python(["-c", IMPORT_PROBE])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def importtime_probe() -> Tuple[float, float, List[Tuple[str, float]]]:
    """``-X importtime``: awsmock's cumulative ms, its own modules' self ms, and the
    cumulative ms of each module outside awsmock that an awsmock module imports."""
    done = python(
        ["-X", "importtime", "-c", "import botocore.client; from awsmock import patch_boto3"]
    )
    rows: List[Tuple[int, str, float, float]] = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        own = int(parts[0].split(":", 1)[1]) / 1e3
        name = parts[2][1:].rstrip()  # " " then two spaces per level of nesting
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((depth, name.strip(), own, int(parts[1]) / 1e3))
    top = [i for i, (depth, name, _, _) in enumerate(rows) if depth == 0 and name == "awsmock"]
    if not top:
        raise RuntimeError("no top-level awsmock line in -X importtime's output")
    end = top[-1]
    begin = max((i for i in range(end) if rows[i][0] == 0), default=-1) + 1
    # importtime prints children before their parent: walk back to find parents.
    heavy: List[Tuple[str, float]] = []
    stack: List[str] = ["awsmock"]
    for depth, name, _, cumulative in reversed(rows[begin:end]):
        del stack[depth:]
        parent = stack[-1]
        stack.append(name)
        if parent.split(".")[0] == "awsmock" and name.split(".")[0] != "awsmock":
            heavy.append((name, cumulative))
    heavy.sort(key=lambda item: -item[1])
    own = sum(row[2] for row in rows[begin : end + 1] if row[1].split(".")[0] == "awsmock")
    return rows[end][3], own, heavy[:5]


def import_awsmock(repeats: int) -> Result:
    """Median ms ``import awsmock`` adds after ``import botocore.client``, fresh interpreters."""
    import_probe()  # compile any stale .pyc files first
    probes = [import_probe() for _ in range(repeats)]
    timed = [importtime_probe() for _ in range(repeats)]
    runs = [p["awsmock"] * 1e3 for p in probes]
    return {
        "median": statistics.median(runs),
        "runs": [round(r, 3) for r in runs],
        "botocore_client_ms": statistics.median(p["botocore_client"] for p in probes) * 1e3,
        "importtime_ms": statistics.median(t[0] for t in timed),
        "importtime_own_ms": statistics.median(t[1] for t in timed),
        "heaviest_imports": [{"module": m, "ms": round(ms, 2)} for m, ms in timed[-1][2]],
        "new_modules": probes[-1]["new"],
        "repeats": repeats,
    }


# running and reporting


def guarded(measure: Any) -> Result:
    try:
        return dict(measure())
    except Exception as error:  # a benchmark must finish: report, do not crash
        text = str(error).splitlines()[0][:200] if str(error) else ""
        return {"error": f"{type(error).__name__}: {text}"}


def measure(sizes: Dict[str, int]) -> Dict[str, Result]:
    tests, suite_repeats = sizes["suite_tests"], sizes["suite_repeats"]
    return {
        "plugin_unused": guarded(lambda: plugin_unused(tests, suite_repeats)),
        "import_awsmock": guarded(lambda: import_awsmock(sizes["import_repeats"])),
    }


def value(startup: Optional[Dict[str, Result]], key: str) -> Optional[float]:
    cell = (startup or {}).get(key, {})
    median = cell.get("median")
    return float(median) if isinstance(median, (int, float)) else None


def target_rows(
    startup: Optional[Dict[str, Result]],
) -> List[Tuple[str, Optional[float], float, str]]:
    """(label, measured, limit, unit) for run.py's targets list."""
    return [
        (
            f"plugin unused: suite time ≤ {PLUGIN_RATIO_LIMIT}x -p no:awsmock",
            value(startup, "plugin_unused"),
            PLUGIN_RATIO_LIMIT,
            "x",
        ),
        (
            f"import awsmock ≤ {IMPORT_MS_LIMIT:g} ms over botocore.client",
            value(startup, "import_awsmock"),
            IMPORT_MS_LIMIT,
            " ms",
        ),
    ]


def verdict(measured: Optional[float], limit: float) -> str:
    return "met" if measured is not None and measured <= limit else "NOT met"


def module_list(modules: List[str]) -> str:
    if not modules:
        return "none"
    shown = ", ".join(modules[:8]) + (", …" if len(modules) > 8 else "")
    return f"{len(modules)} modules ({shown})"


def lines(startup: Dict[str, Result]) -> str:
    out = ["Start-up (fresh subprocesses):"]
    suite = startup.get("plugin_unused", {})
    if "error" in suite:
        out.append(f"  plugin installed but unused: error: {suite['error']}")
    else:
        ratio = suite["median"]
        out += [
            f"  pytest, {suite['tests']:,} trivial tests in {suite['modules']} modules, none using"
            f" awsmock (median of {suite['repeats']} alternated runs each):",
            f"    awsmock plugin loaded (entry point)  {suite['with_plugin_s']:.3f} s",
            f"    -p no:awsmock                        {suite['without_plugin_s']:.3f} s",
            f"    ratio                                {ratio:.3f}x"
            f"  {verdict(ratio, PLUGIN_RATIO_LIMIT)} (target ≤ {PLUGIN_RATIO_LIMIT}x)",
            f"    plugin imports at start-up: {module_list(suite['startup_imports'])}",
        ]
        if suite["end_imports"] != suite["startup_imports"]:
            out.append(f"    by the end of the run: {module_list(suite['end_imports'])}")
        if suite["baseline_startup_imports"]:
            baseline = module_list(suite["baseline_startup_imports"])
            out.append(f"    (even with -p no:awsmock: {baseline})")
    imp = startup.get("import_awsmock", {})
    if "error" in imp:
        out.append(f"  import awsmock over botocore.client: error: {imp['error']}")
    else:
        ms = imp["median"]
        heavy = ", ".join(f"{h['module']} {h['ms']:.1f}" for h in imp["heaviest_imports"])
        out += [
            f"  import awsmock over import botocore.client: {ms:.1f} ms"
            f"  {verdict(ms, IMPORT_MS_LIMIT)} (target ≤ {IMPORT_MS_LIMIT:g} ms)",
            f"    median of {imp['repeats']}; botocore.client itself"
            f" {imp['botocore_client_ms']:.0f} ms;"
            f" -X importtime: {imp['importtime_ms']:.1f} ms cumulative,"
            f" {imp['importtime_own_ms']:.1f} ms in awsmock's own modules",
            f"    heaviest imports from awsmock (ms cumulative): {heavy or 'none'}",
            "    also imports: "
            + textwrap.shorten(", ".join(imp["new_modules"]) or "nothing", 90, placeholder=" …"),
        ]
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts (CI)")
    parser.add_argument("--json", metavar="PATH", help="write the figures to PATH as JSON")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    started = time.perf_counter()
    startup = measure(sizes)
    print(lines(startup))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"sizes": sizes, "startup": startup}, out, indent=2, ensure_ascii=False)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
