"""Project-wide defaults from Django's ``settings.AWSMOCK``."""

from __future__ import annotations

from typing import Any, Dict, Mapping

from .._core.options import Options

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
    Options.create(options, where="settings.AWSMOCK")
    return dict(options)
