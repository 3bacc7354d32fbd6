"""Copies of JSON-like data: per call (fast), and once at registration (plain)."""

from __future__ import annotations

from typing import Any

__unittest = True

_CONTAINERS = (dict, list)
_SEQUENCES = (list, tuple)
_PLAIN = (dict, list, tuple)  # what plain_copy copies; leaves are tested inline


def fast_copy(value: Any) -> Any:
    """Deep-copy the containers of JSON-like data, keep the leaves.

    ``copy.deepcopy`` is several times slower, and fails on leaves such as
    s3transfer's ``ReadFileChunk``; leaves here are immutable or owned by the
    caller. Leaves are tested inline: a call per leaf is most of the cost.
    """
    cls = value.__class__
    if cls is dict:
        return {k: fast_copy(v) if v.__class__ in _CONTAINERS else v for k, v in value.items()}
    if cls is list:
        return [fast_copy(v) if v.__class__ in _CONTAINERS else v for v in value]
    return value


def plain_copy(value: Any) -> Any:
    """Deep-copy registered data into plain dicts and lists, once, at registration.

    ``fast_copy`` (per call) copies exact dicts and lists only, so a template
    holding an ``OrderedDict`` or a tuple would be shared by every call; and
    botocore's parser only ever hands out dicts and lists.
    """
    if isinstance(value, dict):
        for item in value.values():
            if isinstance(item, _PLAIN):
                return {k: plain_copy(v) if isinstance(v, _PLAIN) else v for k, v in value.items()}
        return dict(value)  # leaves only: copied in C
    if isinstance(value, _SEQUENCES):
        return [plain_copy(v) if isinstance(v, _PLAIN) else v for v in value]
    return value
