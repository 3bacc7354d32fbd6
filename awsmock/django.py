"""Django helpers: project-wide defaults from ``settings.AWSMOCK``.

``AwsMockMixin`` works with every Django test case as it is; when Django's
settings are configured, it starts from the options in ``settings.AWSMOCK``
(a dict of ``patch_boto3`` keywords), which a class's ``awsmock_options``
override.
"""

from __future__ import annotations

from ._api.django_settings import settings_options
from .testcase import AwsMockMixin

__all__ = ["AwsMockMixin", "settings_options"]

__unittest = True
