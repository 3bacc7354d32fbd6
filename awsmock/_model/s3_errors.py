"""The errors S3 documents for its operations, which its model mostly leaves out.

S3's model names thirteen errors in all; its API reference lists, per
operation, the codes a real bucket answers with. These are the common ones,
with S3's own status and message. HEAD requests carry no body, so botocore
sees only the status: the code is ``"404"``, ``"403"`` ... (its parser's
fallback), whatever the model says.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

__unittest = True

#: code, HTTP status, S3's message
Documented = Tuple[str, int, str]

NO_SUCH_BUCKET: Documented = ("NoSuchBucket", 404, "The specified bucket does not exist")
NO_SUCH_KEY: Documented = ("NoSuchKey", 404, "The specified key does not exist.")
NO_SUCH_UPLOAD: Documented = (
    "NoSuchUpload",
    404,
    "The specified upload does not exist. The upload ID may be invalid, or the upload"
    " may have been aborted or completed.",
)
PRECONDITION_FAILED: Documented = (
    "PreconditionFailed",
    412,
    "At least one of the pre-conditions you specified did not hold",
)

# HEAD operations: the status, as botocore's parser reports it.
HEAD_OPERATIONS = frozenset(("HeadObject", "HeadBucket"))
HEAD_NOT_FOUND: Documented = ("404", 404, "Not Found")
HEAD_FORBIDDEN: Documented = ("403", 403, "Forbidden")

_NOT_CONFIGURED = {
    "GetBucketPolicy": ("NoSuchBucketPolicy", "The bucket policy does not exist"),
    "GetBucketTagging": ("NoSuchTagSet", "The TagSet does not exist"),
    "GetBucketCors": ("NoSuchCORSConfiguration", "The CORS configuration does not exist"),
    "GetBucketLifecycleConfiguration": (
        "NoSuchLifecycleConfiguration",
        "The lifecycle configuration does not exist",
    ),
    "GetBucketWebsite": (
        "NoSuchWebsiteConfiguration",
        "The specified bucket does not have a website configuration",
    ),
    "GetBucketEncryption": (
        "ServerSideEncryptionConfigurationNotFoundError",
        "The server side encryption configuration was not found",
    ),
    "GetPublicAccessBlock": (
        "NoSuchPublicAccessBlockConfiguration",
        "The public access block configuration was not found",
    ),
    "GetObjectLockConfiguration": (
        "ObjectLockConfigurationNotFoundError",
        "Object Lock configuration does not exist for this bucket",
    ),
    "GetBucketReplication": (
        "ReplicationConfigurationNotFoundError",
        "The replication configuration was not found",
    ),
}

_BY_OPERATION: Dict[str, List[Documented]] = {
    "GetObject": [
        NO_SUCH_KEY,
        ("InvalidRange", 416, "The requested range is not satisfiable"),
        PRECONDITION_FAILED,
    ],
    "HeadObject": [HEAD_NOT_FOUND, ("412", 412, "Precondition Failed")],
    "HeadBucket": [HEAD_NOT_FOUND],
    "PutObject": [
        ("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size"),
        ("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
        PRECONDITION_FAILED,
    ],
    "CopyObject": [NO_SUCH_KEY, PRECONDITION_FAILED],
    "GetObjectTagging": [NO_SUCH_KEY],
    "GetObjectAttributes": [NO_SUCH_KEY],
    "DeleteObjects": [
        (
            "MalformedXML",
            400,
            "The XML you provided was not well-formed or did not"
            " validate against our published schema",
        ),
    ],
    "CreateBucket": [
        ("InvalidBucketName", 400, "The specified bucket is not valid."),
        ("TooManyBuckets", 400, "You have attempted to create more buckets than allowed"),
    ],
    "DeleteBucket": [
        ("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"),
    ],
    "UploadPart": [NO_SUCH_UPLOAD],
    "UploadPartCopy": [NO_SUCH_UPLOAD, NO_SUCH_KEY],
    "CompleteMultipartUpload": [
        NO_SUCH_UPLOAD,
        ("InvalidPart", 400, "One or more of the specified parts could not be found."),
        ("InvalidPartOrder", 400, "The list of parts was not in ascending order."),
        (
            "EntityTooSmall",
            400,
            "Your proposed upload is smaller than the minimum allowed object size.",
        ),
    ],
    "ListParts": [NO_SUCH_UPLOAD],
    "PutBucketPolicy": [("MalformedPolicy", 400, "Policies must be valid JSON")],
    "RestoreObject": [
        NO_SUCH_KEY,
        ("RestoreAlreadyInProgress", 409, "Object restore is already in progress"),
    ],
}


def documented(operation: str, input_members: List[str]) -> List[Documented]:
    """The errors S3 documents for ``operation``; NoSuchBucket wherever a bucket is named."""
    found = list(_BY_OPERATION.get(operation, []))
    missing = _NOT_CONFIGURED.get(operation)
    if missing is not None:
        found.append((missing[0], 404, missing[1]))
    if operation in HEAD_OPERATIONS:
        return found
    if "Bucket" in input_members and operation != "CreateBucket":
        found.append(NO_SUCH_BUCKET)
    return found
