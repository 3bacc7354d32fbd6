"""Copies of JSON-like data: per call (fast), and once at registration (plain)."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

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


def find_cycle(value: Any) -> Optional[Tuple[str, str]]:
    """``(path, again)``: where ``value`` contains a container holding it, or None.

    ``again`` is the path of that container (``""``: ``value`` itself). Not
    recursive: it is what to say after a RecursionError.
    """
    on_path: Dict[int, str] = {id(value): ""}
    stack: List[Tuple[Any, Iterator[Tuple[Any, str]]]] = [(value, _children(value, ""))]
    while stack:
        container, children = stack[-1]
        for child, path in children:
            if isinstance(child, (Mapping, list, tuple)):
                if id(child) in on_path:
                    return path, on_path[id(child)]
                on_path[id(child)] = path
                stack.append((child, _children(child, path)))
                break
        else:
            stack.pop()
            del on_path[id(container)]
    return None


def _children(value: Any, path: str) -> Iterator[Tuple[Any, str]]:
    """The items of a container with their paths: ``Item.tree``, ``Contents[0]``."""
    if isinstance(value, Mapping):
        return ((item, f"{path}.{key}" if path else str(key)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ((item, f"{path}[{index}]") for index, item in enumerate(value))
    return iter(())
