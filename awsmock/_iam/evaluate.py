"""Evaluating identity policies as IAM does, and the error a denied call raises.

An explicit ``Deny`` wins; otherwise some ``Allow`` must match; otherwise the
call is denied implicitly. A statement matches when its ``Action`` (or
``NotAction``), its ``Resource`` (or ``NotResource``) and every condition
match. A condition key absent from the request context fails the condition
(``...IfExists`` passes, a negated operator passes, ``Null`` tests for it),
and a denial it caused names the key: awsmock cannot know every key AWS does.
"""

from __future__ import annotations

import weakref
from functools import partial
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from .._model.models import modeled_errors, service_model
from .._model.responses import response_metadata
from .memo import Slot
from .policy import Condition, Policy, Statement
from .request import Request, context, requests

__unittest = True

Context = Tuple[Tuple[str, str], ...]


class Denial(NamedTuple):
    """Why IAM denies a request: an explicit deny, or no allow (and the keys it lacked)."""

    denied_by: Optional[str]  # the statement of an explicit deny
    missing: Tuple[str, ...] = ()  # "key (statement ...)" of conditions failed on absent keys


def _condition(condition: Condition, values: Dict[str, str]) -> Optional[bool]:
    """True or False; None: the key is absent and that fails the condition."""
    value = values.get(condition.key)
    if condition.operator == "Null":
        return (value is None) == (condition.values[0].lower() == "true")
    if value is None:
        return True if condition.if_exists or condition.negated else None
    if condition.operator == "Bool":
        found = value.lower() in (v.lower() for v in condition.values)
    elif condition.pattern is not None:
        found = condition.pattern.match(value) is not None
    else:
        found = value in condition.values
    return not found if condition.negated else found


def _conditions_hold(statement: Statement, values: Dict[str, str], missing: List[str]) -> bool:
    for condition in statement.conditions:
        outcome = _condition(condition, values)
        if outcome is None:
            missing.append(f"{condition.name} ({statement.name})")
            return False
        if not outcome:
            return False
    return True


def decide(policy: Policy, request: Request, keys: Context) -> Optional[Denial]:
    """IAM's answer for one request, None if allowed: only the statements for its action apply."""
    values: Optional[Dict[str, str]] = None  # made for the first statement with conditions
    missing: List[str] = []
    allowed_by: Optional[Statement] = None
    resource = request.resource
    for statement in policy.statements_for(request.action):
        if (statement.resources.match(resource) is None) != statement.not_resource:
            continue
        if statement.conditions:
            if values is None:
                values = dict(keys)
            if not _conditions_hold(statement, values, missing):
                continue
        if not statement.allow:
            return Denial(statement.name)
        allowed_by = statement
    return None if allowed_by is not None else Denial(None, tuple(missing))


Outcome = Optional[Tuple[Request, Denial]]  # the first request denied, or None
_CLIENTS = 4096  # (client, operation) pairs an enforcer keeps


def _ref(client: Any) -> Callable[[], Any]:
    """A weak reference to ``client`` (a strong one to None, for calls without a client)."""
    return (lambda: None) if client is None else weakref.ref(client)


class Enforcer:
    """Decides each call against one policy.

    Outcomes are remembered (``memo.py``, on the policy: shared by the tests
    that use it) per operation, region and endpoint, under the values of the
    params that decided them: a call that differs only in its payload or
    message body costs a look-up, not an evaluation.
    """

    def __init__(self, policy: Policy, account: str) -> None:
        self.policy = policy
        self.account = account
        # (id(client), operation) -> (a weak reference to the client, where, the
        # memo's slot): found once per client for all the tests that use the
        # policy; weak, so a test's clients are not kept alive by it.
        self._slots: Dict[Tuple[int, str], Tuple[Callable[[], Any], Tuple[Any, ...], Slot]] = {}

    @classmethod
    def of(cls, policy: Policy, account: str) -> Enforcer:
        """The policy's enforcer: made once, like the policy, for every patch that uses it."""
        found = policy.enforcers.get(account)  # pragma: no mutate (a new one: only slower)
        if found is None:
            found = policy.enforcers[account] = cls(policy, account)
        return found

    def denial(self, call: Any) -> Optional[BaseException]:
        """The ClientError AWS raises for ``call`` (a ``Call``), or None when it is allowed."""
        client = call.client
        known = self._slots.get((id(client), call.operation))  # pragma: no mutate (speed)
        if known is None or known[0]() is not client:
            known = self._place(call)
        _, where, slot = known
        outcome = self.policy.memo.outcome(slot, call.params, partial(self._outcome, call, where))
        if outcome is None:
            return None
        request, denial = outcome
        return access_denied(client, call.service, call.operation, request, denial, self.account)

    def _place(self, call: Any) -> Tuple[Callable[[], Any], Tuple[Any, ...], Slot]:
        """Where ``call``'s client and operation are decided, kept for the next calls."""
        where = self._where_of(call)
        if len(self._slots) >= _CLIENTS:
            self._slots.clear()
        known = self._slots[(id(call.client), call.operation)] = (
            _ref(call.client),  # pragma: no mutate (None: placed again each call, slower)
            where,
            self.policy.memo.slot(where),
        )
        return known

    def _where_of(self, call: Any) -> Tuple[Any, ...]:
        """Service, operation, region, endpoint and account: a client's never change."""
        meta = None if call.client is None else call.client.meta
        region = None if meta is None else meta.region_name
        endpoint = getattr(meta, "endpoint_url", None)
        return (call.service, call.operation, region, endpoint, self.account)

    def _outcome(self, call: Any, where: Tuple[Any, ...], params: Dict[str, Any]) -> Outcome:
        region, endpoint = where[2], where[3]
        keys = context(call.service, call.operation, params, region, endpoint)
        for request in requests(call.service, call.operation, params, region, self.account):
            denial = decide(self.policy, request, keys)
            if denial is not None:
                return request, denial
        return None


def principal(account: str) -> str:
    return f"arn:aws:sts::{account}:assumed-role/awsmock-test-role/awsmock"


def message(request: Request, denial: Denial, account: str) -> str:
    """AWS's wording, with the condition keys awsmock could not know named after it."""
    head = (
        f"User: {principal(account)} is not authorized to perform: {request.action}"
        f" on resource: {request.resource}"
    )
    if denial.denied_by is not None:
        return f"{head} with an explicit deny in an identity-based policy"
    text = f"{head} because no identity-based policy allows the {request.action} action"
    if denial.missing:
        one = len(denial.missing) == 1
        text += (
            f" (awsmock: the condition {'key' if one else 'keys'} {', '.join(denial.missing)}"
            f" {'is' if one else 'are'} not in the request context: awsmock cannot know"
            f" {'it' if one else 'them'}; use ...IfExists, or a key it knows)"
        )
    return text


def error_code(service: str) -> Tuple[str, int]:
    """``AccessDenied`` 403 for S3 and query services, ``AccessDeniedException`` for JSON ones."""
    metadata = service_model(service).metadata
    protocol = metadata.get("protocol")
    if protocol == "json" and "awsQueryCompatible" not in metadata:
        return "AccessDeniedException", 400
    if protocol == "rest-json":
        return "AccessDeniedException", 403
    return "AccessDenied", 403


def access_denied(
    client: Any, service: str, operation: str, request: Request, denial: Denial, account: str
) -> BaseException:
    """The modeled ClientError, built as a queued ``add_client_error`` is."""
    code, status = error_code(service)
    error: Dict[str, Any] = {"Code": code, "Message": message(request, denial, account)}
    modeled = modeled_errors(service).get(code)
    if modeled is not None:
        error.update(modeled.error)
    response = {"Error": error, "ResponseMetadata": response_metadata(status)}
    if client is None:
        from botocore.exceptions import ClientError

        denied: BaseException = ClientError(response, operation)
        return denied
    exception: BaseException = client.exceptions.from_code(code)(response, operation)
    return exception
