"""The bodies aiobotocore hands out: ``StreamingBody`` over a queued payload.

aiobotocore's ``StreamingBody`` reads from an aiohttp response; these
stand-ins give it the queued bytes, so ``await body.read()``, ``iter_chunks``
and ``async with`` behave as they do against AWS.
"""

from __future__ import annotations

from typing import Any, Optional

from .._model.responses import Streams

__unittest = True


class _QueuedContent:
    """The ``content`` stream of an aiohttp response, over a queued payload."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._eof = False

    async def read(self, amount: int = -1) -> bytes:
        data: bytes = self._raw.read() if amount is None or amount < 0 else self._raw.read(amount)
        if not data:
            self._eof = True
        return data

    def at_eof(self) -> bool:
        return self._eof

    async def iter_chunks(self) -> Any:
        while True:
            chunk = await self.read(65536)
            if not chunk:
                return
            yield chunk, True


class _QueuedHttpResponse:
    """What aiobotocore's ``StreamingBody`` wraps: an aiohttp response, no socket."""

    def __init__(self, raw: Any, url: str, length: Optional[int]) -> None:
        self.content = _QueuedContent(raw)
        self.url = url
        self.content_length = length
        self.closed = False

    async def read(self) -> bytes:
        return await self.content.read()

    def at_eof(self) -> bool:
        return self.content.at_eof()

    async def __aenter__(self) -> _QueuedHttpResponse:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.release()

    def release(self) -> None:
        self.closed = True

    def close(self) -> None:
        self.closed = True


class AsyncStreams(Streams):
    asynchronous = True

    def body(self, raw: Any, length: Optional[int]) -> Any:
        from aiobotocore.response import StreamingBody

        return StreamingBody(_QueuedHttpResponse(raw, "", length), length)


ASYNC_STREAMS = AsyncStreams()


def queued_http_response(raw: Any, url: str, length: Optional[int]) -> Any:
    """An aiohttp-like response over ``raw`` (bytes moto answered), for ``AioAWSResponse``."""
    return _QueuedHttpResponse(raw, url, length)
