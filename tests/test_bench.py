"""The benchmark (bench/run.py) must keep running: its quick mode, as CI runs it.

No timing is asserted here; only that every workload runs, the table is
printed, the JSON is complete, and a missing anchor is reported as skipped (the
async section too, where aiobotocore is not installed).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Tuple

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "bench" / "run.py"

WORKLOADS = (
    "send_message",
    "get_object",
    "per_test",
    "growth",
    "memory",
    "client_creation",
    "import",
)

# bench/startup.py's workloads, in the JSON's "startup" and the targets.
STARTUP_TARGETS = (
    "plugin unused: suite time ≤ 1.02x -p no:awsmock",
    "import awsmock ≤ 8 ms over botocore.client",
)

# bench/async_tools.py's section: "async" in the JSON, only with aiobotocore.
ASYNC = importlib.util.find_spec("aiobotocore") is not None
ASYNC_TOOLS = (
    "async floor",
    "awsmock validate=True",
    "awsmock validate=False",
    "AioStubber",
    "moto server",
)
ASYNC_WORKLOADS = ("send_message", "get_object")
ASYNC_TARGETS = (
    "async validate=True SendMessage ≤ 3x async floor",
    "async validate=True SendMessage ≥ 4x faster than AioStubber",
    "async validate=True GetObject+read ≤ 3x async floor",
    "async validate=True GetObject+read ≥ 4x faster than AioStubber",
)

# Runs bench/run.py's main() with placebo and tripwire made unimportable, so
# the "not installed" path is exercised whatever this venv holds.
WITHOUT_ANCHORS = """
import runpy, sys
sys.modules["placebo"] = None
sys.modules["tripwire"] = None
sys.argv = ["run.py", *sys.argv[1:]]
runpy.run_path({path!r}, run_name="__main__")
"""


def run_quick(tmp_path: Path) -> Tuple[str, Dict[str, Any]]:
    """bench/run.py --quick, with placebo and tripwire unimportable: (stdout, its JSON)."""
    out = tmp_path / "results.json"
    code = WITHOUT_ANCHORS.format(path=str(RUN))
    done = subprocess.run(
        [sys.executable, "-c", code, "--quick", "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_quick_mode_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    stdout, data = run_quick(tmp_path)

    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("tool "))
    for title in ("SendMessage", "GetObject+read", "per test", "growth", "memory", "import"):
        assert title in header
    rows = {line.split("  ")[0].strip(): line for line in lines}
    for tool in ("floor", "awsmock validate=True", "awsmock validate=False", "Stubber"):
        assert tool in rows, stdout
        assert "error" not in rows[tool], rows[tool]
    assert "skipped (not installed)" in rows["placebo"]
    assert "skipped (not installed)" in rows["tripwire"]
    assert "Targets (issues 5 and 8), awsmock:" in stdout
    assert "validate=True SendMessage ≤ 2.5x floor" in stdout

    assert data["meta"]["mode"] == "quick"
    assert set(data["meta"]["versions"]) >= {"boto3", "botocore", "awsmock"}
    for tool in ("floor", "awsmock validate=True", "awsmock validate=False"):
        results = data["results"][tool]
        assert set(results) == set(WORKLOADS)
        for workload in WORKLOADS:
            assert isinstance(results[workload]["median"], float), (tool, workload)
        assert results["send_message"]["n"] == data["meta"]["sizes"]["calls"]
    assert data["results"]["awsmock validate=True"]["send_message"]["ratio"] > 0
    assert data["tools"]["placebo"]["skipped"] == "not installed"
    assert data["results"]["placebo"] == {}
    assert data["results"]["Stubber"]["client_creation"] == {"skipped": "not a global patch"}
    targets = {row["target"]: row for row in data["targets"]}
    assert "import awsmock imports neither pytest nor Django" in targets
    assert all(isinstance(row["met"], bool) for row in targets.values())
    for target in STARTUP_TARGETS:
        assert isinstance(targets[target]["measured"], float), target
        assert target in stdout
    check_start_up(stdout, data)
    check_async(stdout, data)


def check_async(stdout: str, data: Dict[str, Any]) -> None:
    """The async section (bench/async_tools.py): its structure, or skipped without aiobotocore."""
    section = data["async"]
    targets = {row["target"]: row for row in data["targets"]}
    if not ASYNC:
        assert section == {"skipped": "aiobotocore not installed"}
        assert "Async (aiobotocore): skipped (aiobotocore not installed)" in stdout
        assert not set(ASYNC_TARGETS) & set(targets)
        return

    assert "Async (aiobotocore client, " in stdout
    sizes = data["meta"]["sizes"]
    assert section["calls"] == sizes["calls"]
    assert section["moto_calls"] == sizes["moto_calls"]
    assert section["floor_calls"] >= sizes["calls"]
    assert section["repeats"] == sizes["repeats"]
    assert set(section["versions"]) >= {"aiobotocore", "moto"}
    assert list(section["tools"]) == list(section["results"]) == list(ASYNC_TOOLS)
    lines = stdout[stdout.index("Async (aiobotocore client, ") :].splitlines()
    header = next(line for line in lines if line.startswith("tool "))
    assert "SendMessage" in header and "GetObject+read" in header
    rows = {line.split("  ")[0].strip(): line for line in lines}
    for tool in ASYNC_TOOLS:
        assert section["tools"][tool]["skipped"] is None, tool
        assert section["tools"][tool]["pays_for"], tool
        assert tool in rows and "error" not in rows[tool], rows.get(tool)
        results = section["results"][tool]
        assert set(results) == set(ASYNC_WORKLOADS), tool
        for workload in ASYNC_WORKLOADS:
            cell = results[workload]
            assert isinstance(cell["median"], float), (tool, workload)
            assert isinstance(cell["ratio"], float), (tool, workload)
            assert len(cell["runs"]) == sizes["repeats"], (tool, workload)
            expected = {"moto server": section["moto_calls"], "async floor": section["floor_calls"]}
            assert cell["n"] == expected.get(tool, sizes["calls"]), (tool, workload)
    assert section["results"]["async floor"]["send_message"]["ratio"] == 1.0
    for target in ASYNC_TARGETS:
        assert isinstance(targets[target]["measured"], float), target
        assert isinstance(targets[target]["met"], bool), target
        assert target in stdout


# bench/async_tools.py on its own, with aiobotocore made unimportable: the
# section is a "skipped" marker with no targets, in either venv.
ASYNC_BLOCKED = """
import json, sys
sys.modules["aiobotocore"] = None
sys.path.insert(0, {bench!r})
import async_tools
section = async_tools.measure({{"calls": 1, "moto_calls": 1, "repeats": 1}})
print(json.dumps([section, async_tools.lines(section), async_tools.target_rows(section)]))
"""


def test_async_section_is_skipped_without_aiobotocore(tmp_path: Path) -> None:
    code = ASYNC_BLOCKED.format(bench=str(RUN.parent))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    section, text, targets = json.loads(done.stdout.strip().splitlines()[-1])
    assert section == {"skipped": "aiobotocore not installed"}
    assert text == "Async (aiobotocore): skipped (aiobotocore not installed)"
    assert targets == []


def check_start_up(stdout: str, data: Dict[str, Any]) -> None:
    """The start-up workloads' figures (bench/startup.py): present, never their values.

    Checked from the same quick run: a second test would run it again.
    """
    assert "Start-up (fresh subprocesses):" in stdout
    assert "plugin imports at start-up: " in stdout
    assert "import awsmock over import botocore.client: " in stdout
    sizes = data["meta"]["sizes"]
    startup = data["startup"]
    assert set(startup) == {"plugin_unused", "import_awsmock"}

    suite = startup["plugin_unused"]
    assert "error" not in suite, suite
    assert suite["tests"] == sizes["suite_tests"]
    assert suite["repeats"] == sizes["suite_repeats"]
    for key in ("median", "with_plugin_s", "without_plugin_s"):
        assert isinstance(suite[key], float), key
    assert len(suite["with_plugin_runs"]) == len(suite["without_plugin_runs"]) == suite["repeats"]
    assert "awsmock" not in suite["disabled_plugins"]
    for key in ("startup_imports", "end_imports", "baseline_startup_imports"):
        assert isinstance(suite[key], list), key
        assert all(m.split(".")[0] in ("boto3", "botocore") for m in suite[key]), key
    shown = "none" if not suite["startup_imports"] else f"{len(suite['startup_imports'])} modules"
    assert f"plugin imports at start-up: {shown}" in stdout

    imports = startup["import_awsmock"]
    assert "error" not in imports, imports
    assert imports["repeats"] == len(imports["runs"]) == sizes["import_repeats"]
    for key in ("median", "botocore_client_ms", "importtime_ms", "importtime_own_ms"):
        assert isinstance(imports[key], float), key
    assert isinstance(imports["heaviest_imports"], list)
    assert isinstance(imports["new_modules"], list)
