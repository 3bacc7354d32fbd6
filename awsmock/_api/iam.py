"""``aws.iam_policy()``, ``iam_policy=`` enforcement, and the session's policy.

The IAM knowledge is in ``_iam``, imported only when a test uses it: a
suite that never asks about IAM loads no catalogue.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional

if TYPE_CHECKING:  # pragma: no cover
    from .._core.calls import Call
    from .._core.options import Options
    from .state import State

__unittest = True


def iam_policy(aws: State) -> Dict[str, Any]:
    """The least-privilege IAM policy for the calls made so far.

    A policy document (``Version`` 2012-10-17) that allows exactly the
    actions, on the resources, that the calls made under this patch needed:
    queued, passed-through (moto, LocalStack) and async calls alike. Calls
    that AWS, or ``iam_policy=``, denied are left out. Statements of services
    awsmock does not map operation by operation have a ``Sid`` ending in
    ``NotMappedByAwsmock``: their action is ``prefix:Operation`` on ``*``.
    """
    from .._iam import generate

    return generate.document(generate.pairs(aws.calls))


def enforcer(options: Options) -> Optional[Callable[[Call], Optional[BaseException]]]:
    """What the call path asks about each call, with ``iam_policy=``; None without."""
    if options.iam_policy is None:
        return None
    decide: Callable[[Call], Optional[BaseException]] = _enforcer_of()(options.iam_policy).denial
    return decide


@functools.cache
def _enforcer_of() -> Callable[[Any], Any]:
    """The policy's shared ``Enforcer``, imported at the first policy, not at every patch."""
    from .._iam.arns import ACCOUNT
    from .._iam.evaluate import Enforcer

    return functools.partial(Enforcer.of, account=ACCOUNT)


def collect(aws: State) -> None:
    """Add the patch's calls to the session's policy (``pytest --awsmock-iam-policy``)."""
    # The plugin imports generate to set SESSION: not imported, no session to add to.
    generate = sys.modules.get("awsmock._iam.generate")
    session = None if generate is None else generate.SESSION
    if session is not None:
        session.add(aws.calls)
