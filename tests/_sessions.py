"""Fast boto3 sessions for tests that are not about how a client is made.

Every ``patch_boto3()`` gives boto3 a fresh default session, and a fresh
session reads botocore's JSON models again (~0.1 s per service). Sessions made
here share one loader, so a client costs ~10 ms; credentials and region still
come from the (hermetic) environment, as for ``boto3.client``.
"""

from __future__ import annotations

from typing import Any

import boto3
import botocore.loaders
import botocore.session

_LOADER = botocore.loaders.create_loader()


def session() -> boto3.Session:
    core = botocore.session.get_session()
    core.register_component("data_loader", _LOADER)
    return boto3.Session(botocore_session=core)


def client(service: str, **kwargs: Any) -> Any:
    return session().client(service, **kwargs)


def resource(service: str, **kwargs: Any) -> Any:
    return session().resource(service, **kwargs)
