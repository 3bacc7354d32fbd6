"""Decorating tests with ``patch_boto3()``, the way ``mock.patch`` does."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

__unittest = True


def decorate_function(func: Callable[..., Any], make: Callable[[], Any]) -> Callable[..., Any]:
    """Wrap ``func`` so each run gets a fresh, started ``make()`` as last positional arg."""
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            with make() as aws:
                return await func(*args, aws, **kwargs)

        wrapper: Callable[..., Any] = async_wrapper
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
