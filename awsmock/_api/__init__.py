"""The facade: ``patch_boto3()`` and ``AwsMock``, the one object users see.

Owns: ``AwsMock`` (a table of contents over the parts below), what a test
queues and the fault helpers (their signatures and docs), start and stop
(the stack of active patches, what is patched and restored), and what the
test runners share (stopping leaked patches, Django's settings).

May import: ``awsmock.errors``, ``_util``, ``_model``, ``_iam``, ``_core``,
``_drivers``, ``_replay``. The public modules (``awsmock``,
``awsmock.testcase``, ``awsmock.pytest_plugin``...) import from here.
"""
