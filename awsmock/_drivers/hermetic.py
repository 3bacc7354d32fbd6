"""The sealed process: fake credentials, a fixed region, no network.

While a patch is active, nothing the developer's machine or CI has configured
(profiles, SSO, container or instance credentials) may leak into the code
under test, and no HTTP request may leave the process.
"""

from __future__ import annotations

import contextvars
import os
import sys
import time
from typing import Any, Callable, Dict, List, Optional

from botocore.credentials import Credentials
from botocore.httpsession import URLLib3Session
from botocore.signers import RequestSigner

from .._model.credentials import inside_patch, resolved
from .._util.messages import docs
from ..errors import NetworkBlockedError

__unittest = True

# The fake credentials, as the environment gives them.
FAKE_KEYS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
}
_FAKE_ENVIRONMENT = {
    **FAKE_KEYS,
    # botocore reads these files lazily; a path that is not a file reads as empty.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    # Read by the instance-metadata fetcher when it is built: no I/O at all.
    "AWS_EC2_METADATA_DISABLED": "true",
}

# Every setting botocore, boto3 and s3transfer read from the environment that
# changes what a client sends or how it resolves credentials, endpoints and
# retries (botocore.configprovider's BOTOCORE_DEFAUT_SESSION_VARIABLES and
# DEFAULT_S3_CONFIG_VARS, the credential providers, the Lambda hooks). Removed
# while patched, so each is at its default; the config files that could set
# them are os.devnull. The one list: the docs' table is made from it.
REMOVED_SETTINGS = (
    # credentials and profiles
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_CREDENTIAL_FILE",
    "AWS_LOGIN_CACHE_DIRECTORY",
    "BOTO_CONFIG",
    "AWS_ACCOUNT_ID",
    # endpoints (so presigned URLs too)
    "AWS_ENDPOINT_URL",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE",
    "AWS_ENDPOINT_DISCOVERY_ENABLED",
    "AWS_DISABLE_HOST_PREFIX_INJECTION",
    "AWS_STS_REGIONAL_ENDPOINTS",
    "AWS_S3_USE_ARN_REGION",
    "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
    "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
    "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH",
    # signing
    "AWS_AUTH_SCHEME_PREFERENCE",
    "AWS_SIGV4A_SIGNING_REGION_SET",
    # what a request carries: checksums, compression, user agent, trace header
    "AWS_REQUEST_CHECKSUM_CALCULATION",
    "AWS_RESPONSE_CHECKSUM_VALIDATION",
    "AWS_DISABLE_REQUEST_COMPRESSION",
    "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
    "AWS_SDK_UA_APP_ID",
    "AWS_EXECUTION_ENV",
    "_X_AMZN_TRACE_ID",
    # client configuration: defaults mode, retries, models, plugins, transport
    "AWS_DEFAULTS_MODE",
    "AWS_MAX_ATTEMPTS",
    "AWS_RETRY_MODE",
    "BOTOCORE_EXPERIMENTAL__PLUGINS",
    "BOTO_DISABLE_CRT",
    "BOTO_EXPERIMENTAL__ADD_PROXY_HOST_HEADER",
    "BOTOCORE_TCP_KEEPALIVE",
    "AWS_CA_BUNDLE",
    # client-side monitoring (it would send UDP datagrams)
    "AWS_CSM_ENABLED",
    "AWS_CSM_CLIENT_ID",
    "AWS_CSM_HOST",
    "AWS_CSM_PORT",
    # the instance-metadata service (AWS_EC2_METADATA_DISABLED is set instead)
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
    "AWS_EC2_METADATA_V1_DISABLED",
    "AWS_IMDS_USE_IPV6",
    "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
    "AWS_METADATA_SERVICE_TIMEOUT",
)

# Read from the environment by botocore, and kept on purpose: where extra
# service models live (libraries register theirs there; the AWS CLI does at
# import), which does not change what a call sends or who it is sent as.
KEPT_SETTINGS = ("AWS_DATA_PATH",)


class Environment:
    """Sets the fake AWS environment and restores exactly what was there."""

    def __init__(self, region: str) -> None:
        self._region = region
        self._saved: Dict[str, Optional[str]] = {}
        self._session: Any = None

    def enter(self) -> None:
        environ = os.environ
        wanted = dict(_FAKE_ENVIRONMENT)
        wanted["AWS_DEFAULT_REGION"] = self._region
        wanted["AWS_REGION"] = self._region
        # One pass over the environment, not a lookup (an encode) per setting.
        present = {k for k in environ if k.startswith("AWS_")}
        removed = {k for k in present if k.startswith("AWS_ENDPOINT_URL_")}
        removed.update(present.intersection(REMOVED_SETTINGS))
        saved = self._saved
        for key, value in wanted.items():
            saved[key] = environ[key] if key in present else None
            environ[key] = value
        for key in removed:  # none of them is among the wanted ones
            saved[key] = environ.pop(key)
        # boto3 is not imported here (import time): code that imports it
        # while patched starts with no default session anyway.
        boto3 = sys.modules.get("boto3")
        if boto3 is not None:
            self._session = boto3.DEFAULT_SESSION
            setattr(boto3, "DEFAULT_SESSION", None)  # noqa: B010

    def exit(self) -> None:
        environ = os.environ
        for key, value in self._saved.items():
            if value is None:
                environ.pop(key, None)
            else:
                environ[key] = value
        self._saved.clear()
        boto3 = sys.modules.get("boto3")
        if boto3 is not None:
            setattr(boto3, "DEFAULT_SESSION", self._session)  # noqa: B010
        self._session = None  # pragma: no mutate (only drops the reference)


# What every credential resolution gives while patched.
FAKE_CREDENTIALS = Credentials("testing", "testing", "testing", method="awsmock")
_ORIGINAL_GET_AUTH_INSTANCE: Callable[..., Any] = RequestSigner.get_auth_instance


def get_credentials(self: Any) -> Any:
    """Stands in for ``botocore.session.Session.get_credentials`` while patched.

    Sessions made before the patch resolved (or would resolve) the machine's
    profile: a ``credential_process`` would run, an SSO cache be read. Keys a
    test gives in code (``aws_access_key_id=...``) are kept.
    """
    return inside_patch(self._credentials, FAKE_CREDENTIALS)


def get_auth_instance(
    self: Any,
    signing_name: str,
    region_name: str,
    signature_version: Optional[str] = None,
    request_credentials: Any = None,
    **kwargs: Any,
) -> Any:
    """Stands in for ``RequestSigner.get_auth_instance``: clients made before the
    patch sign (presigned URLs, posts) with the fake credentials, not the machine's."""
    if request_credentials is None and resolved(self._credentials):
        request_credentials = FAKE_CREDENTIALS
    return _ORIGINAL_GET_AUTH_INSTANCE(
        self, signing_name, region_name, signature_version, request_credentials, **kwargs
    )


def get_scoped_config(self: Any) -> Dict[str, Any]:
    """Stands in for ``botocore.session.Session.get_scoped_config`` while patched.

    A session made before the patch (a ``boto3.Session()`` at import) has
    read the machine's config file already and keeps it: its profile's
    ``max_attempts``, ``retry_mode``, ``endpoint_url`` or ``defaults_mode``
    would change what a call does on one machine and not on another. While
    patched every profile reads as empty, as the ``os.devnull`` config file
    gives sessions made inside; settings given in code are not in it.
    """
    return {}


def full_config(self: Any) -> Dict[str, Any]:
    """Stands in for ``Session.full_config`` (a property) while patched: no
    profiles, no ``services`` sections (endpoint URLs), no SSO sessions."""
    return {"profiles": {}}


def build_profile_map(self: Any) -> Dict[str, Any]:
    """Stands in for ``Session._build_profile_map``: ``available_profiles`` is empty."""
    return {}


FULL_CONFIG = property(full_config)

_loaders: Dict[Optional[str], Any] = {}


class _SearchPaths(list):  # type: ignore[type-arg]
    """A loader's search paths that a path already there is not added to again.

    Every ``boto3.Session`` appends boto3's data directory to its loader's
    ``search_paths``: on the shared loader that was one more entry (and one
    more directory scanned per model lookup) for every test.
    """

    def append(self, path: Any) -> None:
        if path not in self:
            super().append(path)


def shared_loader(search_path_string: Optional[str] = None) -> Any:
    """Stands in for ``botocore.session.create_loader`` while patched.

    Each patch gives boto3 a fresh default session, and a fresh session
    re-reads botocore's JSON models (70-180 ms per service). Sessions created
    while patched share one loader per data path, so only the first test of a
    process pays for that.
    """
    loader = _loaders.get(search_path_string)
    if loader is None:
        import botocore.loaders  # not at import: it costs 4 ms

        loader = botocore.loaders.create_loader(search_path_string)
        setattr(loader, "_search_paths", _SearchPaths(loader.search_paths))  # noqa: B010
        _loaders[search_path_string] = loader
    return loader


# While a waiter waits: whether its latest attempt passed through to a real
# backend (set by the drivers, cleared by the waiter's sleep). A context
# variable: each thread and each asyncio task waits on its own.
_waiting: contextvars.ContextVar[Optional[List[bool]]] = contextvars.ContextVar(
    "awsmock_waiting", default=None
)


def passed_through() -> None:
    """Called by the drivers for a call sent on: a waiter waiting on it sleeps before the next."""
    state = _waiting.get()
    if state is not None:
        state[0] = True


def _sleep_owed() -> bool:
    """Whether the waiter's attempt just made passed through (and so needs real time)."""
    state = _waiting.get()
    if state is None or not state[0]:
        return False
    state[0] = False  # pragma: no mutate (None is as false)
    return True


def waiting(wait: Callable[..., Any]) -> Callable[..., Any]:
    """``Waiter.wait``, its attempts watched for ones that pass through."""

    def wait_watched(self: Any, **kwargs: Any) -> Any:
        token = _waiting.set([False])
        try:
            return wait(self, **kwargs)
        finally:
            _waiting.reset(token)

    return wait_watched


def waiting_async(wait: Callable[..., Any]) -> Callable[..., Any]:
    """aiobotocore's ``AIOWaiter.wait``, as ``waiting``."""

    async def wait_watched(self: Any, **kwargs: Any) -> Any:
        token = _waiting.set([False])
        try:
            return await wait(self, **kwargs)
        finally:
            _waiting.reset(token)

    return wait_watched


class _WaiterTime:
    """Stands in for the ``time`` module inside ``botocore.waiter``.

    The waiter's only sleep is ``time.sleep`` between attempts. A mocked
    waiter finishes at once; one whose attempts pass through (``passthrough``,
    a cassette being recorded) gives the real backend the time it asked for.
    """

    @staticmethod
    def sleep(seconds: float) -> None:
        if _sleep_owed():
            time.sleep(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


WAITER_TIME = _WaiterTime()


class _WaiterAsyncio:
    """Stands in for the ``asyncio`` module inside ``aiobotocore.waiter``, as ``_WaiterTime``."""

    @staticmethod
    async def sleep(seconds: float) -> None:  # aiobotocore's waiter passes no result
        if _sleep_owed():
            import asyncio

            await asyncio.sleep(seconds)

    def __getattr__(self, name: str) -> Any:
        import asyncio

        return getattr(asyncio, name)


WAITER_ASYNCIO = _WaiterAsyncio()

# Set while a call is passed through on purpose: its requests may go out. A
# context variable, not a thread-local: asyncio tasks on one thread must not
# let each other's requests through.
_passing: contextvars.ContextVar[bool] = contextvars.ContextVar("awsmock_passing", default=False)
_ORIGINAL_SEND: Callable[..., Any] = URLLib3Session.send
# The innermost active patch records blocked requests, to raise them again at
# its end if the code under test swallowed them.
_watchers: List[Callable[[NetworkBlockedError], None]] = []


def watch_blocked(callback: Callable[[NetworkBlockedError], None]) -> None:
    """Until ``unwatch_blocked``, blocked requests are also given to ``callback``."""
    _watchers.append(callback)


def unwatch_blocked(callback: Callable[[NetworkBlockedError], None]) -> None:
    if callback in _watchers:
        _watchers.remove(callback)


def allow_network(allowed: bool) -> bool:
    """Set whether this thread (or task) may send; return the previous setting."""
    before = _passing.get()
    _passing.set(allowed)
    return before


def network_allowed() -> bool:
    return _passing.get()


def blocked_send(self: URLLib3Session, request: Any) -> Any:
    """Replaces ``URLLib3Session.send`` while patched.

    Raises an error that is not a botocore ``HTTPClientError``: botocore's
    retry handler would retry those, and code could catch them as a network
    blip.
    """
    if _passing.get():
        return _ORIGINAL_SEND(self, request)
    raise blocked(request)


def blocked(request: Any) -> NetworkBlockedError:
    """The error for a request that tried to leave the process; watchers see it."""
    error = NetworkBlockedError(
        f"awsmock blocked an HTTP request to {request.method} {request.url}.\n"
        "Nothing may reach the network while AWS is patched. Queue the call with"
        " aws.add_response(...), or let a service through on purpose with"
        f" patch_boto3(passthrough=['s3']). {docs('errors.html#networkblockederror')}"
    )
    if _watchers:
        _watchers[-1](error)
    return error
