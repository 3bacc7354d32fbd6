"""The drivers and the sealed process: where awsmock meets a running botocore.

Owns: the sync driver (the function patched over
``BaseClient._make_api_call``), the async driver (aiobotocore's
``AioBaseClient``), the hermetic environment (fake credentials and
region, no config files, no instance metadata, the HTTP sender blocked),
and the moto backend (``backend="moto"``: moto's dispatcher behind the
HTTP senders, imported only when such a patch starts).
Each driver runs the core's call path and emits the client's own events.

May import: ``awsmock.errors``, ``_util``, ``_model``, ``_iam``, ``_core``.
"""
