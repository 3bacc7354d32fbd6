"""The benchmark (bench/run.py) must keep running: its quick mode, as CI runs it.

No timing is asserted here; only that every workload runs, the table is
printed, the JSON is complete, and a missing anchor is reported as skipped.
"""

from __future__ import annotations

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
    assert "Targets (issue 5), awsmock:" in stdout

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
