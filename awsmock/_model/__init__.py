"""The botocore model layer: what AWS's service models say about a call.

Owns: operation and service names (snake_case, typos, "did you mean"),
compiled models and shapes, parameter validation, response checking and
shaping (``ResponseMetadata``, streaming bodies, datetimes), error parsing,
the client's events, DynamoDB conditions, generated examples, the faults each
service sends, and which credentials were given in code.

Stateless: nothing here knows about queues, calls or patches.

May import: ``awsmock.errors``, ``_util``.
"""
