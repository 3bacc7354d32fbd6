"""boto3's DynamoDB condition builders (``Key``, ``Attr``) in the form botocore sends.

boto3's resource layer turns condition objects into expression strings in a
``before-parameter-build`` handler, with placeholders numbered from 0 in
each call (``#n0``, ``:v0``) added to ``ExpressionAttributeNames`` and
``ExpressionAttributeValues``. A cassette stores that built form (a
condition object is no data), and replay builds the call's params the same
way before comparing them: both sides are compared built, while
``Call.params`` keeps what the code passed.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from boto3.dynamodb.transform import TransformationInjector

from .._util.copy import fast_copy
from .models import OperationInfo, shape_contains

__unittest = True

Params = Dict[str, Any]

# The shape names boto3's injector looks for (boto3/dynamodb/transform.py).
_CONDITION_SHAPES = ("ConditionExpression", "KeyExpression")
_takes_conditions: Dict[str, bool] = {}


def takes_conditions(info: OperationInfo) -> bool:
    """Whether boto3 builds condition objects in this operation's params (cached)."""
    if info.service != "dynamodb":
        return False
    found = _takes_conditions.get(info.operation)
    if found is None:
        shape = info.model.input_shape
        found = _takes_conditions[info.operation] = shape is not None and shape_contains(
            shape, lambda found: found.name in _CONDITION_SHAPES
        )
    return found


def build(info: OperationInfo, params: Params) -> Params:
    """A copy of ``params`` with condition objects built as boto3 sends them.

    Idempotent: params built already (strings) come back equal.
    """
    if not takes_conditions(info):
        return params
    built: Params = fast_copy(params)
    # A fresh injector, as boto3 resets its builder for each call.
    model: Any = info.model  # boto3-stubs type it as a ResourceModel, wrongly
    TransformationInjector().inject_condition_expressions(built, model)
    return built


def normaliser(
    info: OperationInfo, then: Optional[Callable[[Params], Params]] = None
) -> Optional[Callable[[Params], Params]]:
    """What replay applies to a call's params before comparing, or None for nothing."""
    if not takes_conditions(info):
        return then
    if then is None:
        return lambda params: build(info, params)
    return lambda params: then(build(info, params))
