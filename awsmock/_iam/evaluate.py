"""Evaluating identity policies as IAM does, and the error a denied call raises.

An explicit ``Deny`` wins; otherwise some ``Allow`` must match; otherwise the
call is denied implicitly. A statement matches when its ``Action`` (or
``NotAction``), its ``Resource`` (or ``NotResource``) and every condition
match. A condition key absent from the request context fails the condition
(``...IfExists`` passes, a negated operator passes, ``Null`` tests for it),
and a denial it caused names the key: awsmock cannot know every key AWS does.
"""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from .._model.models import modeled_errors, service_model
from .._model.responses import response_metadata
from .memo import Reads, Slot
from .policy import Condition, Policy, Statement
from .request import Request, context, requests

__unittest = True

Context = Tuple[Tuple[str, str], ...]


class Decision(NamedTuple):
    allowed: bool
    denied_by: Optional[str]  # the statement of an explicit deny
    missing: Tuple[str, ...]  # "key (statement ...)" of conditions that failed on absent keys


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


def _matches(
    statement: Statement, request: Request, values: Dict[str, str], missing: List[str]
) -> bool:
    if (statement.actions.match(request.action) is None) != statement.not_action:
        return False
    if (statement.resources.match(request.resource) is None) != statement.not_resource:
        return False
    for condition in statement.conditions:
        outcome = _condition(condition, values)
        if outcome is None:
            missing.append(f"{condition.name} ({statement.name})")
            return False
        if not outcome:
            return False
    return True


def decide(policy: Policy, request: Request, keys: Context) -> Decision:
    values = dict(keys)
    missing: List[str] = []
    allowed = False
    for statement in policy.statements:
        if _matches(statement, request, values, missing):
            if not statement.allow:
                return Decision(False, statement.name, ())
            allowed = True
    return Decision(allowed, None, () if allowed else tuple(missing))


Outcome = Optional[Tuple[Request, Decision]]  # the first request denied, or None


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
        # (client, operation) -> (where, the memo's slot for it): found once per client.
        self._slots: Dict[Tuple[Any, str], Tuple[Tuple[Any, ...], Slot]] = {}

    def denial(self, call: Any) -> Optional[BaseException]:
        """The ClientError AWS raises for ``call`` (a ``Call``), or None when it is allowed."""
        memo = self.policy.memo
        try:
            where, slot = self._slots[(call.client, call.operation)]
        except KeyError:
            where = self._where_of(call)
            slot = memo.slot(where)
            self._slots[(call.client, call.operation)] = (where, slot)
        found, outcome = memo.get(slot, call.params)
        if not found:
            reads = Reads(call.params)
            outcome = self._outcome(call, reads, where[2], where[3])
            memo.put(slot, reads, outcome)
        if outcome is None:
            return None
        request, decision = outcome
        return access_denied(
            call.client, call.service, call.operation, request, decision, self.account
        )

    def _where_of(self, call: Any) -> Tuple[Any, ...]:
        """Service, operation, region, endpoint and account: a client's never change."""
        meta = None if call.client is None else call.client.meta
        region = None if meta is None else meta.region_name
        endpoint = None if meta is None else getattr(meta, "endpoint_url", None)
        return (call.service, call.operation, region, endpoint, self.account)

    def _outcome(
        self, call: Any, params: Dict[str, Any], region: Optional[str], endpoint: Optional[str]
    ) -> Outcome:
        keys = context(call.service, call.operation, params, region, endpoint)
        for request in requests(call.service, call.operation, params, region, self.account):
            decision = decide(self.policy, request, keys)
            if not decision.allowed:
                return request, decision
        return None


def principal(account: str) -> str:
    return f"arn:aws:sts::{account}:assumed-role/awsmock-test-role/awsmock"


def message(request: Request, decision: Decision, account: str) -> str:
    """AWS's wording, with the condition keys awsmock could not know named after it."""
    head = (
        f"User: {principal(account)} is not authorized to perform: {request.action}"
        f" on resource: {request.resource}"
    )
    if decision.denied_by is not None:
        return f"{head} with an explicit deny in an identity-based policy"
    text = f"{head} because no identity-based policy allows the {request.action} action"
    if decision.missing:
        one = len(decision.missing) == 1
        text += (
            f" (awsmock: the condition {'key' if one else 'keys'} {', '.join(decision.missing)}"
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
    client: Any, service: str, operation: str, request: Request, decision: Decision, account: str
) -> BaseException:
    """The modeled ClientError, built as a queued ``add_client_error`` is."""
    code, status = error_code(service)
    error: Dict[str, Any] = {"Code": code, "Message": message(request, decision, account)}
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
