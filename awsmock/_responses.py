"""One call's response, built from a queued template the way botocore builds it.

Each call gets fresh containers, its own ``ResponseMetadata`` (with the HTTP
headers the header-bound members came from), a fresh ``StreamingBody`` over
the streaming payload and a fresh event stream.
"""

from __future__ import annotations

import datetime
import email.utils
import io
import itertools
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional, cast

from botocore.response import StreamingBody

from ._copy import fast_copy
from ._models import OperationInfo
from ._shapes import LiveStream

__unittest = True

_request_ids = itertools.count(1)


def response_metadata(status: int = 200) -> Dict[str, Any]:
    rid = f"a3b0c7e1-0000-4000-8000-{next(_request_ids):012x}"
    return {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": {"x-amzn-requestid": rid},
        "RetryAttempts": 0,
    }


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return email.utils.format_datetime(value.astimezone(datetime.timezone.utc), usegmt=True)
    return str(value)


def template_headers(info: OperationInfo, template: Dict[str, Any]) -> Dict[str, str]:
    """The HTTP headers a real response carries for the header-bound members queued.

    Real responses carry them (``content-type``, ``etag``, ``last-modified``,
    ``x-amz-meta-*`` ...) and code reads them from ``HTTPHeaders``.
    """
    headers: Dict[str, str] = {}
    for name, wire, location in info.header_members:
        value = template.get(name)
        if value is None:
            continue
        if location == "header":
            if not isinstance(value, (dict, list, bytes, LiveStream)):
                headers[wire.lower()] = _header_text(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                headers[f"{wire}{key}".lower()] = _header_text(item)
    payload = info.streaming_member
    if payload is not None and "content-length" not in headers:
        data = template.get(payload)
        if isinstance(data, bytes):
            headers["content-length"] = str(len(data))
    return headers


class Streams:
    """How a driver's clients read payloads: botocore's ``StreamingBody`` here.

    The async driver hands out aiobotocore's instead.
    """

    asynchronous = False

    def body(self, raw: Any, length: Optional[int]) -> Any:
        # botocore checks the length only when it is known.
        return StreamingBody(raw, cast(int, length))


SYNC_STREAMS = Streams()


def materialize(
    info: OperationInfo,
    template: Dict[str, Any],
    headers: Dict[str, str],
    streams: Streams = SYNC_STREAMS,
) -> Any:
    """A fresh response for one call, built from a queued template."""
    response: Dict[str, Any] = fast_copy(template)
    meta = response.get("ResponseMetadata")
    if meta is None:
        meta = response["ResponseMetadata"] = response_metadata()
    else:
        # Given HTTPHeaders replace the default ones (the request id header
        # goes with the generated RequestId); header-bound members fill in.
        defaults = response_metadata(meta.get("HTTPStatusCode", 200))
        defaults.update(meta)
        meta = response["ResponseMetadata"] = defaults
    if headers:
        meta["HTTPHeaders"] = {**headers, **meta["HTTPHeaders"]}
    member = info.streaming_member
    if member is not None:
        # botocore always hands out the stream, empty when the body is.
        data = response.get(member) or b""
        if isinstance(data, LiveStream):
            length = headers.get("content-length")
            response[member] = streams.body(data, int(length) if length else None)
        else:
            response[member] = streams.body(io.BytesIO(data), len(data))
    member = info.event_stream_member
    if member is not None:
        events = response.get(member) or []
        response[member] = QueuedEventStream(events if isinstance(events, list) else [events])
    return response


class QueuedEventStream:
    """Stands in for botocore's ``EventStream`` (and aiobotocore's): the queued events, once."""

    def __init__(self, events: List[Dict[str, Any]]) -> None:
        self._events: Iterator[Dict[str, Any]] = iter(events)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return self._events

    async def _async_events(self) -> AsyncIterator[Dict[str, Any]]:
        for event in self._events:
            yield event

    def __aiter__(self) -> AsyncIterator[Dict[str, Any]]:
        return self._async_events()

    def close(self) -> None:
        self._events = iter(())
