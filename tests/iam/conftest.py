"""The async IAM tests need aiobotocore, which the sync-only CI run has not."""

from __future__ import annotations

import importlib.util

collect_ignore_glob = [] if importlib.util.find_spec("aiobotocore") else ["test_async*.py"]
