"""Hypothesis strategies for any operation's params and responses, from botocore's models.

Hypothesis is an optional extra (``pip install 'awsmock[hypothesis]'``);
``import awsmock`` does not import it, this module does::

    from awsmock import strategies

    @hypothesis.given(page=strategies.response("s3", "ListObjectsV2"))
    def test_listing_handles_any_page(page): ...

See the docs page "Testing failure paths and unusual responses".
"""

from __future__ import annotations

from typing import Any, Dict

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the test suite has Hypothesis
    raise ImportError(
        "awsmock.strategies needs Hypothesis: pip install 'awsmock[hypothesis]'"
    ) from None

from ._model.generate import params_strategy, response_strategy
from ._model.names import lookup
from ._model.shapes import shape_response
from ._util.messages import suggest
from .errors import InvalidResponseError

__unittest = True

__all__ = ["params", "response"]


def response(
    service: str, operation: str, /, **overrides: Any
) -> st.SearchStrategy[Dict[str, Any]]:
    """Responses of ``service``.``operation`` that ``add_response`` accepts.

    Required members always, optional ones sometimes, lists empty or not,
    unicode strings, numbers up to the type's range; a streaming payload as
    bytes with its ``ContentLength`` and checksums; a paginated output with
    its continuation token or without.

    :param overrides: top-level members to fix: a value (checked against the
        output shape, as ``add_response`` would) or a strategy to draw it from.
    """
    __tracebackhide__ = True
    info = lookup(service, operation)
    _check_names("response", info, list(overrides), info.model.output_shape)
    values = {k: v for k, v in overrides.items() if not isinstance(v, st.SearchStrategy)}
    if values:
        try:
            shape_response(info, values, check=True)
        except InvalidResponseError as error:
            raise InvalidResponseError(
                f"strategies.response({info.service!r}, {info.operation!r}): {error}"
            ) from None
    fixed = _fixed(overrides)
    return response_strategy(info, fixed)


def params(service: str, operation: str, /, **overrides: Any) -> st.SearchStrategy[Dict[str, Any]]:
    """Params for ``service``.``operation`` that botocore's validator accepts.

    Required members always, optional ones sometimes, enums, and each
    member's minimum length or value (the constraints botocore checks).

    :param overrides: top-level members to fix: a value or a strategy.
    """
    __tracebackhide__ = True
    info = lookup(service, operation)
    _check_names("params", info, list(overrides), info.model.input_shape)
    return params_strategy(info, _fixed(overrides))


def _fixed(overrides: Dict[str, Any]) -> Dict[str, st.SearchStrategy[Any]]:
    return {
        name: value if isinstance(value, st.SearchStrategy) else st.just(value)
        for name, value in overrides.items()
    }


def _check_names(kind: str, info: Any, names: list[str], shape: Any) -> None:
    __tracebackhide__ = True
    members = [] if shape is None else list(shape.members)
    for name in names:
        if name not in members:
            valid = ", ".join(members) if members else "none"
            raise InvalidResponseError(
                f"strategies.{kind}({info.service!r}, {info.operation!r}): the operation's"
                f" {'input' if kind == 'params' else 'output'} has no member {name!r}."
                f"{suggest(name, members)} Its members: {valid}."
            )
