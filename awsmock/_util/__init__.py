"""Plain Python helpers that know nothing of botocore or AWS.

Owns: the wording of messages (plurals, docs links, diffs), tracebacks that
end at the test's line, fast copies of response data, and decorating test
functions, generators and coroutines.

May import: ``awsmock.errors`` only (and the standard library).
"""
