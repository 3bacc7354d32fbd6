"""What a driver needs to run a client's own events around a mocked call.

The request context, botocore's parameter validation and the HTTP response
``after-call`` handlers see. Emitting is the drivers' part: the sync driver
calls the handlers, the async one awaits them.
"""

from __future__ import annotations

import sys
import uuid
import zlib
from typing import Any, Dict, Generator, List, Optional, Tuple

from botocore.awsrequest import HeadersDict
from botocore.validate import ParamValidationDecorator

from . import validation as _validation
from .models import OperationInfo

__unittest = True


def client_context(client: Any, info: OperationInfo) -> Dict[str, Any]:
    """The request context botocore's events expect (a subset of the real one)."""
    model = info.model
    return {
        "client_region": client.meta.region_name,
        "client_config": client.meta.config,
        "has_streaming_input": model.has_streaming_input,
        "auth_type": model.resolved_auth_type,
    }


def validate(client: Any, info: OperationInfo, params: Dict[str, Any]) -> None:
    """Raise ``ParamValidationError`` as the client's serializer would.

    ``Config(parameter_validation=False)`` only shows in the serializer.
    """
    if info.model.input_shape is not None and isinstance(
        client._serializer, ParamValidationDecorator
    ):
        _validation.validate(info, params)


def lookup_handlers(client: Any, event_name: str) -> Optional[Any]:
    """The handlers the client's emitter has already looked up for ``event_name``.

    Our event names are already canonical (built from the hyphenized service
    id), so a driver can go past botocore's EventAliaser and call them
    directly, without the emitter's per-handler debug log line: on a mocked
    call those are most of the cost of an event. None: not looked up yet.
    """
    events = client.meta.events
    emitter = getattr(events, "_emitter", events)
    return getattr(emitter, "_lookup_cache", {}).get(event_name)


def has_handlers(client: Any, event_name: str) -> bool:
    """Whether emitting ``event_name`` may call something (True until looked up)."""
    handlers = lookup_handlers(client, event_name)
    return handlers is None or len(handlers) > 0


# DynamoDB's checksum of the body, which legacy retry mode checks.
_CRC32_HEADER = "x-amz-crc32"
_EMPTY_CRC32 = str(zlib.crc32(b""))


class HttpResponse:
    """The HTTP response ``after-call`` and ``needs-retry`` handlers see: no body on the wire.

    What botocore's ``AWSResponse`` offers them, without a socket. ``raw``
    is None, which botocore's handlers check before reading a body
    (``GetBucketLocation``); the headers dict is built only if one reads it.
    Its headers fit its empty body: an ``x-amz-crc32`` (DynamoDB's, in a
    queued response or a cassette) is left out, or legacy retry mode's
    ``CRC32Checker`` would find the empty body corrupt and retry the call.
    """

    def __init__(self, url: str, status_code: int, headers: Dict[str, str]) -> None:
        self.url = url
        self.status_code = status_code
        self.raw = None
        self._content = b""
        self._raw_headers = headers
        self._headers: Optional[HeadersDict] = None

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            headers = HeadersDict(self._raw_headers)
            if headers.get(_CRC32_HEADER, _EMPTY_CRC32) != _EMPTY_CRC32:
                del headers[_CRC32_HEADER]
            self._headers = headers
        return self._headers

    @property
    def content(self) -> Any:
        return self._content

    @property
    def text(self) -> Any:
        return ""


class _Ready:
    """An awaitable of a value at hand (no coroutine: no warning if never awaited)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def __await__(self) -> Generator[Any, None, Any]:
        yield from ()
        return self._value


class AsyncHttpResponse(HttpResponse):
    """``HttpResponse`` as aiobotocore's ``AioAWSResponse``: ``content`` and ``text`` awaited."""

    @property
    def content(self) -> Any:
        return _Ready(self._content)

    @property
    def text(self) -> Any:
        return _Ready("")


def after_call_kwargs(
    client: Any,
    info: OperationInfo,
    response: Dict[str, Any],
    context: Dict[str, Any],
    asynchronous: bool = False,
) -> Dict[str, Any]:
    """The keyword arguments of the ``after-call`` event for ``response``."""
    http = http_response(client, response, asynchronous)
    return {"http_response": http, "parsed": response, "model": info.model, "context": context}


def http_response(
    client: Any, response: Dict[str, Any], asynchronous: bool = False
) -> HttpResponse:
    """The HTTP response ``response`` came in, as handlers of the client's events see it.

    ``asynchronous``: as aiobotocore's handlers see it (they await its body).
    """
    meta = response["ResponseMetadata"]
    made = AsyncHttpResponse if asynchronous else HttpResponse
    return made(client.meta.endpoint_url, meta["HTTPStatusCode"], meta["HTTPHeaders"])


def needs_retry_kwargs(
    client: Any,
    info: OperationInfo,
    attempts: int,
    response: Optional[Dict[str, Any]],
    error: Optional[BaseException],
    context: Dict[str, Any],
    asynchronous: bool = False,
) -> Dict[str, Any]:
    """The keyword arguments of ``needs-retry`` after attempt ``attempts``.

    As ``Endpoint._needs_retry`` emits them: the ``(http_response, parsed)``
    pair or the exception caught while sending; handlers read the request
    context (the retry quota, the ``retries`` counters) from ``request_dict``.
    """
    retries = context.setdefault("retries", {})
    retries["attempt"] = attempts
    return {
        "response": (
            None if response is None else (http_response(client, response, asynchronous), response)
        ),
        "endpoint": getattr(client, "_endpoint", None),
        "operation": info.model,
        "attempts": attempts,
        "caught_exception": error,
        "request_dict": {"context": context},
    }


def rate_limiters(client: Any, info: OperationInfo) -> List[Any]:
    """Adaptive mode's rate limiter, as the client's ``before-send`` handler (or nothing).

    Only that handler of ``before-send`` runs for a mocked attempt: the others
    (moto's among them) would send the request somewhere.
    """
    if (client.meta.config.retries or {}).get("mode") != "adaptive":
        return []
    from botocore.retries.adaptive import ClientRateLimiter

    limiters: Tuple[type, ...] = (ClientRateLimiter,)
    if "aiobotocore.retries.adaptive" in sys.modules:  # aiobotocore's own, async
        limiters += (sys.modules["aiobotocore.retries.adaptive"].AsyncClientRateLimiter,)
    events = client.meta.events
    emitter = getattr(events, "_emitter", events)
    event_name = f"before-send.{info.model.service_model.service_id.hyphenize()}.{info.operation}"
    trie = getattr(emitter, "_handlers", None)  # botocore's HierarchicalEmitter
    handlers = [] if trie is None else trie.prefix_search(event_name)
    return [h for h in handlers if isinstance(getattr(h, "__self__", None), limiters)]


def retry_context(
    client: Any, info: OperationInfo, context: Optional[Dict[str, Any]]
) -> Dict[str, Any]:
    """The request context of a call the client's retry handlers see (``retries`` counters)."""
    if context is None:
        context = client_context(client, info)
    context["retries"] = {"attempt": 1, "invocation-id": str(uuid.uuid4())}
    return context
