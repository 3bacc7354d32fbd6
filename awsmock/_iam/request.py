"""What IAM sees of one call: the (action, resource) pairs it needs, and its context keys.

``requests()`` is what both the generated policy and the enforced one read:
``s3.CopyObject`` is ``s3:GetObject`` on the source and ``s3:PutObject`` on
the destination; ``sqs.SendMessageBatch`` is ``sqs:SendMessage`` on the queue.
Outside the services awsmock maps operation by operation (``COVERED``) the
action is ``prefix:Operation`` on ``*``, flagged as not mapped.
"""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from . import actions, arns, catalogue

__unittest = True


class Request(NamedTuple):
    """One permission a call needs."""

    action: str  # "s3:GetObject", the catalogue's spelling
    resource: str  # an ARN, or "*"
    mapped: bool  # False: awsmock does not map this service; "prefix:Operation" on "*"


def requests(
    service: str, operation: str, params: Dict[str, Any], region: Optional[str], account: str
) -> List[Request]:
    """The permissions ``service.operation`` with ``params`` needs, in the order checked."""
    region = region or "us-east-1"
    prefix = catalogue.prefix_of(service)
    if service not in actions.COVERED:
        name = catalogue.action_name(prefix, operation) or f"{prefix}:{operation}"
        return [Request(name, "*", False)]
    found = []
    for action, variables in actions.needs_of(service, operation, params):
        own, _, action = action.rpartition(":")  # "s3express:CreateSession": another prefix
        own = own or prefix
        name = catalogue.action_name(own, action) or f"{own}:{action}"
        resource = arns.resource(own, action, variables, region, account)
        found.append(Request(name, resource, True))
    return found


_LISTS = frozenset({"ListObjects", "ListObjectsV2", "ListObjectVersions"})
_LIST_KEYS = (("Prefix", "s3:prefix"), ("Delimiter", "s3:delimiter"), ("MaxKeys", "s3:max-keys"))


def context(
    service: str,
    operation: str,
    params: Dict[str, Any],
    region: Optional[str],
    endpoint: Optional[str],
) -> Tuple[Tuple[str, str], ...]:
    """The condition keys awsmock knows for the call (lower-case names, as IAM compares them).

    A key absent here is absent from the request context: a condition on it
    fails unless it is ``...IfExists``.
    """
    found = [("aws:requestedregion", region or "us-east-1")]
    if endpoint is not None:
        found.append(("aws:securetransport", "true" if endpoint.startswith("https") else "false"))
    if service == "s3" and operation in _LISTS:
        for member, key in _LIST_KEYS:
            if member in params:
                found.append((key, str(params[member])))
    return tuple(found)
