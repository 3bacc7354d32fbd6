"""The options of ``patch_boto3()``, checked where the test gives them."""

from __future__ import annotations

import difflib
import os
from typing import Any, Dict, Iterable, Union

from . import _botocore

__unittest = True

RECORD_MODES = ("none", "once", "all", "new_episodes")

DEFAULT_OPTIONS: Dict[str, Any] = {
    "validate": True,
    "verify": True,
    "strict": False,
    "hermetic": True,
    "region": "us-east-1",
    "passthrough": False,
    "cassette": None,
    "record_mode": None,
    "match_params": True,
    "before_record": None,
}


def check_options(options: Dict[str, Any], where: str = "patch_boto3()") -> Dict[str, Any]:
    """Validate ``patch_boto3`` keyword options; return them merged with defaults."""
    __tracebackhide__ = True
    for name in options:
        if name not in DEFAULT_OPTIONS:
            close = difflib.get_close_matches(name, list(DEFAULT_OPTIONS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise TypeError(
                f"{where} got an unknown option {name!r}.{hint}"
                f" Options: {', '.join(DEFAULT_OPTIONS)}."
            )
    merged = {**DEFAULT_OPTIONS, **options}
    for name in ("validate", "verify", "strict", "hermetic"):
        if not isinstance(merged[name], bool):
            raise TypeError(f"{where}: {name} must be True or False, got {merged[name]!r}.")
    if not isinstance(merged["region"], str) or not merged["region"]:
        raise TypeError(
            f"{where}: region must be a region name such as 'eu-west-1', got {merged['region']!r}."
        )
    merged["passthrough"] = _check_passthrough(merged["passthrough"], where)
    if merged["record_mode"] is not None and merged["record_mode"] not in RECORD_MODES:
        raise ValueError(
            f"{where}: record_mode must be one of {', '.join(map(repr, RECORD_MODES))},"
            f" got {merged['record_mode']!r}."
        )
    if merged["cassette"] is not None and not isinstance(merged["cassette"], (str, os.PathLike)):
        raise TypeError(f"{where}: cassette must be a file path, got {merged['cassette']!r}.")
    match = merged["match_params"]
    if not isinstance(match, bool) and not callable(match):
        raise TypeError(
            f"{where}: match_params must be True, False or a callable f(params) -> params,"
            f" got {match!r}."
        )
    hook = merged["before_record"]
    if hook is not None and not callable(hook):
        raise TypeError(
            f"{where}: before_record must be a callable f(interaction) -> interaction or None,"
            f" got {hook!r}."
        )
    return merged


def _check_passthrough(value: Any, where: str) -> Union[bool, frozenset[str]]:
    __tracebackhide__ = True
    if isinstance(value, bool):
        return value
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(
            f"{where}: passthrough must be True, False or a list of service names"
            f" such as ['s3'], got {value!r}."
        )
    services = frozenset(value)
    for service in services:
        _botocore.service_model(service)
    return services
