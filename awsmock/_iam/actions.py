"""Which IAM action(s) an operation needs: awsmock's own exceptions to ``service:Operation``.

Most operations need the action of their own name. Those that do not are
listed here, service by service, each tested on its own: S3's list and head
operations, versioned object operations, copies and multipart uploads, SQS's
batches, DynamoDB's transactions and PartiQL, Lambda's ``Invoke``...

A rule returns ``(action name, variables)`` pairs: the variables fill the ARN
formats of the catalogue (``arns.py``); one operation may need several
actions, or one action on several resources.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Tuple

from .._model.models import MOST_USED_SERVICES, service_model
from . import arns
from .memo import present

__unittest = True

Need = Tuple[str, Dict[str, str]]
Rule = Callable[[str, Dict[str, Any]], List[Need]]

#: The services whose every operation is mapped and tested; elsewhere the
#: action is ``prefix:Operation`` on ``*``, and the policy says so.
COVERED = frozenset(MOST_USED_SERVICES)

# S3 operations whose action has another name (bucket configuration actions
# drop "Bucket"; deleting a configuration is putting it).
S3_RENAMED = {
    "CompleteMultipartUpload": "PutObject",
    "CreateMultipartUpload": "PutObject",
    "UploadPart": "PutObject",
    "CreateBucketMetadataConfiguration": "CreateBucketMetadataTableConfiguration",
    "DeleteBucketMetadataConfiguration": "DeleteBucketMetadataTableConfiguration",
    "GetBucketMetadataConfiguration": "GetBucketMetadataTableConfiguration",
    "DeleteBucketAnalyticsConfiguration": "PutAnalyticsConfiguration",
    "GetBucketAnalyticsConfiguration": "GetAnalyticsConfiguration",
    "ListBucketAnalyticsConfigurations": "GetAnalyticsConfiguration",
    "PutBucketAnalyticsConfiguration": "PutAnalyticsConfiguration",
    "DeleteBucketCors": "PutBucketCORS",
    "GetBucketCors": "GetBucketCORS",
    "PutBucketCors": "PutBucketCORS",
    "DeleteBucketEncryption": "PutEncryptionConfiguration",
    "GetBucketEncryption": "GetEncryptionConfiguration",
    "PutBucketEncryption": "PutEncryptionConfiguration",
    "DeleteBucketIntelligentTieringConfiguration": "PutIntelligentTieringConfiguration",
    "GetBucketIntelligentTieringConfiguration": "GetIntelligentTieringConfiguration",
    "ListBucketIntelligentTieringConfigurations": "GetIntelligentTieringConfiguration",
    "PutBucketIntelligentTieringConfiguration": "PutIntelligentTieringConfiguration",
    "DeleteBucketInventoryConfiguration": "PutInventoryConfiguration",
    "GetBucketInventoryConfiguration": "GetInventoryConfiguration",
    "ListBucketInventoryConfigurations": "GetInventoryConfiguration",
    "PutBucketInventoryConfiguration": "PutInventoryConfiguration",
    "DeleteBucketLifecycle": "PutLifecycleConfiguration",
    "GetBucketLifecycle": "GetLifecycleConfiguration",
    "GetBucketLifecycleConfiguration": "GetLifecycleConfiguration",
    "PutBucketLifecycle": "PutLifecycleConfiguration",
    "PutBucketLifecycleConfiguration": "PutLifecycleConfiguration",
    "DeleteBucketMetricsConfiguration": "PutMetricsConfiguration",
    "GetBucketMetricsConfiguration": "GetMetricsConfiguration",
    "ListBucketMetricsConfigurations": "GetMetricsConfiguration",
    "PutBucketMetricsConfiguration": "PutMetricsConfiguration",
    "DeleteBucketOwnershipControls": "PutBucketOwnershipControls",
    "DeleteBucketReplication": "PutReplicationConfiguration",
    "GetBucketReplication": "GetReplicationConfiguration",
    "PutBucketReplication": "PutReplicationConfiguration",
    "DeleteBucketTagging": "PutBucketTagging",
    "DeletePublicAccessBlock": "PutBucketPublicAccessBlock",
    "GetPublicAccessBlock": "GetBucketPublicAccessBlock",
    "PutPublicAccessBlock": "PutBucketPublicAccessBlock",
    "GetBucketAccelerateConfiguration": "GetAccelerateConfiguration",
    "PutBucketAccelerateConfiguration": "PutAccelerateConfiguration",
    "GetBucketNotificationConfiguration": "GetBucketNotification",
    "PutBucketNotificationConfiguration": "PutBucketNotification",
    "GetObjectLockConfiguration": "GetBucketObjectLockConfiguration",
    "PutObjectLockConfiguration": "PutBucketObjectLockConfiguration",
    "HeadBucket": "ListBucket",
    "ListBuckets": "ListAllMyBuckets",
    "ListDirectoryBuckets": "s3express:ListAllMyDirectoryBuckets",
    "ListMultipartUploads": "ListBucketMultipartUploads",
    "ListObjectVersions": "ListBucketVersions",
    "ListObjects": "ListBucket",
    "ListObjectsV2": "ListBucket",
    "ListParts": "ListMultipartUploadParts",
    "SelectObjectContent": "GetObject",
    "HeadObject": "GetObject",
    "RenameObject": "PutObject",
}
# S3 object operations whose action is ``...Version...`` when a VersionId is given.
S3_VERSIONED = {
    "GetObject": "GetObjectVersion",
    "HeadObject": "GetObjectVersion",
    "GetObjectAcl": "GetObjectVersionAcl",
    "PutObjectAcl": "PutObjectVersionAcl",
    "GetObjectTagging": "GetObjectVersionTagging",
    "PutObjectTagging": "PutObjectVersionTagging",
    "DeleteObjectTagging": "DeleteObjectVersionTagging",
    "DeleteObject": "DeleteObjectVersion",
    "GetObjectAttributes": "GetObjectVersionAttributes",
    "GetObjectTorrent": "GetObjectVersionTorrent",
}
SIMPLE_RENAMED = {
    ("sqs", "ChangeMessageVisibilityBatch"): "ChangeMessageVisibility",
    ("sqs", "DeleteMessageBatch"): "DeleteMessage",
    ("sqs", "SendMessageBatch"): "SendMessage",
    ("sns", "PublishBatch"): "Publish",
    ("lambda", "Invoke"): "InvokeFunction",
    ("lambda", "InvokeWithResponseStream"): "InvokeFunction",
    ("lambda", "GetLayerVersionByArn"): "GetLayerVersion",
}


def _s3(operation: str, params: Dict[str, Any]) -> List[Need]:
    if operation in ("CopyObject", "UploadPartCopy"):
        source = arns.s3_source(params.get("CopySource"))
        need = "GetObjectVersion" if "VersionId" in source else "GetObject"
        return [(need, source), ("PutObject", arns.s3(params)), *_s3_extras(params)]
    if operation == "DeleteObjects":
        objects = (params.get("Delete") or {}).get("Objects") or [{}]
        return [
            (
                "DeleteObjectVersion" if o.get("VersionId") else "DeleteObject",
                arns.s3({"Bucket": params.get("Bucket"), "Key": o.get("Key")}),
            )
            for o in objects
        ]
    if operation == "WriteGetObjectResponse":
        return [("s3-object-lambda:WriteGetObjectResponse", {})]
    if operation == "CreateSession":
        return [("s3express:CreateSession", arns.s3(params))]  # directory buckets
    if operation in S3_VERSIONED and params.get("VersionId"):
        return [(S3_VERSIONED[operation], arns.s3(params))]
    found = [(S3_RENAMED.get(operation, operation), arns.s3(params))]
    if operation in _S3_WRITES:
        found.extend(_s3_extras(params))
    return found


_S3_WRITES = frozenset({"PutObject", "CopyObject", "CreateMultipartUpload"})
_S3_ACL = ("ACL", "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWriteACP")


def _s3_extras(params: Dict[str, Any]) -> List[Need]:
    """A new object's ACL and tags need their own actions (AWS documents both)."""
    given = present(params, _S3_EXTRA)
    if not given:
        return []
    found = []
    if not given.isdisjoint(_S3_ACL):
        found.append(("PutObjectAcl", arns.s3(params)))
    if "Tagging" in given:
        found.append(("PutObjectTagging", arns.s3(params)))
    return found


_S3_EXTRA = frozenset({*_S3_ACL, "Tagging"})


def _dynamodb(operation: str, params: Dict[str, Any]) -> List[Need]:
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [
            (operation, arns.dynamodb({"TableName": t})) for t in params.get("RequestItems", {})
        ]
    if operation in ("TransactGetItems", "TransactWriteItems"):
        return _transact(params.get("TransactItems") or [])
    if operation in ("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"):
        statements = params.get("Statements") or params.get("TransactStatements")
        texts = [params.get("Statement", "")] if statements is None else statements
        return [arns.partiql(s if isinstance(s, str) else s.get("Statement", "")) for s in texts]
    return [(operation, arns.dynamodb(params))]


_TRANSACT = {
    "Get": "GetItem",
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}


def _transact(items: List[Dict[str, Any]]) -> List[Need]:
    found = []
    for item in items:
        for kind, body in item.items():
            if kind in _TRANSACT and isinstance(body, dict):
                found.append((_TRANSACT[kind], arns.dynamodb(body)))
    return found


def _kms(operation: str, params: Dict[str, Any]) -> List[Need]:
    if operation == "ReEncrypt":
        source = arns.kms({"KeyId": params.get("SourceKeyId", "*")})
        return [("ReEncryptFrom", source), ("ReEncryptTo", arns.kms(params, "DestinationKeyId"))]
    if operation in ("CreateAlias", "UpdateAlias", "DeleteAlias"):
        # Authorized on the alias and on the key it points to (for a delete: any key).
        alias = arns.kms({"AliasName": params.get("AliasName")})
        key = arns.kms({"KeyId": params.get("TargetKeyId", "*")})
        return [(operation, alias), (operation, key)]
    return [(operation, arns.kms(params))]


def _ssm(operation: str, params: Dict[str, Any]) -> List[Need]:
    names = params.get("Names")
    if isinstance(names, list):
        return [(operation, arns.ssm({"Name": name})) for name in names]
    return [(operation, arns.ssm(params))]


def _events(operation: str, params: Dict[str, Any]) -> List[Need]:
    if operation == "PutEvents":
        buses = {e.get("EventBusName") or "default" for e in params.get("Entries") or [{}]}
        return [(operation, arns.events({"EventBusName": b})) for b in sorted(buses)]
    if "EventBus" in operation and "Name" in params:  # the bus itself: Name is its name
        return [(operation, arns.events({"EventBusName": params["Name"]}))]
    return [(operation, arns.events(params))]


def _secretsmanager(operation: str, params: Dict[str, Any]) -> List[Need]:
    if operation == "BatchGetSecretValue":
        # Its own action, and GetSecretValue on each secret (on "*" when chosen by filters).
        ids = params.get("SecretIdList") or ["*"]
        return [("BatchGetSecretValue", {})] + [
            ("GetSecretValue", arns.secret({"SecretId": i}) if i != "*" else {}) for i in ids
        ]
    return [(operation, arns.secret(params))]


RULES: Dict[str, Rule] = {
    "s3": _s3,
    "dynamodb": _dynamodb,
    "kms": _kms,
    "ssm": _ssm,
    "events": _events,
    "secretsmanager": _secretsmanager,
}
VARIABLES: Dict[str, Callable[[Dict[str, Any]], Dict[str, str]]] = {
    "sqs": arns.sqs,
    "sns": arns.sns,
    "lambda": arns.lambda_,
    "kinesis": arns.kinesis,
}


#: Operations no identity policy governs: AWS allows them whatever the policy says.
NO_PERMISSION = frozenset(
    {
        ("sts", "GetCallerIdentity"),  # "No permissions are required", even with a Deny
        ("sts", "AssumeRoleWithWebIdentity"),  # unsigned: the role's trust policy decides
        ("sts", "AssumeRoleWithSAML"),
    }
)


def needs_of(service: str, operation: str, params: Dict[str, Any]) -> List[Need]:
    """The (action name, ARN variables) pairs ``service.operation`` with ``params`` needs."""
    if (service, operation) in NO_PERMISSION:
        return []
    rule = RULES.get(service)
    if rule is not None:
        return rule(operation, params)
    extract = VARIABLES.get(service)
    variables = {} if extract is None else extract(params)
    if not variables:  # Step Functions, STS, or a Lambda layer, code signing config...
        variables = arns.first_arn(params, arn_members(service, operation))
    return [(SIMPLE_RENAMED.get((service, operation), operation), variables)]


_arn_members: Dict[Tuple[str, str], Tuple[str, ...]] = {}


def arn_members(service: str, operation: str) -> Tuple[str, ...]:
    """The input members whose names end in "arn" (``stateMachineArn``, ``RoleArn``)."""
    found = _arn_members.get((service, operation))
    if found is None:
        shape = service_model(service).operation_model(operation).input_shape
        names = [] if shape is None else list(shape.members)
        found = _arn_members[(service, operation)] = tuple(
            n for n in names if n.lower().endswith("arn")
        )
    return found
