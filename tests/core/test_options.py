"""``Options``: every option checked once, where the test gives it (awsmock/_options.py)."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from awsmock import patch_boto3
from awsmock._core.options import INI_OPTIONS, Options, table


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"record_mode": "all"},
            "patch_boto3(): record_mode only applies to a cassette: add cassette='path.json',"
            " or remove it.",
        ),
        (
            {"match_params": False, "before_record": print},
            "patch_boto3(): before_record, match_params only apply to a cassette: add"
            " cassette='path.json', or remove them.",
        ),
        (
            {"strict": True, "verify": False},
            "patch_boto3(): strict=True needs verify=True: strict is checked when the patch"
            " stops and verifies. Drop verify=False, or strict=True.",
        ),
    ],
)
def test_options_that_cannot_work_together(options: Any, message: str) -> None:
    with pytest.raises(ValueError, match="patch_boto3") as excinfo:
        patch_boto3(**options)
    assert excinfo.value.args == (message,)


def test_patch_boto3_shows_the_options_as_its_signature() -> None:
    parameters = inspect.signature(patch_boto3).parameters
    fields = dataclasses.fields(Options)
    assert list(parameters) == [f.name for f in fields]
    assert [p.default for p in parameters.values()] == [f.default for f in fields]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())


def test_the_pytest_ini_options_are_the_flag_and_text_options() -> None:
    assert INI_OPTIONS == {
        "validate": "bool",
        "verify": "bool",
        "strict": "bool",
        "hermetic": "bool",
        "region": "string",
        "retries": "bool",
        "backend": "string",
    }


def test_the_docs_table_has_a_row_per_option() -> None:
    rows = [line for line in table().splitlines() if line.startswith("``")]
    assert [row.split()[0] for row in rows] == [
        f"``{f.name}``" for f in dataclasses.fields(Options)
    ]
    assert "``'us-east-1'``" in table()


def test_options_are_frozen() -> None:
    options = Options()
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.strict = True  # type: ignore[misc]
