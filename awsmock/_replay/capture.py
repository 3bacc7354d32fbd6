"""What a recording call received, as parsed, before any after-call handler ran.

Replay runs the client's after-call handlers again (boto3's DynamoDB types,
S3's URL-decoding of listed keys), so a cassette must store the wire form:
``_make_request`` is wrapped to keep it, for botocore and aiobotocore.
"""

from __future__ import annotations

import contextvars
import io
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

from botocore.client import BaseClient
from botocore.response import StreamingBody

from .._model.models import OperationInfo, operation_info
from .._util.copy import fast_copy

__unittest = True

# The last response a recording thread received.
# A context variable: asyncio tasks on one thread record concurrently.
_captured: contextvars.ContextVar[Optional[Tuple[int, Dict[str, Any]]]] = contextvars.ContextVar(
    "awsmock_captured", default=None
)




def take() -> Optional[Tuple[int, Dict[str, Any]]]:
    """The (status, parsed response) this thread or task captured last, once."""
    captured = _captured.get()
    _captured.set(None)
    return captured


def patches() -> List[Tuple[Any, str, Any]]:
    """(target, attribute, replacement): ``_make_request`` wrapped to capture."""
    original = BaseClient.__dict__["_make_request"]
    result = [(BaseClient, "_make_request", _capturing(original))]
    aio = sys.modules.get("aiobotocore.client")  # imported by the patch if installed
    if aio is not None:
        base = aio.AioBaseClient
        result.append((base, "_make_request", _async_capturing(base.__dict__["_make_request"])))
    return result


def readable_copy(info: OperationInfo, parsed: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of ``parsed`` with the streaming payload read into bytes.

    ``parsed`` gets a fresh ``StreamingBody`` over the same bytes, so the code
    under test can still read it. Reading the original to its end is what
    makes botocore check the response checksum (placebo's copy does not).
    """
    copy: Dict[str, Any] = fast_copy(parsed)
    member = info.streaming_member
    body = parsed.get(member) if member is not None else None
    if member is not None and callable(getattr(body, "read", None)):
        data = cast(Any, body).read()
        parsed[member] = StreamingBody(io.BytesIO(data), len(data))
        copy[member] = data
    return copy


def _capturing(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``BaseClient._make_request`` to keep the parsed response of each call."""

    def _make_request(
        client: Any, operation_model: Any, request_dict: Any, request_context: Any
    ) -> Any:
        http, parsed = original(client, operation_model, request_dict, request_context)
        service = client._service_model.service_name
        info = operation_info(service, operation_model.name)
        status = http.status_code
        if status < 300:
            _captured.set((status, readable_copy(info, parsed)))
        else:
            _captured.set((status, fast_copy(parsed)))
        return http, parsed

    return _make_request


def _async_capturing(original: Callable[..., Any]) -> Callable[..., Any]:
    """The same for aiobotocore's ``AioBaseClient._make_request``: bodies are read awaited."""
    from .._drivers.aio_streams import ASYNC_STREAMS

    async def _make_request(
        client: Any, operation_model: Any, request_dict: Any, request_context: Any
    ) -> Any:
        http, parsed = await original(client, operation_model, request_dict, request_context)
        info = operation_info(client._service_model.service_name, operation_model.name)
        copy: Dict[str, Any] = fast_copy(parsed)
        member = info.streaming_member
        if http.status_code < 300 and member is not None and member in parsed:
            data = await parsed[member].read()
            parsed[member] = ASYNC_STREAMS.body(io.BytesIO(data), len(data))
            copy[member] = data
        _captured.set((http.status_code, copy))
        return http, parsed

    return _make_request
