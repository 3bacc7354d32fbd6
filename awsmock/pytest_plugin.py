"""The pytest plugin: the ``awsmock`` fixture and the ``awsmock`` marker.

Registered through the ``pytest11`` entry point and inert until a test asks
for the fixture.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from ._patch import AwsMock

__all__ = ["AwsMockFixture"]

AwsMockFixture = AwsMock


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "awsmock(**options): options for the awsmock fixture (patch_boto3 keywords)."
    )


@pytest.fixture
def awsmock(request: pytest.FixtureRequest) -> Iterator[AwsMock]:
    """A started AwsMock, verified and stopped at teardown."""
    marker = request.node.get_closest_marker("awsmock")
    options: dict[str, Any] = dict(marker.kwargs) if marker else {}
    aws = AwsMock(**options)
    aws.start()
    yield aws
    aws.stop()
