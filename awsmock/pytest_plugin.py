"""The pytest plugin: the ``awsmock`` fixture, the ``awsmock`` marker and ini defaults.

Registered through the ``pytest11`` entry point. Inert until a test asks for
the fixture or carries the marker: nothing is patched for any other test, so
moto and Stubber tests in the same run are untouched, and nothing imports
boto3 or botocore until a test uses awsmock.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Generator, Iterator, List, Tuple

import pytest

from ._core.options import DEFAULTS, INI_OPTIONS, Options
from ._util.traceback import is_runner_plugin, raised_by_awsmock, trim
from .errors import AwsMockError

if TYPE_CHECKING:  # pragma: no cover
    from ._api.patch import AwsMock

__all__ = ["awsmock"]

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()
_STARTED_IN_CALL = pytest.StashKey[List[Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    for name, kind in INI_OPTIONS.items():
        parser.addini(
            f"awsmock_{name}",
            help=f"awsmock fixture default for patch_boto3({name}=...)",
            type=kind,  # type: ignore[arg-type]
            default=getattr(DEFAULTS, name),
        )
    parser.getgroup("awsmock").addoption(
        "--awsmock-iam-policy",
        metavar="PATH",
        default=None,
        help="write the least-privilege IAM policy for every AWS call the session's tests"
        " made to PATH (xdist workers merged)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "awsmock(**options): patch boto3 for this test with these patch_boto3() options;"
        " the awsmock fixture yields the AwsMock.",
    )
    # A bad value stops the run at once, as pytest's own options do, not
    # each test that uses the fixture.
    for name in INI_OPTIONS:
        _ini(config, name)
    path = config.getoption("awsmock_iam_policy", None)
    if path:
        config.pluginmanager.register(_IamPolicy(config, path), "awsmock-iam-policy")


def _ini(config: pytest.Config, name: str) -> Any:
    """The ``awsmock_<name>`` ini option; a bad bool is a UsageError naming it."""
    __tracebackhide__ = True
    key = f"awsmock_{name}"
    try:
        return config.getini(key)
    except (ValueError, pytest.UsageError):
        if INI_OPTIONS[name] != "bool":  # pragma: no cover - only bools are parsed by pytest
            raise
        value, where, toml = _raw_ini(config, key)
        accepted = (
            "true or false, without quotes (a TOML boolean)"
            if toml
            else "true or false (yes/no, 1/0 and on/off work too)"
        )
        raise pytest.UsageError(
            f"{key} = {value!r} in {where} is not a boolean: write {accepted}."
        ) from None


def _raw_ini(config: pytest.Config, key: str) -> Tuple[object, str, bool]:
    """``key``'s value as written, where, and whether TOML typed it (pytest lower-cases it)."""
    where = str(config.inipath) if config.inipath is not None else "the pytest configuration"
    stored = getattr(config, "_inicfg", None)  # pytest 9: ConfigValue items
    if isinstance(stored, dict) and key in stored:
        item = stored[key]
        if getattr(item, "origin", None) == "override":
            where = "-o"
        return getattr(item, "value", item), where, getattr(item, "mode", None) == "toml"
    override = getattr(config, "_get_override_ini_value", None)  # pytest 8
    value = override(key) if override is not None else None
    if value is not None:
        return value, "-o", False
    return config.inicfg.get(key), where, False  # pragma: no cover - pytest 8


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    """A test with the marker but not the fixture is patched all the same.

    The per-test hooks (leaked patches, tracebacks, reports) are registered
    only where awsmock is used: a suite that never imports it pays nothing.
    """
    used = "awsmock._api.lifecycle" in sys.modules
    for item in items:
        names = getattr(item, "fixturenames", None)
        marked = item.get_closest_marker("awsmock") is not None
        if marked and isinstance(names, list) and "awsmock" not in names:
            names.append("awsmock")
        used = used or marked or (isinstance(names, list) and "awsmock" in names)
    if used and not config.pluginmanager.has_plugin(_RUNTIME):
        config.pluginmanager.register(_Runtime(), _RUNTIME)


_RUNTIME = "awsmock-runtime"


def _active() -> List[Any]:
    # Only if awsmock's patching was ever imported: otherwise nothing can leak.
    patch = sys.modules.get("awsmock._api.lifecycle")
    return [] if patch is None else patch.active_patches()


class _Runtime:
    """The hooks around each test, for suites that use awsmock."""

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        before = _active()
        try:
            return (yield)
        except AwsMockError as error:
            # Only errors awsmock raised: end the traceback at the user's line.
            trim(error)
            raise
        finally:
            # Patches the test body started: if still active once its teardown
            # (finalizers, addCleanup) has run, they leaked. Patches of fixtures
            # are left alone: a module-scoped one rightly outlives the test.
            item.stash[_STARTED_IN_CALL] = [aws for aws in _active() if aws not in before]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True
        try:
            return (yield)
        finally:
            started = item.stash.get(_STARTED_IN_CALL, [])
            if started:
                from ._api.runner import stop_leaked

                stop_leaked(started, item.nodeid)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        excinfo = call.excinfo
        if excinfo is not None and raised_by_awsmock(excinfo.tb):
            # Frames of plugins wrapped around tests (pytest-asyncio, anyio) are noise.
            kept = excinfo.traceback.filter(lambda e: not is_runner_plugin(str(e.path)))
            if len(kept):
                excinfo.traceback = kept
        report = yield
        if report.when == "call":
            item.stash[_CALL_REPORT] = report
            if report.failed:
                # The test failed on its own: what awsmock raised and the code
                # under test caught is not verified again, so show it here.
                # The error that failed it was not caught: it is not listed.
                patch = sys.modules.get("awsmock._api.lifecycle")
                error = None if excinfo is None else excinfo.value
                note = "" if patch is None else patch.swallowed_note(_active(), error)
                if note:
                    report.sections.append(("awsmock: errors the code under test caught", note))
        return report


_WORKER_PART = "awsmock_iam_policy"


class _IamPolicy:
    """``--awsmock-iam-policy``: every patch adds its calls; the file is written at the end.

    Under xdist each worker hands its part to the controller in
    ``workeroutput``; the controller merges the parts and writes the file.
    """

    def __init__(self, config: pytest.Config, path: str) -> None:
        from ._iam import generate

        self.path = config.invocation_params.dir / path
        self.session = generate.Session()
        generate.SESSION = self.session

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        part = getattr(node, "workeroutput", {}).get(_WORKER_PART)
        if part:
            self.session.merge(part)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        import json

        from ._iam import generate

        worker = getattr(session.config, "workeroutput", None)
        if worker is not None:
            worker[_WORKER_PART] = sorted(list(pair) for pair in self.session.found)
        else:
            document = generate.document(self.session.found)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        generate.SESSION = None


def options_for(item: pytest.Item) -> Options:
    """The ini defaults, overridden by the markers from the outermost to the closest."""
    __tracebackhide__ = True
    options = Options.create(
        {name: _ini(item.config, name) for name in INI_OPTIONS},
        where="the awsmock_* ini options",
    )
    for marker in reversed(list(item.iter_markers("awsmock"))):
        if marker.args:
            raise TypeError(
                "@pytest.mark.awsmock takes patch_boto3() keyword options only,"
                f" such as @pytest.mark.awsmock(strict=True); got {marker.args!r}."
            )
        options = options.replace(marker.kwargs, where="@pytest.mark.awsmock()")
    return options


@pytest.fixture
def awsmock(request: pytest.FixtureRequest) -> Iterator[AwsMock]:
    """A started ``AwsMock``; verified and stopped when the test ends.

    Configure it with ``@pytest.mark.awsmock(**options)`` and the
    ``awsmock_*`` ini options. Verification is skipped when the test itself
    already failed, so each failure is reported once.
    """
    __tracebackhide__ = True
    from ._api.patch import AwsMock
    from ._api.runner import stop_for_runner

    # A relative cassette path is the test file's.
    options = options_for(request.node).relative_to(lambda: str(request.node.path.parent))
    aws = AwsMock(**options.as_dict())
    aws.start()
    yield aws
    report = request.node.stash.get(_CALL_REPORT, None)
    stop_for_runner(aws, succeeded=report is not None and report.passed)
