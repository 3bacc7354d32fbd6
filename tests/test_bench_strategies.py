"""bench/strategies.py must keep running: a quick run over one service. No timing is asserted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from awsmock._model.models import service_model

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "strategies.py"


def test_the_bench_prints_each_service_and_the_median() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--services", "sts", "--examples", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    count = len(service_model("sts").operation_names)  # 9 in botocore 1.40, more later
    assert lines[0].split() == ["service", "operations", "median", "ms", "max", "ms"]
    assert re.fullmatch(rf"sts +{count} +\d+\.\d\d +\d+\.\d\d", lines[1])
    assert re.match(rf"all: {count} operations, 3 responses each; median \d+\.\d\d ms ", lines[2])
