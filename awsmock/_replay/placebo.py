"""Reading placebo data directories, to replay them or convert them to cassettes.

placebo saves one JSON file per response, named
``[prefix.]{endpoint_prefix}.{Operation}_{N}.json`` and holding
``{"status_code": 200, "data": {...}}``, with datetimes as
``{"__class__": "datetime", "year": ...}`` and streaming bodies as
``{"__class__": "StreamingBody", "body": "..."}``. placebo records no
params, so a placebo response is replayed without expected params.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from typing import Any, Dict, List, Optional, Tuple

from .._model.models import available_services, service_model
from .._model.names import lookup
from .._model.shapes import shape_response
from ..errors import InvalidResponseError, UnknownOperationError
from .file import Interaction, cassette_error, encode

__unittest = True

# placebo names files recorded per params with a hash after the operation.
_FILE_NAMES = (
    re.compile(r"^(?P<stem>.+)\.(?P<operation>[A-Za-z0-9]+)\.[0-9a-f]{64}_(?P<index>\d+)\.json$"),
    re.compile(r"^(?P<stem>.+)\.(?P<operation>[A-Za-z0-9]+)_(?P<index>\d+)\.json$"),
)

# Endpoint prefixes that are not the service's name, for the services tests
# use most; any other is found by scanning botocore's models (slow, once).
_KNOWN_PREFIXES = {
    "monitoring": ["cloudwatch"],
    "email": ["ses", "sesv2"],
    "elasticloadbalancing": ["elbv2", "elb"],
    "elasticmapreduce": ["emr"],
    "elasticfilesystem": ["efs"],
    "states": ["stepfunctions"],
    "streams.dynamodb": ["dynamodbstreams"],
    "tagging": ["resourcegroupstaggingapi"],
    "api.ecr": ["ecr"],
    "execute-api": ["apigatewaymanagementapi"],
    "api.sagemaker": ["sagemaker"],
    "runtime.sagemaker": ["sagemaker-runtime"],
    "s3-control": ["s3control"],
    "portal.sso": ["sso"],
    "oidc": ["sso-oidc"],
    "geo": ["location"],
    "cassandra": ["keyspaces"],
}
_scanned: Dict[str, List[str]] = {}


def read_directory(path: str) -> List[Interaction]:
    """The responses of a placebo directory as cassette interactions (no params)."""
    __tracebackhide__ = True
    found: List[Tuple[str, str, int, str]] = []
    try:
        names = sorted(os.listdir(path))
    except OSError as error:
        raise cassette_error(
            f"Cannot read placebo directory {path}: {error.strerror or error}."
        ) from None
    for name in names:
        match = _FILE_NAMES[0].match(name) or _FILE_NAMES[1].match(name)
        if match is not None:
            found.append((match["stem"], match["operation"], int(match["index"]), name))
    if not found:
        raise cassette_error(
            f"{path} is a directory without placebo responses"
            " ({endpoint_prefix}.{Operation}_{N}.json files)."
        )
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    return [_interaction(path, stem, op, name) for stem, op, _, name in found]


def _interaction(path: str, stem: str, operation: str, name: str) -> Interaction:
    __tracebackhide__ = True
    file_path = os.path.join(path, name)
    try:
        with open(file_path, encoding="utf-8") as file:
            saved = json.load(file, object_hook=_placebo_value)
    except (OSError, ValueError, TypeError) as error:  # TypeError: a bad datetime's fields
        raise cassette_error(f"Cannot read placebo response {file_path}: {error}") from None
    except RecursionError:
        raise cassette_error(
            f"Cannot read placebo response {file_path}: its values nest too deeply."
        ) from None
    if not isinstance(saved, dict) or not isinstance(saved.get("data"), dict):
        raise cassette_error(
            f"{file_path} is not a placebo response: expected"
            ' {"status_code": ..., "data": {...}}.'
        )
    status = saved.get("status_code", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise cassette_error(
            f"{file_path} is not a placebo response: its status_code must be an HTTP"
            f" status (100-599), got {status!r:.40}."
        )
    data: Dict[str, Any] = saved["data"]
    service = _service(stem, operation, data, status)
    if service is None:
        raise cassette_error(
            f"{file_path}: no botocore service has the endpoint prefix in {stem!r}"
            f" and an operation {operation!r}."
        )
    meta = data.pop("ResponseMetadata", None) or {}
    if not isinstance(meta, dict):
        raise cassette_error(
            f"{file_path} is not a placebo response: its ResponseMetadata is not an object."
        )
    meta = {k: v for k, v in meta.items() if k not in ("HTTPStatusCode", "RetryAttempts")}
    if meta:
        data["ResponseMetadata"] = meta
    return {
        "service": service,
        "operation": operation,
        "status": status,
        "response": encode(data),
    }


def _placebo_value(obj: Dict[str, Any]) -> Any:
    """json object hook: placebo's tagged datetimes and bodies back to values."""
    kind = obj.get("__class__")
    if kind == "datetime":
        fields = {k: v for k, v in obj.items() if k not in ("__class__", "__module__")}
        return datetime.datetime(tzinfo=datetime.timezone.utc, **fields)
    if kind == "StreamingBody":
        body = obj.get("body", "")
        return body.encode("utf-8") if isinstance(body, str) else body
    if kind is not None:
        raise ValueError(f"unsupported placebo value of class {kind!r}")
    return obj


def _service(stem: str, operation: str, data: Dict[str, Any], status: int) -> Optional[str]:
    """The botocore service for a file name's endpoint prefix (with any placebo prefix)."""
    parts = stem.split(".")
    prefixes = [".".join(parts[start:]) for start in range(len(parts))]
    for scan in (False, True):
        for prefix in prefixes:
            for service in _candidates(prefix, scan):
                if _fits(service, operation, data, status):
                    return service
    return None


def _candidates(prefix: str, scan: bool) -> List[str]:
    services = available_services()
    if not scan:
        direct = [prefix] if prefix in services else []
        return direct + _KNOWN_PREFIXES.get(prefix, [])
    if not _scanned:
        for name in services:
            endpoint = service_model(name).endpoint_prefix
            _scanned.setdefault(endpoint, []).append(name)
    return _scanned.get(prefix, [])


def _fits(service: str, operation: str, data: Dict[str, Any], status: int) -> bool:
    """Whether ``service`` has ``operation`` and its output shape takes ``data``.

    Services that share an endpoint prefix (elb and elbv2) share operation
    names too; the response tells them apart.
    """
    try:
        info = lookup(service, operation)
        if status < 300:
            body = {k: v for k, v in data.items() if k != "ResponseMetadata"}
            shape_response(info, body, True)
    except (UnknownOperationError, InvalidResponseError):
        return False
    return True
