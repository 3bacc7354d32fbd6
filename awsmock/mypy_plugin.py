"""A mypy plugin: ``aws.on(client.method).returns(...)`` takes a partial response.

The boto3-stubs / types-boto3 packages declare every member of an output
``TypedDict`` as required (``ResponseMetadata`` too), because a real
response has them all; a queued response needs only the members the code
reads, and awsmock fills in the rest. mypy has no "partial TypedDict", so
this plugin makes every key of the response type (at any depth) optional
(and read-only) in ``returns()``, keeping the value types: ``returns({"MessageId": "m"})``
passes and ``returns({"MessageId": 1})`` is an error. It also takes what
awsmock converts at run time, as the docs show: ``bytes`` or ``str`` for a
streaming body (``{"Body": b"data"}``) and an ISO-8601 ``str`` for a
timestamp (``{"LastModified": "2024-01-01T00:00:00Z"}``). Enable it with::

    [mypy]
    plugins = awsmock.mypy_plugin
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional
from typing import Type as TypingType

from mypy.nodes import DictExpr
from mypy.plugin import MethodSigContext, Plugin
from mypy.types import (
    CallableType,
    FunctionLike,
    Instance,
    Type,
    TypedDictType,
    UnionType,
    get_proper_type,
)

__all__ = ["plugin"]

_RETURNS = "awsmock._core.expect.Expectation.returns"
_DEPTH = 12  # deeper than any output shape the stubs declare; ends recursive aliases


#: What a queued value of these types may also be (awsmock converts it).
_ALSO: Dict[str, List[str]] = {
    "botocore.response.StreamingBody": ["builtins.bytes", "builtins.str"],
    "aiobotocore.response.StreamingBody": ["builtins.bytes", "builtins.str"],
    "datetime.datetime": ["builtins.str"],
}

Named = Callable[[str], Instance]


def partial(typ: Type, depth: int = 0, named: Optional[Named] = None) -> Type:
    """``typ`` with every ``TypedDict`` key in it made optional.

    With ``named`` (an instance type by its full name), a streaming body or
    a datetime in it also takes the values awsmock converts (``_ALSO``).
    """
    if depth > _DEPTH:
        return typ
    proper = get_proper_type(typ)
    if isinstance(proper, TypedDictType):
        # Read-only too: a whole TypedDict of the stubs (every key required)
        # stays assignable to it (PEP 705), as a response the code got earlier.
        return proper.copy_modified(
            item_types=[partial(t, depth + 1, named) for t in proper.items.values()],
            required_keys=set(),
            readonly_keys=set(proper.items),
        )
    if isinstance(proper, UnionType):
        items = [partial(t, depth + 1, named) for t in proper.items]
        return UnionType.make_union(items, proper.line)
    if isinstance(proper, Instance) and named is not None and proper.type.fullname in _ALSO:
        also: List[Type] = [named(name) for name in _ALSO[proper.type.fullname]]
        return UnionType.make_union([typ, *also], proper.line)
    if isinstance(proper, Instance) and proper.args:
        return proper.copy_modified(args=[partial(t, depth + 1, named) for t in proper.args])
    if isinstance(proper, CallableType):
        return proper.copy_modified(ret_type=partial(proper.ret_type, depth + 1, named))
    return typ


def _partial_response(ctx: MethodSigContext) -> FunctionLike:
    signature = ctx.default_signature
    if not signature.arg_types:  # pragma: no cover - returns() always takes a response
        return signature
    response = partial(
        signature.arg_types[0], named=lambda name: ctx.api.named_generic_type(name, [])
    )
    given = ctx.args[0] if ctx.args else []
    if len(given) == 1 and isinstance(given[0], DictExpr):
        # A dict literal is checked against the TypedDict alone, so mypy names
        # the member whose value is wrong instead of printing the whole union.
        proper = get_proper_type(response)
        if isinstance(proper, UnionType):
            dicts = [t for t in proper.items if isinstance(get_proper_type(t), TypedDictType)]
            if len(dicts) == 1:
                response = dicts[0]
    return signature.copy_modified(arg_types=[response, *signature.arg_types[1:]])


class AwsMockPlugin(Plugin):
    """Partial responses for ``Expectation.returns``."""

    def get_method_signature_hook(
        self, fullname: str
    ) -> Optional[Callable[[MethodSigContext], FunctionLike]]:
        return _partial_response if fullname == _RETURNS else None


def plugin(version: str) -> TypingType[Plugin]:
    """mypy's entry point."""
    return AwsMockPlugin
