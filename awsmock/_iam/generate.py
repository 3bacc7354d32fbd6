"""The least-privilege policy for the calls a test made, and the session's union of them.

Statements are grouped by service prefix and then by the set of resources:
the actions that need exactly the same resources share a statement. Actions
and resources are sorted and deduplicated; no wildcard is added that a call
did not need. Calls AWS denied (``AccessDenied``) do not count: a policy
generated from a test of the denial must not grant what was denied.
"""

from __future__ import annotations

import re
import threading
from functools import partial
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from .arns import ACCOUNT
from .memo import Memo
from .request import Request, requests

__unittest = True

DENIED = frozenset({"AccessDenied", "AccessDeniedException"})
Pair = Tuple[str, str, bool]  # action, resource, mapped


def was_denied(call: Any) -> bool:
    """Denied by ``iam_policy=``, or a queued or real AccessDenied error."""
    if getattr(call, "denied", False):
        return True
    response = getattr(call.exception, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code in DENIED


def pairs(calls: Iterable[Any], account: str = ACCOUNT) -> Set[Pair]:
    """The (action, resource, mapped) each call that was not denied needs."""
    found: Set[Pair] = set()
    # Calls that differ only in what does not name a resource (bodies) are mapped once.
    memo: Memo[List[Request]] = Memo()
    for call in calls:
        if was_denied(call):
            continue
        region = call.region
        slot = memo.slot((call.service, call.operation, region))
        found.update(
            memo.outcome(
                slot,
                call.params,
                partial(requests, call.service, call.operation, region=region, account=account),
            )
        )
    return found


def _sid(prefix: str, number: int, mapped: bool) -> str:
    words = re.split(r"[^A-Za-z0-9]+", prefix)
    sid = "".join(w[:1].upper() + w[1:] for w in words) + ("" if number == 1 else str(number))
    return sid if mapped else f"{sid}NotMappedByAwsmock"


def document(found: Iterable[Pair]) -> Dict[str, Any]:
    """A policy document for ``found``: ``Version`` 2012-10-17, one statement per resource set."""
    by_action: Dict[Tuple[str, bool], Set[str]] = {}
    for action, resource, mapped in found:
        by_action.setdefault((action, mapped), set()).add(resource)
    groups: Dict[Tuple[str, bool, Tuple[str, ...]], List[str]] = {}
    for (action, mapped), resources in by_action.items():
        # "*" covers every other resource of the action: it alone is needed.
        listed = ("*",) if "*" in resources else tuple(sorted(resources))
        groups.setdefault((action.split(":")[0], mapped, listed), []).append(action)
    statements = []
    numbers: Dict[Tuple[str, bool], int] = {}
    for prefix, mapped, listed in sorted(groups, key=lambda g: (g[0], not g[1], g[2])):
        number = numbers[(prefix, mapped)] = numbers.get((prefix, mapped), 0) + 1
        statement = {
            "Sid": _sid(prefix, number, mapped),
            "Effect": "Allow",
            "Action": sorted(set(groups[(prefix, mapped, listed)])),
            "Resource": list(listed) if len(listed) > 1 else listed[0],
        }
        statements.append(statement)
    return {"Version": "2012-10-17", "Statement": statements}


class Session:
    """The pairs of every patch of a pytest session (``--awsmock-iam-policy``)."""

    def __init__(self) -> None:
        self.found: Set[Pair] = set()
        self._lock = threading.Lock()

    def add(self, calls: Iterable[Any]) -> None:
        found = pairs(calls)
        with self._lock:
            self.found |= found

    def merge(self, parts: Iterable[List[Any]]) -> None:
        """Pairs as an xdist worker sent them (JSON lists)."""
        with self._lock:
            self.found.update((str(a), str(r), bool(m)) for a, r, m in parts)


#: Set by the pytest plugin while a session collects; every patch adds its calls on stop.
SESSION: Optional[Session] = None
