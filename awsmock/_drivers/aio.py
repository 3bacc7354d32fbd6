"""The async driver: the coroutine patched over ``AioBaseClient._make_api_call``.

The same steps as the sync driver, over the same ``CallPath`` (so sync and
async clients share one set of queues and one call record), with
aiobotocore's event emitter awaited, ``async def`` response callables
awaited, and payloads handed out as aiobotocore's ``StreamingBody``.
Imported only when aiobotocore is installed and a patch starts.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
from typing import Any, Callable, Coroutine, Dict, List, Optional, Tuple

from botocore.hooks import first_non_none_response

from .._core.callpath import CallPath
from .._core.calls import Call, CallLog
from .._core.clock import take_tokens
from .._core.queues import Entry
from .._model import credentials
from .._model import events as _events
from .._model.models import OperationInfo, operation_info
from .._util.copy import fast_copy
from . import hermetic as _hermetic
from .aio_streams import ASYNC_STREAMS

__unittest = True

# The aiobotocore releases whose _make_api_call this driver stands in for
# (tested: the ends of the range, see CONTRIBUTING.rst).
SUPPORTED = ((2, 25), (4, 0))
SUPPORTED_TEXT = "aiobotocore>=2.25,<4"

Patch = Tuple[Any, str, Any]


async def emit(client: Any, event_name: str, **kwargs: Any) -> List[Tuple[Any, Any]]:
    """Emit ``event_name`` as aiobotocore's emitter does, awaiting the handlers that are async.

    As the sync driver's ``emit``: the handlers the emitter has looked up
    already are called directly (our event names are canonical), without
    its per-handler debug logging.
    """
    handlers = _events.lookup_handlers(client, event_name)
    if handlers is None:  # not looked up yet, or not aiobotocore's emitter
        return list(await client.meta.events.emit(event_name, **kwargs))
    kwargs["event_name"] = event_name
    responses = []
    for handler in handlers:
        response = handler(**kwargs)
        if inspect.isawaitable(response):
            response = await response
        responses.append((handler, response))
    return responses


async def notify(client: Any, event_name: str, **kwargs: Any) -> None:
    """``emit`` for an event whose handlers' answers aiobotocore ignores."""
    handlers = _events.lookup_handlers(client, event_name)
    if handlers is None:
        await client.meta.events.emit(event_name, **kwargs)
        return
    kwargs["event_name"] = event_name
    for handler in handlers:
        response = handler(**kwargs)
        if inspect.isawaitable(response):
            await response


async def check_params(
    client: Any, info: OperationInfo, api_params: Dict[str, Any]
) -> Dict[str, Any]:
    """The client's parameter events, awaited, then botocore's validation, on a copy."""
    __tracebackhide__ = True
    model = info.model
    context = _events.client_context(client, info)
    params = fast_copy(api_params)
    if _events.has_handlers(client, info.provide_params_event):
        responses = await emit(
            client, info.provide_params_event, params=params, model=model, context=context
        )
        params = first_non_none_response(responses, default=params)
    await notify(client, info.before_build_event, params=params, model=model, context=context)
    _events.validate(client, info, params)
    return context


class AsyncDriver:
    """Serves ``AioBaseClient._make_api_call`` from a ``CallPath``."""

    def __init__(
        self, path: CallPath, log: CallLog, original: Callable[..., Any], backend: Any = None
    ) -> None:
        import aiobotocore.client

        self._path = path
        self._log = log
        self._original = original
        self._backend = backend
        self._client_class = aiobotocore.client.AioBaseClient
        handle = self.handle

        async def _make_api_call(
            client: Any, operation_name: str, api_params: Dict[str, Any]
        ) -> Any:
            __tracebackhide__ = True
            api_mock = log.mock
            if api_mock is not None:
                # aws.mock records the call and runs its side effect: by
                # default the patch's, which returns mock_side_effect's coroutine.
                return await _awaited(api_mock(client, operation_name, api_params))
            return await handle(client, operation_name, api_params)

        self.function = _make_api_call

    def serves(self, client: Any) -> bool:
        """Whether ``client`` is an aiobotocore client (its calls come to this driver)."""
        return isinstance(client, self._client_class)

    def mock_side_effect(
        self, client: Any, operation_name: str, api_params: Any
    ) -> Coroutine[Any, Any, Any]:
        """What ``aws.mock`` does for an aiobotocore call: the coroutine serving it."""
        return self.handle(client, operation_name, api_params, via_mock=True)

    async def handle(
        self, client: Any, operation_name: str, api_params: Dict[str, Any], via_mock: bool = False
    ) -> Any:
        __tracebackhide__ = True
        path = self._path
        info = operation_info(client.meta.service_model.service_name, operation_name)
        context = await check_params(client, info, api_params) if path.validate else None
        if path.retries:
            return await self._handle_with_retries(client, info, api_params, context, via_mock)
        call, entry = path.take(client, info, api_params, via_mock)
        if entry is None:
            return await self._pass_through(client, call)
        produced = None
        if entry.factory is not None:
            try:
                produced = await _awaited(entry.factory(path.factory_params(call)))
            except BaseException as error:
                path.raised(call, error)
                raise
        response = path.respond(call, entry, produced, ASYNC_STREAMS)
        if context is None and entry.error is not None:
            context = {}
        if context is not None:
            await notify(
                client,
                info.after_call_event,
                **_events.after_call_kwargs(client, info, response, context, asynchronous=True),
            )
        return path.finish(client, call, response, context)

    async def _handle_with_retries(
        self,
        client: Any,
        info: OperationInfo,
        api_params: Dict[str, Any],
        context: Optional[Dict[str, Any]],
        via_mock: bool,
    ) -> Any:
        """The sync driver's retry loop, awaiting aiobotocore's retry handlers."""
        __tracebackhide__ = True
        path = self._path
        call, entry = path.first_attempt(client, info, api_params, via_mock)
        if entry is None:
            return await self._pass_through(client, call)
        context = _events.retry_context(client, info, context)
        limiters = _events.rate_limiters(client, info)
        try:
            while True:
                for limiter in limiters:
                    await _awaited(limiter(request=None, event_name="before-send"))
                response, error = await self._attempt(client, call, entry)
                kwargs = _events.needs_retry_kwargs(
                    client, info, call.attempts, response, error, context, asynchronous=True
                )
                answers = await emit(client, info.needs_retry_event, **kwargs)
                delay = first_non_none_response(answers)
                if delay is None or delay is False:
                    break
                next_entry = path.retry(call, delay)
                if next_entry is None:
                    return await self._pass_through(client, call)
                entry = next_entry
        except BaseException as raised:
            if call.exception is None:
                path.raised(call, raised)
            raise
        response = path.concluded(call, response, error)
        await notify(
            client,
            info.after_call_event,
            **_events.after_call_kwargs(client, info, response, context, asynchronous=True),
        )
        return path.finish(client, call, response, context)

    async def _attempt(
        self, client: Any, call: Call, entry: Entry
    ) -> Tuple[Optional[Dict[str, Any]], Optional[BaseException]]:
        """One attempt's outcome, as the sync driver's ``_attempt``, callables awaited."""
        __tracebackhide__ = True
        path = self._path
        if entry.exception is not None:
            error = path.exception(client, entry)
            if not isinstance(error, Exception):
                raise error
            return None, error
        produced = None
        if entry.factory is not None:
            try:
                produced = await _awaited(entry.factory(path.factory_params(call)))
            except Exception as error:
                return None, error
        return path.respond(call, entry, produced, ASYNC_STREAMS), None

    async def _pass_through(self, client: Any, call: Call) -> Any:
        """Send the call to what was there before the patch (a moto server, LocalStack)."""
        __tracebackhide__ = True
        if self._backend is not None:
            return await self._from_backend(client, call)
        before = _hermetic.allow_network(True)
        _hermetic.passed_through()
        try:
            response = await self._original(client, call.operation, self._path.sent_params(call))
        except BaseException as error:
            self._path.passed(call, error=error)
            raise
        finally:
            _hermetic.allow_network(before)
        return self._path.passed(call, response)

    async def _from_backend(self, client: Any, call: Call) -> Any:
        """The original ``_make_api_call``, its HTTP requests answered by the backend."""
        __tracebackhide__ = True
        token = self._backend.serve(call)
        try:
            response = await self._original(client, call.operation, self._path.sent_params(call))
        except BaseException as error:
            self._path.passed(call, error=error, served_by="backend")
            raise
        finally:
            self._backend.done(token)
        return self._path.passed(call, response, served_by="backend")


async def _awaited(value: Any) -> Any:
    """``value``, awaited if it is awaitable (aiobotocore handlers and callables may be either)."""
    if inspect.isawaitable(value):
        return await value
    return value


def async_token_bucket_acquire(clock: Any, original: Callable[..., Any]) -> Callable[..., Any]:
    """aiobotocore's ``AsyncTokenBucket.acquire``, its waits on ``clock`` (as the sync one)."""
    from botocore.exceptions import CapacityNotAvailableError

    async def acquire(bucket: Any, amount: int = 1, block: bool = True) -> Any:
        try:
            return await original(bucket, amount, block=False)
        except CapacityNotAvailableError:
            if not block:
                raise
        async with bucket._new_fill_rate_condition:
            return take_tokens(clock, bucket, amount)

    return acquire


def _blocked_sender(original: Callable[..., Any]) -> Callable[..., Any]:
    """Replaces an aiobotocore HTTP sender's ``send`` (aiohttp, httpx) while patched."""

    async def send(self: Any, request: Any) -> Any:
        if _hermetic.network_allowed():
            return await original(self, request)
        raise _hermetic.blocked(request)

    return send


@functools.cache
def installed(module: str) -> bool:
    """Whether ``module`` can be imported (found once per process: a search of sys.path)."""
    return importlib.util.find_spec(module) is not None


@functools.cache
def installed_version() -> Optional[Tuple[int, ...]]:
    """aiobotocore's version, or None when it is not installed (nothing is imported)."""
    if not installed("aiobotocore"):
        return None
    from importlib import metadata

    text = metadata.version("aiobotocore")
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def _unsupported(version: str) -> Callable[..., Any]:
    async def _make_api_call(client: Any, operation_name: str, api_params: Any) -> Any:
        __tracebackhide__ = True
        raise RuntimeError(
            f"awsmock does not support aiobotocore {version} (supported: {SUPPORTED_TEXT});"
            f" this {client._service_model.service_name}.{operation_name} call was not made."
            f" Install a supported release: pip install '{SUPPORTED_TEXT}'."
        )

    return _make_api_call


def _hermetic_patches() -> List[Patch]:
    """aiobotocore's own credential resolution and signing, faked as the sync ones are.

    Sessions and clients made before the patch would resolve (or sign with)
    the machine's credentials; keys given in code are kept.
    """
    from aiobotocore.credentials import AioCredentials
    from aiobotocore.session import AioSession
    from aiobotocore.signers import AioRequestSigner

    fake = AioCredentials("testing", "testing", "testing", method="awsmock")
    get_auth_instance = AioRequestSigner.__dict__["get_auth_instance"]

    async def get_credentials(self: Any) -> Any:
        return credentials.inside_patch(self._credentials, fake)

    async def signed_with_fake(
        self: Any,
        signing_name: str,
        region_name: str,
        signature_version: Any = None,
        request_credentials: Any = None,
        **kwargs: Any,
    ) -> Any:
        if request_credentials is None and credentials.resolved(self._credentials):
            request_credentials = fake
        return await get_auth_instance(
            self, signing_name, region_name, signature_version, request_credentials, **kwargs
        )

    return [
        (AioSession, "get_credentials", get_credentials),
        (AioRequestSigner, "get_auth_instance", signed_with_fake),
        (AioRequestSigner, "get_auth", signed_with_fake),
    ]


def patches(
    path: CallPath, log: CallLog, hermetic: bool, backend: Any = None
) -> Tuple[Optional[AsyncDriver], List[Patch]]:
    """The driver of aiobotocore clients and what to patch for them, if aiobotocore is installed."""
    version = installed_version()
    if version is None:
        return None, []
    import aiobotocore.client
    import aiobotocore.httpsession
    import aiobotocore.waiter

    base = aiobotocore.client.AioBaseClient
    waiter = aiobotocore.waiter.AIOWaiter
    if not SUPPORTED[0] <= version < SUPPORTED[1]:
        return None, [(base, "_make_api_call", _unsupported(".".join(map(str, version))))]
    driver = AsyncDriver(path, log, base.__dict__["_make_api_call"], backend)
    result: List[Patch] = [
        (base, "_make_api_call", driver.function),
        (aiobotocore.waiter, "asyncio", _hermetic.WAITER_ASYNCIO),
        (waiter, "wait", _hermetic.waiting_async(waiter.__dict__["wait"])),
    ]
    if path.retries:
        import aiobotocore.retries.adaptive
        from aiobotocore.retries.bucket import AsyncTokenBucket

        acquire = async_token_bucket_acquire(path.clock, AsyncTokenBucket.acquire)
        result.append((AsyncTokenBucket, "acquire", acquire))
    if hermetic:
        result.extend(_hermetic_patches())
    senders = [aiobotocore.httpsession.AIOHTTPSession]
    if installed("httpx"):
        import aiobotocore.httpxsession

        senders.append(aiobotocore.httpxsession.HttpxSession)
    for sender in senders:
        send = _blocked_sender(sender.__dict__["send"])
        if backend is not None:
            from .backend import async_sender

            send = async_sender(send)
        result.append((sender, "send", send))
    return driver, result
