"""Record and replay: cassettes, placebo directories and redaction.

Owns: the ``Cassette`` (what to queue when a patch starts, what to record
from a call that passed through), the file format and its checks, capturing
the wire form of a recorded response, importing placebo directories, and
removing secrets before anything is written.

May import: ``awsmock.errors``, ``_util``, ``_model``, ``_iam``, ``_core``,
``_drivers``.
"""
