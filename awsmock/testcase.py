"""``AwsMockTestCase`` and ``AwsMockMixin``: a started ``AwsMock`` in every unittest test.

A thin shell over ``AwsMock.start()``/``stop()``: one patch for the whole
class (so ``setUpClass`` and Django's ``setUpTestData`` are covered) and a
fresh one nested inside it for each test.
"""

from __future__ import annotations

import os
import sys
import unittest
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, List, Mapping

from ._api.lifecycle import active_patches, note_swallowed
from ._api.patch import AwsMock
from ._api.runner import stop_for_runner, stop_leaked
from ._api.state import State
from ._core.options import DEFAULTS, Options
from ._util.traceback import trim
from .errors import AwsMockError

__all__ = ["AwsMockMixin", "AwsMockTestCase"]

__unittest = True

# Each test's own patch records and replays the cassette: the calls are made
# there. The class-level patch loading it too would leave every replayed
# response unused, and its empty recording would overwrite the file.
_CASSETTE_OPTIONS = ("cassette", "record_mode", "match_params", "before_record")

if TYPE_CHECKING:  # pragma: no cover
    _Base = unittest.TestCase
else:
    _Base = object


class AwsMockMixin(_Base):
    """Give every test of a ``unittest.TestCase`` subclass a started ``self.aws``.

    Put it before the TestCase class: ``class T(AwsMockMixin, TestCase)``.
    Options (``patch_boto3`` keywords) go in the class attribute
    ``awsmock_options``. ``cls.aws`` is patched from ``setUpClass`` to the end
    of the class; each test gets its own ``self.aws`` with fresh queues,
    verified when the test ends.
    """

    awsmock_options: ClassVar[Mapping[str, Any]] = {}
    aws: AwsMock
    _awsmock_passed: bool

    def __init_subclass__(cls, **kwargs: Any) -> None:
        __tracebackhide__ = True
        super().__init_subclass__(**kwargs)
        where = f"{cls.__qualname__}.awsmock_options"
        if not isinstance(cls.awsmock_options, Mapping):
            raise TypeError(
                f"{where} must be a dict of patch_boto3() options such as"
                f" {{'strict': True}}, got {cls.awsmock_options!r}."
            )
        Options.create(cls.awsmock_options, where=where)
        mro = cls.__mro__
        if unittest.TestCase in mro and mro.index(unittest.TestCase) < mro.index(AwsMockMixin):
            raise TypeError(
                f"{cls.__qualname__}: put AwsMockMixin before the TestCase class in the bases,"
                f" e.g. class {cls.__name__}(AwsMockMixin, TestCase); otherwise its"
                " setUpClass and setUp never run."
            )

    @classmethod
    def _awsmock_resolved_options(cls) -> Dict[str, Any]:
        """Project defaults (Django's ``settings.AWSMOCK``), then the class's options."""
        options: Dict[str, Any] = {}
        if "django.conf" in sys.modules:
            from ._api.django_settings import settings_options

            options.update(settings_options())
        options.update(cls.awsmock_options)
        # A relative cassette path is the test file's (the test class's module).
        return Options.create(options).relative_to(cls._awsmock_directory).as_dict()

    @classmethod
    def _awsmock_class_options(cls) -> Dict[str, Any]:
        """The class-level patch's options: the class's, without the cassette."""
        options = cls._awsmock_resolved_options()
        options.update((name, getattr(DEFAULTS, name)) for name in _CASSETTE_OPTIONS)
        return options

    @classmethod
    def _awsmock_directory(cls) -> str:
        module = sys.modules.get(cls.__module__)
        filename = getattr(module, "__file__", None)
        return os.path.dirname(os.path.abspath(filename)) if filename else os.getcwd()

    @classmethod
    def setUpClass(cls) -> None:
        __tracebackhide__ = True
        aws = AwsMock(**cls._awsmock_class_options())
        aws.start()
        cls.aws = aws
        ready = [False]
        cls.addClassCleanup(cls._awsmock_stop_class, aws, ready)
        super().setUpClass()
        ready[0] = True

    @classmethod
    def _awsmock_stop_class(cls, aws: AwsMock, ready: list[bool]) -> None:
        __tracebackhide__ = True
        if cls.__dict__.get("aws") is aws:
            del cls.aws
        # A subclass's setUpClass may fail after ours returned: unittest marks
        # the class, pytest runs the cleanups while handling the exception.
        failed = getattr(cls, "_classSetupFailed", False) or sys.exc_info()[1] is not None
        stop_for_runner(aws, succeeded=ready[0] and not failed)

    def _callSetUp(self) -> None:
        # Runs even when a subclass's setUp() forgets super().setUp().
        self._awsmock_started: List[State] = []
        aws = AwsMock(**self._awsmock_resolved_options())
        aws.start()
        self._awsmock_forward(aws)
        self.aws = aws
        self._awsmock_passed = False
        self.addCleanup(self._awsmock_stop_test, aws)
        # Runs before the line above (cleanups run last in, first out), after
        # the cleanups the test itself added.
        self.addCleanup(self._awsmock_stop_leaked)
        super()._callSetUp()  # type: ignore[misc]
        self._awsmock_passed = True

    def _awsmock_forward(self, aws: AwsMock) -> None:
        """While ``aws`` records its cassette, the class-level patch sends its calls on.

        ``aws`` passes a call it records to what it patched over: the
        class-level patch, which has no cassette of its own, and whose queued
        responses and record are the class-level calls'.
        """
        outer = getattr(type(self), "aws", None)
        cassette = aws._cassette
        if isinstance(outer, AwsMock) and cassette is not None and cassette.recording:
            outer._path.forwarding = True
            self.addCleanup(setattr, outer._path, "forwarding", False)

    def _callTestMethod(self, method: Callable[[], Any]) -> None:
        # unittest resets its outcome for each cleanup, so note here whether
        # the test failed (or was skipped): then verifying would only add noise.
        self._awsmock_passed = False
        before = active_patches()
        try:
            super()._callTestMethod(method)  # type: ignore[misc]
        except AwsMockError as error:
            trim(error)
            note_swallowed(error, active_patches())
            raise
        except BaseException as error:
            # The test failed on its own: show what awsmock raised and the code caught.
            note_swallowed(error, active_patches())
            raise
        finally:
            self._awsmock_started = [aws for aws in active_patches() if aws not in before]
        outcome = getattr(self, "_outcome", None)
        # A failed subTest() does not propagate; it shows in the outcome.
        self._awsmock_passed = outcome is None or bool(outcome.success)

    def _callTearDown(self) -> None:
        passed, self._awsmock_passed = self._awsmock_passed, False
        super()._callTearDown()  # type: ignore[misc]
        self._awsmock_passed = passed

    def _awsmock_stop_leaked(self) -> None:
        __tracebackhide__ = True
        stop_leaked(self._awsmock_started, self.id())

    def _awsmock_stop_test(self, aws: AwsMock) -> None:
        __tracebackhide__ = True
        stop_for_runner(aws, succeeded=self._awsmock_passed)


class AwsMockTestCase(AwsMockMixin, unittest.TestCase):
    """A ``unittest.TestCase`` whose tests each get a started ``self.aws``.

    Set ``awsmock_options = {...}`` (``patch_boto3`` keywords) on the class.
    """
