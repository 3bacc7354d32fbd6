"""Hypothesis strategies over botocore shapes, for the compiled fast paths' tests."""

from __future__ import annotations

import io
import os
from typing import Any, List

from hypothesis import strategies as st

__all__ = ["examples", "sampled", "values"]

#: ``AWSMOCK_PROPERTY_SCALE=0.1``: each property test draws a tenth of its
#: examples, and each sweep over every service takes every tenth service.
#: CI's runs on the other Pythons and botocore ends set it; the README's run
#: (and CI's main run) draws them all.
SCALE = float(os.environ.get("AWSMOCK_PROPERTY_SCALE", "1"))


def examples(count: int) -> int:
    """How many examples a property test that wants ``count`` draws in this run."""
    return max(1, round(count * SCALE))


def sampled(services: List[str]) -> List[str]:
    """The services a sweep over ``services`` takes in this run (all at scale 1)."""
    return services[:: max(1, round(1 / SCALE))]


def values(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values near and across the edges of what ``shape`` allows."""
    wrong: st.SearchStrategy[Any] = st.sampled_from([None, 1, "x", 1.5, True, b"x", [], {}, ()])
    if depth > 3:
        return wrong
    kind = shape.type_name
    if kind == "structure":
        if shape.is_document_type:
            leaf = st.one_of(st.none(), st.integers(), st.text(max_size=2), st.builds(object))
            right: st.SearchStrategy[Any] = st.recursive(
                leaf,
                lambda inner: (
                    st.lists(inner, max_size=2)
                    | st.dictionaries(st.text(max_size=2), inner, max_size=2)
                ),
                max_leaves=4,
            )
        else:
            members = list(shape.members.items())[:12]
            right = st.fixed_dictionaries(
                {}, optional={name: values(member, depth + 1) for name, member in members}
            )
            right = st.one_of(
                right,
                st.fixed_dictionaries({name: values(m, depth + 1) for name, m in members[:3]}),
                right.map(lambda d: {**d, "NotAMember": 1}),
            )
    elif kind == "string":
        right = st.text(max_size=3)
    elif kind in ("integer", "long"):
        right = st.integers(-2, 3) | st.booleans()
    elif kind in ("float", "double"):
        right = st.floats(-2, 3) | st.decimals(-2, 3) | st.integers(-2, 3)
    elif kind == "boolean":
        right = st.booleans()
    elif kind == "blob":
        right = st.binary(max_size=2) | st.builds(io.BytesIO) | st.builds(bytearray)
    elif kind == "timestamp":
        right = st.datetimes() | st.sampled_from(["2024-01-01T00:00:00Z", "not a date", 0, 1.5e9])
    elif kind == "list":
        right = st.lists(values(shape.member, depth + 1), max_size=3) | st.tuples(
            values(shape.member, depth + 1)
        )
    elif kind == "map":
        keys = values(shape.key, depth + 1).filter(_hashable)
        right = st.dictionaries(keys, values(shape.value, depth + 1), max_size=2)
    else:  # pragma: no cover - botocore has no other types today
        right = wrong
    return st.one_of(right, right, right, wrong)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
