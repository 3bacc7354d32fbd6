"""Which output members carry an operation's continuation token, from botocore's paginators."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .models import OperationInfo, _get_session

__unittest = True

#: (the top-level token members, the "more results" member or None)
Pages = Tuple[List[str], Optional[str]]

_models: Dict[str, Any] = {}
_pages: Dict[Tuple[str, str], Optional[Pages]] = {}


def page_members(info: OperationInfo) -> Optional[Pages]:
    """The token members of a paginated operation's output, or None if it is not paginated.

    Only plain member names count: ``NextMarker || Contents[-1].Key`` (S3
    ListObjects) gives ``NextMarker``, the paginator's fallback being a path.
    """
    key = (info.service, info.operation)
    if key not in _pages:
        _pages[key] = _load(info.service, info.operation)
    return _pages[key]


def _load(service: str, operation: str) -> Optional[Pages]:
    model = _models.get(service, False)
    if model is False:
        try:
            model = _get_session().get_paginator_model(service)
        except Exception:  # botocore's DataNotFoundError: the service has no paginators
            model = None
        _models[service] = model
    if model is None:
        return None
    try:
        config = model.get_paginator(operation)
    except ValueError:  # not paginated
        return None
    tokens = config.get("output_token", [])
    names = []
    for token in tokens if isinstance(tokens, list) else [tokens]:
        first = str(token).split("||")[0].strip()
        if first.isidentifier():
            names.append(first)
    more = config.get("more_results")
    return names, more if isinstance(more, str) and more.isidentifier() else None
