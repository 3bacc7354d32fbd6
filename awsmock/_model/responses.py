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
from types import MappingProxyType
from typing import Any, AsyncIterator, Dict, Iterator, List, Mapping, Optional, Tuple, cast

from botocore import httpchecksum
from botocore.httpchecksum import StreamingChecksumBody
from botocore.response import StreamingBody

from .._util.copy import fast_copy
from .models import OperationInfo
from .shapes import LiveStream

__unittest = True

_request_ids = itertools.count(1)
# botocore's checksum classes by algorithm (private; CRT ones when awscrt is installed).
_CHECKSUMS: Dict[str, Any] = vars(httpchecksum).get("_CHECKSUM_CLS", {})


_REQUEST_ID = "a3b0c7e1-0000-4000-8000-%012x"  # % is the quickest of the formats


#: The HTTP headers of a response with no header-bound members (read only).
NO_HEADERS: Mapping[str, str] = MappingProxyType({})


def response_metadata(status: int = 200, headers: Mapping[str, str] = NO_HEADERS) -> Dict[str, Any]:
    """A fresh ``ResponseMetadata``: its own request id, ``headers`` among its HTTP headers."""
    rid = _REQUEST_ID % next(_request_ids)
    return {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": {**headers, "x-amzn-requestid": rid},
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
    members = info.header_members
    # The template's few keys, not the operation's many header members.
    for name, value in template.items():
        found = members.get(name)
        if found is None or value is None:
            continue
        wire, location = found
        if location == "header":
            cls = value.__class__
            if cls is str:
                headers[wire] = value
            elif cls is int:  # not a bool: its class is bool
                headers[wire] = str(value)
            elif not isinstance(value, (dict, list, bytes, LiveStream)):
                headers[wire] = _header_text(value)
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
    headers: Mapping[str, str],
    streams: Streams = SYNC_STREAMS,
    checksum: Optional[Tuple[str, str]] = None,
    last: bool = False,
) -> Any:
    """A fresh response for one call, built from a queued template.

    ``streams`` makes the payload a driver's clients read; ``checksum``: the
    (algorithm, expected value) botocore validates the body against for this
    call (``checksum_of``), as on the wire (sync clients). ``last``: no other
    call gets this template (an entry queued with ``times=1``, or one built
    for this call), so it becomes the response itself instead of a copy.
    """
    response: Dict[str, Any] = template if last else fast_copy(template)
    meta = response.get("ResponseMetadata")
    if meta is None:  # the common case
        meta = response["ResponseMetadata"] = response_metadata(200, headers)
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
            if checksum is None or streams.asynchronous:
                response[member] = streams.body(io.BytesIO(data), len(data))
            else:
                algorithm, expected = checksum
                meta["ChecksumAlgorithm"] = algorithm
                response[member] = StreamingChecksumBody(
                    io.BytesIO(data), len(data), _CHECKSUMS[algorithm](), expected
                )
    member = info.event_stream_member
    if member is not None:
        events = response.get(member) or []
        response[member] = QueuedEventStream(events if isinstance(events, list) else [events])
    return response


def checksum_of(info: OperationInfo, headers: Mapping[str, str]) -> Optional[Tuple[str, str]]:
    """The (algorithm, expected) botocore validates the body against, as ``handle_checksum_body``.

    The first algorithm of its priority list with a header; a composite
    checksum of a multipart object (``...-3``) is not validated.
    """
    for algorithm, header in info.checksum_headers:
        expected = headers.get(header)
        if expected is None:
            continue
        if "-" in expected:
            continue
        return algorithm, expected
    return None


def checksums_validated(info: OperationInfo, client: Any, params: Dict[str, Any]) -> bool:
    """Whether botocore would validate this call's response checksum.

    When the request has the validation member (``ChecksumMode``): the caller
    set it, or botocore's handler does with
    ``response_checksum_validation="when_supported"`` (the default).
    """
    member = info.checksum_mode_member
    if member is None or not info.checksum_algorithms:
        return False
    if member in params:
        return True
    config = client.meta.config
    return getattr(config, "response_checksum_validation", None) == "when_supported"


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
