"""AttributePatch: what was there comes back exactly, as with mock.patch.object."""

from __future__ import annotations

import types
from unittest import mock

import pytest
from botocore.client import BaseClient

from awsmock import patch_boto3
from awsmock._util.attributes import AttributePatch

from ..conftest import ORIGINAL_MAKE_API_CALL


class Base:
    inherited = "base"


class Child(Base):
    own = "child"


def test_an_own_attribute_is_put_back() -> None:
    patch = AttributePatch(Child, "own", "new")
    assert Child.own == "new"
    patch.stop()
    assert vars(Child)["own"] == "child"


def test_an_inherited_attribute_is_deleted_again_not_copied_down() -> None:
    patch = AttributePatch(Child, "inherited", "new")
    assert Child.inherited == "new"
    patch.stop()
    assert "inherited" not in vars(Child)
    assert Child.inherited == "base"


def test_a_module_attribute_is_put_back() -> None:
    module = types.ModuleType("probe")
    module.value = 1  # type: ignore[attr-defined]
    patch = AttributePatch(module, "value", 2)
    assert module.value == 2  # type: ignore[attr-defined]
    patch.stop()
    assert module.value == 1  # type: ignore[attr-defined]


def test_a_created_attribute_is_removed() -> None:
    patch = AttributePatch(Child, "created", 1, create=True)
    assert Child.created == 1  # type: ignore[attr-defined]
    patch.stop()
    assert not hasattr(Child, "created")


def test_a_missing_attribute_is_an_error_unless_created() -> None:
    with pytest.raises(AttributeError, match="does not have the attribute 'missing'"):
        AttributePatch(Child, "missing", 1)
    assert not hasattr(Child, "missing")


def test_nested_patches_stop_in_reverse_order() -> None:
    outer = AttributePatch(Child, "own", "outer")
    inner = AttributePatch(Child, "own", "inner")
    inner.stop()
    assert Child.own == "outer"
    outer.stop()
    assert Child.own == "child"


def test_mock_patch_stopall_in_a_test_leaves_awsmock_patched() -> None:
    with patch_boto3():
        mock.patch.stopall()
        assert BaseClient.__dict__["_make_api_call"] is not ORIGINAL_MAKE_API_CALL
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
