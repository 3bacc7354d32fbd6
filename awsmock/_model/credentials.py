"""Which credentials a test gave in code, and which botocore found on the machine.

The hermetic patch replaces the machine's (a profile, the environment, SSO,
an instance role) with fake ones and keeps those a test gave in code
(``aws_access_key_id=...``, ``method == "explicit"``). Both drivers and the
call record ask the same question, so the rule lives here.
"""

from __future__ import annotations

from typing import Any

__unittest = True


def resolved(credentials: Any) -> bool:
    """Credentials found on the machine (env, profile, process, SSO, role), not given in code."""
    return credentials is not None and getattr(credentials, "method", None) != "explicit"


def inside_patch(credentials: Any, fake: Any) -> Any:
    """A session's credentials while hermetic: keys given in code, else ``fake``."""
    if credentials is not None and not resolved(credentials):
        return credentials
    return fake
