"""Record and replay: ``patch_boto3(cassette=path, record_mode=...)``.

Recording lets unqueued calls through to the original ``_make_api_call``
(AWS, LocalStack, moto) and stores each one, secrets removed; replaying
queues the stored responses with the recorded params as expected params,
each served to the first call with its params, so calls made from worker
threads in any order replay. The implementation is the record-and-replay
layer, ``awsmock/_replay/``.
"""

from __future__ import annotations

from ._replay.cassette import RECORD_MODE_VARIABLE, Cassette

__all__ = ["RECORD_MODE_VARIABLE", "Cassette"]
