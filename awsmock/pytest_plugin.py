"""The pytest plugin: the ``awsmock`` fixture, the ``awsmock`` marker and ini defaults.

Registered through the ``pytest11`` entry point. Inert until a test asks for
the fixture or carries the marker: nothing is patched for any other test, so
moto and Stubber tests in the same run are untouched.
"""

from __future__ import annotations

from typing import Any, Dict, Generator, Iterator, List

import pytest

from ._options import DEFAULT_OPTIONS, check_options
from ._patch import AwsMock
from ._traceback import stop_for_runner, trim
from .errors import AwsMockError

__all__ = ["AwsMockFixture", "awsmock"]

#: The type of the ``awsmock`` fixture, for annotations: ``def test(awsmock: AwsMockFixture)``.
AwsMockFixture = AwsMock

# Options a project may set in its pytest configuration, as ``awsmock_<name>``.
INI_OPTIONS = {
    "strict": "bool",
    "validate": "bool",
    "verify": "bool",
    "hermetic": "bool",
    "region": "string",
}

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()


def pytest_addoption(parser: pytest.Parser) -> None:
    for name, kind in INI_OPTIONS.items():
        parser.addini(
            f"awsmock_{name}",
            help=f"awsmock fixture default for patch_boto3({name}=...)",
            type=kind,  # type: ignore[arg-type]
            default=DEFAULT_OPTIONS[name],
        )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "awsmock(**options): patch boto3 for this test with these patch_boto3() options;"
        " the awsmock fixture yields the AwsMock.",
    )


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """A test with the marker but not the fixture is patched all the same."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        marked = item.get_closest_marker("awsmock") is not None
        if marked and isinstance(names, list) and "awsmock" not in names:
            names.append("awsmock")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    except AwsMockError as error:
        # Only errors awsmock raised: end the traceback at the user's line.
        trim(error)
        raise


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


def options_for(item: pytest.Item) -> Dict[str, Any]:
    """The ini defaults, overridden by the markers from the outermost to the closest."""
    __tracebackhide__ = True
    options = {name: item.config.getini(f"awsmock_{name}") for name in INI_OPTIONS}
    check_options(options, where="the awsmock_* ini options")
    for marker in reversed(list(item.iter_markers("awsmock"))):
        if marker.args:
            raise TypeError(
                "@pytest.mark.awsmock takes patch_boto3() keyword options only,"
                f" such as @pytest.mark.awsmock(strict=True); got {marker.args!r}."
            )
        check_options(dict(marker.kwargs), where="@pytest.mark.awsmock()")
        options.update(marker.kwargs)
    return options


@pytest.fixture
def awsmock(request: pytest.FixtureRequest) -> Iterator[AwsMock]:
    """A started ``AwsMock``; verified and stopped when the test ends.

    Configure it with ``@pytest.mark.awsmock(**options)`` and the
    ``awsmock_*`` ini options. Verification is skipped when the test itself
    already failed, so each failure is reported once.
    """
    __tracebackhide__ = True
    aws = AwsMock(**options_for(request.node))
    aws.start()
    yield aws
    report = request.node.stash.get(_CALL_REPORT, None)
    stop_for_runner(aws, succeeded=report is not None and report.passed)
