"""Decorating tests with ``patch_boto3()``, the way ``mock.patch`` does."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

__unittest = True


def decorate_function(func: Callable[..., Any], make: Callable[[], Any]) -> Callable[..., Any]:
    """Wrap ``func`` so each run gets a fresh, started ``make()`` as last positional arg."""
    if inspect.isasyncgenfunction(func):
        wrapper: Callable[..., Any] = _async_generator_wrapper(func, make)
    elif inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def generator_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            # Patched until the generator finishes or is closed: a pytest
            # yield fixture runs its test between the two halves. Closed early
            # (GeneratorExit), the patch still verifies (AwsMock.__exit__).
            with make() as aws:
                return (yield from func(*args, aws, **kwargs))

        wrapper = generator_wrapper
    elif inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            with make() as aws:
                return await func(*args, aws, **kwargs)

        wrapper = async_wrapper
    else:

        @functools.wraps(func)
        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            with make() as aws:
                return func(*args, aws, **kwargs)

        wrapper = sync_wrapper
    wrapper.__signature__ = _signature_without_aws(func)  # type: ignore[attr-defined]
    wrapper._awsmock_decorated = True  # type: ignore[attr-defined]
    return wrapper


def _async_generator_wrapper(
    func: Callable[..., Any], make: Callable[[], Any]
) -> Callable[..., Any]:
    """``yield from`` for async generators: asend/athrow/aclose delegated by hand."""

    @functools.wraps(func)
    async def async_generator_wrapper(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        with make() as aws:
            inner = func(*args, aws, **kwargs)
            try:
                value = await inner.__anext__()
            except StopAsyncIteration:
                return
            while True:
                try:
                    sent = yield value
                except GeneratorExit:
                    await inner.aclose()
                    raise
                except BaseException as error:  # thrown in by athrow()
                    try:
                        value = await inner.athrow(error)
                    except StopAsyncIteration:
                        return
                else:
                    try:
                        value = await inner.asend(sent)
                    except StopAsyncIteration:
                        return

    return async_generator_wrapper


def _signature_without_aws(func: Callable[..., Any]) -> inspect.Signature:
    """Hide the injected parameter, so pytest does not look for an 'aws' fixture.

    pytest passes fixtures by keyword, so the AwsMock lands on the first
    positional parameter after ``self``/``cls``.
    """
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    index = 1 if params and params[0].name in ("self", "cls") else 0
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if index < len(params) and params[index].kind in positional:
        del params[index]
    return sig.replace(parameters=params)
