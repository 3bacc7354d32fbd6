"""State behind the patch: moto's backends answer what no queued entry serves.

With ``backend="moto"`` a driver hands a call nothing queued serves to the
original ``_make_api_call``, so the client's serializer, handlers, retries
and parser all run, while a context variable says the call is the
backend's. The HTTP sender (botocore's ``URLLib3Session.send``, aiobotocore's
senders), replaced by the patch anyway, then gives the prepared request to
moto's dispatcher (``BotocoreStubber.process_request``) instead of a socket,
and moto's answer to the client as an HTTP response: one state for sync and
async clients, on any thread, whenever the client was made.

moto's own ``before-send`` handler stays off while patched: clients made
before ``import moto`` lack it, and aiobotocore clients cannot read the sync
response it makes (moto#8513). ``MockAWS`` is started for the rest: fresh
backends, and presigned URLs fetched with ``requests`` served by moto.
Imported only when such a patch starts: moto takes half a second to import.
"""

from __future__ import annotations

import contextvars
import io
import os
import threading
from typing import Any, Callable, Optional, Tuple
from urllib.parse import urlsplit

from .._core.calls import Call
from .._core.options import check_moto, moto_version
from .._util.messages import docs, format_call
from ..errors import UnmockedCallError
from .aio_streams import queued_http_response
from .hermetic import FAKE_KEYS

__unittest = True

# The call whose requests moto answers: set by a driver around the original
# _make_api_call. A context variable: s3transfer's threads and asyncio tasks
# (s3fs on fsspec's loop thread) each serve their own.
_serving: contextvars.ContextVar[Optional[Call]] = contextvars.ContextVar(
    "awsmock_backend_call", default=None
)
_LOCK = threading.Lock()
# Patches with backend="moto" active (nested ones share the outermost's state).
_depth = 0
_state: Any = None  # (the MockAWS started, the stubber's enabled flag before)

Answer = Tuple[int, Any, bytes]


class MotoBackend:
    """moto's backends behind one patch: started and stopped with it."""

    def __init__(self, hermetic: bool) -> None:
        check_moto()
        self._hermetic = hermetic

    def start(self) -> None:
        global _depth, _state
        with _LOCK:
            if _depth == 0:
                _state = _start_moto(self._hermetic)
            _depth += 1

    def stop(self) -> None:
        global _depth, _state
        with _LOCK:
            _depth -= 1
            if _depth == 0 and _state is not None:
                mock, enabled = _state
                _state = None  # pragma: no mutate (read again only once start() sets it)
                from moto.core.models import botocore_stubber

                botocore_stubber.enabled = enabled
                mock.stop()  # the backends' data dropped

    def serve(self, call: Call) -> contextvars.Token[Optional[Call]]:
        """Until ``done(token)``, this thread's (task's) requests are ``call``'s, for moto."""
        return _serving.set(call)

    def done(self, token: contextvars.Token[Optional[Call]]) -> None:
        _serving.reset(token)


def _start_moto(hermetic: bool) -> Tuple[Any, bool]:
    """Start moto's ``MockAWS``: fresh backends, presigned URLs through ``requests``.

    moto sets its fake credentials in the environment and resets boto3's
    default session, as under ``mock_aws``, and undoes both when stopped.
    While hermetic the patch's own fake credentials are put back over moto's:
    they are the ones a hermetic patch gives. (Not with moto's
    ``mock_credentials`` setting: under the test's own ``mock_aws`` that
    setting would outlive the patch, and moto's keys with it.)
    """
    from moto.core.models import MockAWS, botocore_stubber

    mock = MockAWS()
    enabled = botocore_stubber.enabled
    mock.start()
    botocore_stubber.enabled = False
    if hermetic:
        os.environ.update(FAKE_KEYS)
    return mock, enabled


def answer(call: Call, request: Any, body: Any = None) -> Answer:
    """moto's (status, headers, body) for ``call``'s prepared ``request``."""
    __tracebackhide__ = True
    from moto.core.models import botocore_stubber

    if body is not None:
        request.body = body
    try:
        answered = botocore_stubber.process_request(request)
    except NotImplementedError as error:
        detail = str(error)
        standard = detail.startswith("The ") and detail.endswith("has not been implemented")
        reason = "does not implement it" + ("" if standard else f" ({detail})")
        raise not_implemented(call, reason) from None
    if answered is None:  # not an AWS URL: the client's endpoint_url, say
        host = urlsplit(request.url).netloc
        raise not_implemented(call, f"does not answer requests to {host}")
    if answered == (404, {}, "Not yet implemented"):
        raise not_implemented(call, f"has no backend for {call.service}")
    status, headers, content = answered
    if isinstance(content, str):
        content = content.encode("utf-8")  # pragma: no mutate ("UTF-8": the same codec)
    return status, headers, bytes(content)


def not_implemented(call: Call, reason: str) -> UnmockedCallError:
    """The error for a call moto cannot serve: what to queue instead."""
    return UnmockedCallError(
        f"{format_call(call.service, call.operation, call.params)} was called with nothing"
        f" queued for it, and moto {moto_version()} {reason}.\n"
        "Queue what it returns with:\n"
        f'    aws.add_response("{call.service}", "{call.operation}", {{...}})\n'
        f'Queued entries come first; backend="moto" serves the rest. {docs("state.html")}'
    )


def sender(blocked: Callable[..., Any]) -> Callable[..., Any]:
    """``URLLib3Session.send`` while patched: moto answers a backend call, else ``blocked``."""
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse

    def send(session: Any, request: Any) -> Any:
        __tracebackhide__ = True
        call = _serving.get()
        if call is None:
            return blocked(session, request)
        status, headers, content = answer(call, request)
        raw = MockRawResponse(content)
        # No parser reads a response's url, nor the raw response's length: pragmas.
        return AWSResponse(request.url, status, headers, raw)  # pragma: no mutate

    return send


def async_sender(blocked: Callable[..., Any]) -> Callable[..., Any]:
    """An aiobotocore sender's ``send`` while patched, as ``sender``: an async response."""
    from aiobotocore.awsrequest import AioAWSResponse

    async def send(session: Any, request: Any) -> Any:
        __tracebackhide__ = True
        call = _serving.get()
        if call is None:
            return await blocked(session, request)
        body = request.body
        read = getattr(body, "read", None)
        if read is not None:  # a file object, or aiobotocore's async chunked wrapper
            body = read()
            if hasattr(body, "__await__"):
                body = await body
        status, headers, content = answer(call, request, body)
        stream = io.BytesIO(content)
        raw = queued_http_response(stream, request.url, len(content))  # pragma: no mutate
        response = AioAWSResponse(request.url, status, headers, raw)  # pragma: no mutate
        if not request.stream_output:
            await response.content
        return response

    return send
