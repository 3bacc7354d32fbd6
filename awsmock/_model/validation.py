"""botocore's parameter validation, with a compiled check in front of it.

botocore's ``ParamValidator`` walks the input shape on every call, building
an error report as it goes; on a mocked call that walk is the largest single
cost. ``valid(shape, params)`` answers the common question first, "would
botocore find nothing wrong?", with one small function per shape, compiled
once. Each compiled check is at least as strict as botocore's: ``True``
means botocore's validator reports no errors. On ``False`` botocore's own
validator runs and its report (or its silence, where the check was only
unsure) decides, so a mistake gets exactly botocore's ``ParamValidationError``.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any, Callable, Optional

from botocore.exceptions import ParamValidationError
from botocore.utils import is_json_value_header, parse_to_aware_datetime
from botocore.validate import ParamValidator

from .models import Compiled, OperationInfo

__unittest = True

Check = Callable[[Any], bool]

_validator = ParamValidator()

_NUMBERS = (float, decimal.Decimal, int)
_BLOBS = (bytes, bytearray, str)


def validate(info: OperationInfo, params: Any) -> None:
    """Raise botocore's ``ParamValidationError`` if botocore's validator would."""
    check = info.input_check
    if check is None:
        check = info.input_check = compile_check(info.model.input_shape)
    if check(params):
        return
    report = _validator.validate(params, info.model.input_shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())


def compile_check(shape: Any) -> Check:
    """A function ``params -> bool``: True only if botocore's validator accepts them."""
    type_name = shape.type_name
    if is_json_value_header(shape):
        return _unsure  # botocore tries json.dumps; rare enough to leave to it
    if type_name == "structure":
        return _document if shape.is_document_type else _structure(shape)
    if type_name == "string":
        return _sized(shape, str)
    if type_name in ("integer", "long"):
        return _ranged(shape, int)
    if type_name in ("float", "double"):
        return _ranged(shape, _NUMBERS)
    if type_name == "boolean":
        return _boolean
    if type_name == "blob":
        return _blob
    if type_name == "timestamp":
        return _timestamp
    if type_name == "list":
        return _list(shape)
    if type_name == "map":
        return _map(shape)
    return _unsure


def _minimum(shape: Any) -> Optional[Any]:
    """The minimum botocore's ``range_check`` applies: ``min``, or 1 for a host label."""
    if "min" in shape.metadata:
        return shape.metadata["min"]
    if shape.serialization.get("hostLabel"):
        return 1
    return None


def _unsure(value: Any) -> bool:
    return False


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _blob(value: Any) -> bool:
    return isinstance(value, _BLOBS) or hasattr(value, "read")


def _timestamp(value: Any) -> bool:
    if isinstance(value, datetime.datetime):
        return True
    try:
        parse_to_aware_datetime(value)
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def _document(value: Any) -> bool:
    if value is None or isinstance(value, (str, int, bool, float)):
        return True
    if isinstance(value, dict):
        return all(_document(item) for item in value.values())
    if isinstance(value, list):
        return all(_document(item) for item in value)
    return False


def _sized(shape: Any, types: Any) -> Check:
    minimum = _minimum(shape)
    if minimum is None:
        return lambda value: isinstance(value, types)
    return lambda value: isinstance(value, types) and not len(value) < minimum


def _ranged(shape: Any, types: Any) -> Check:
    minimum = _minimum(shape)
    if minimum is None:
        return lambda value: isinstance(value, types)
    return lambda value: isinstance(value, types) and not value < minimum


def _structure(shape: Any) -> Check:
    required = tuple(shape.metadata.get("required", ()))
    union = bool(shape.is_tagged_union)
    checks = Compiled(shape.members, _compile_member)

    def check(params: Any) -> bool:
        if not isinstance(params, dict) or (union and len(params) != 1):
            return False
        for name in required:
            if name not in params:
                return False
        for name, value in params.items():
            member_check = checks[name]
            if member_check is None or not member_check(value):
                return False
        return True

    return check


def _list(shape: Any) -> Check:
    minimum = _minimum(shape)
    compiled = Compiled({"member": shape.member}, _compile_member)

    def check(value: Any) -> bool:
        if not isinstance(value, (list, tuple)):
            return False
        if minimum is not None and len(value) < minimum:
            return False
        item_check = compiled["member"]
        for item in value:  # noqa: SIM110 - a loop: all() over a generator costs more
            if not item_check(item):
                return False
        return True

    return check


def _map(shape: Any) -> Check:
    compiled = Compiled({"key": shape.key, "value": shape.value}, _compile_member)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        key_check = compiled["key"]
        value_check = compiled["value"]
        for key, item in value.items():  # noqa: SIM110 - as above
            if not key_check(key) or not value_check(item):
                return False
        return True

    return check


def _compile_member(name: str, member: Any) -> Check:
    return compile_check(member)
