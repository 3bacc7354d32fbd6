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
