"""The core that decides a call, with no I/O and no patching.

Owns: the options of a patch, the registry that checks what a test queues,
the FIFO queues per (service, operation), ``match=``, the call path (what
one call gets: entry taken, params checked, response or error chosen, call
recorded), the call log and its assertions, typed expectations, and the
virtual clock that retries sleep on.

May import: ``awsmock.errors``, ``_util``, ``_model``, ``_iam``.
"""
