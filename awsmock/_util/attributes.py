"""Replacing an attribute and putting back exactly what was there.

``mock.patch.object`` does the same with more machinery: a patch_boto3()
sets a dozen attributes on every start, so its cost was a fifth of a test's.
Ours are also out of reach of ``mock.patch.stopall()`` in the user's tests.
"""

from __future__ import annotations

from typing import Any

__unittest = True

_MISSING = object()


class AttributePatch:
    """``target.name = new`` until :meth:`stop`; an inherited or created attribute is
    deleted again, as ``mock.patch.object`` does."""

    __slots__ = ("_name", "_original", "_target")

    def __init__(self, target: Any, name: str, new: Any, *, create: bool = False) -> None:
        if not create and not hasattr(target, name):
            raise AttributeError(f"{target!r} does not have the attribute {name!r}")
        self._target = target
        self._name = name
        self._original = vars(target).get(name, _MISSING)
        setattr(target, name, new)

    def stop(self) -> None:
        if self._original is _MISSING:
            delattr(self._target, self._name)
        else:
            setattr(self._target, self._name, self._original)
