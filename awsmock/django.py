"""Django helpers: project-wide defaults from ``settings.AWSMOCK``.

``AwsMockMixin`` works with every Django test case as it is; when Django's
settings are configured, it starts from the options in ``settings.AWSMOCK``
(a dict of ``patch_boto3`` keywords), which a class's ``awsmock_options``
override.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping

from ._options import check_options
from .testcase import AwsMockMixin

__all__ = ["AwsMockMixin", "settings_options"]

__unittest = True


def settings_options() -> Dict[str, Any]:
    """The ``patch_boto3`` options in ``settings.AWSMOCK``, checked; ``{}`` if unset."""
    __tracebackhide__ = True
    from django.conf import settings  # type: ignore[import-untyped]

    if not settings.configured:
        return {}
    options = getattr(settings, "AWSMOCK", {})
    if not isinstance(options, Mapping):
        raise TypeError(
            "settings.AWSMOCK must be a dict of patch_boto3() options such as"
            f" {{'strict': True}}, got {options!r}."
        )
    check_options(dict(options), where="settings.AWSMOCK")
    return dict(options)
