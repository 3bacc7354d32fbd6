"""The resource ARN a call touches, from its params, region and account.

Each service's params name the resource their own way (``Bucket``/``Key``,
``QueueUrl``, ``TopicArn``, a Lambda ``FunctionName`` that may be a name, a
partial ARN or an ARN...). The functions here turn them into the variables of
the catalogue's ARN formats (``${BucketName}``, ``${QueueName}``); an ARN
given whole is kept as ``@arn`` and matched against the formats. When no
format can be filled the resource is ``*``, as AWS documents for actions
without resource types.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Dict, FrozenSet, List, Pattern, Tuple
from urllib.parse import unquote

from . import catalogue

__unittest = True

ACCOUNT = "123456789012"

Variables = Dict[str, str]


def _arn(value: Any) -> Variables:
    return {"@arn": value} if isinstance(value, str) and value.startswith("arn:") else {}


def first_arn(params: Dict[str, Any], members: Tuple[str, ...]) -> Variables:
    """The first ARN among ``members`` (the operation's ``...Arn`` members), if any."""
    for member in members:
        value = params.get(member)
        if isinstance(value, str) and value.startswith("arn:"):
            return {"@arn": value}
    return {}


def s3(params: Dict[str, Any]) -> Variables:
    bucket, key = params.get("Bucket"), params.get("Key")
    if not isinstance(bucket, str):
        return {}
    if bucket.startswith("arn:"):
        return _arn(f"{bucket}/object/{key}" if isinstance(key, str) else bucket)
    found = {"BucketName": bucket}
    if isinstance(key, str):
        found["ObjectName"] = key
    return found


def s3_source(source: Any) -> Variables:
    """``CopySource``: ``"bucket/key?versionId=v"`` or ``{"Bucket", "Key", "VersionId"}``."""
    if isinstance(source, str):
        path, _, query = source.lstrip("/").partition("?versionId=")
        bucket, _, key = path.partition("/")
        source = {"Bucket": bucket, "Key": unquote(key), "VersionId": query}
    if not isinstance(source, dict):
        return {}
    found = s3(source)
    if source.get("VersionId"):
        found["VersionId"] = str(source["VersionId"])
    return found


def sqs(params: Dict[str, Any]) -> Variables:
    url = params.get("QueueUrl")
    if isinstance(url, str):
        parts = url.rstrip("/").split("/")
        if len(parts) >= 2 and parts[-2].isdigit():
            return {"Account": parts[-2], "QueueName": parts[-1]}
        return {}
    name = params.get("QueueName")
    if not isinstance(name, str):
        return {}
    owner = params.get("QueueOwnerAWSAccountId")
    return {"QueueName": name, "Account": owner} if isinstance(owner, str) else {"QueueName": name}


def sns(params: Dict[str, Any]) -> Variables:
    for member in ("TopicArn", "TargetArn", "ResourceArn"):
        if isinstance(params.get(member), str):
            return _arn(params[member])
    subscription = params.get("SubscriptionArn")
    if isinstance(subscription, str):
        return _arn(subscription.rpartition(":")[0])
    name = params.get("Name")
    return {"TopicName": name} if isinstance(name, str) else {}


def dynamodb(params: Dict[str, Any]) -> Variables:
    table = params.get("TableName") or params.get("ResourceArn")
    if not isinstance(table, str):
        return {}
    if table.startswith("arn:"):
        return _arn(table)
    found = {"TableName": table}
    if isinstance(params.get("IndexName"), str):
        found["IndexName"] = params["IndexName"]
    return found


_PARTIQL = re.compile(r'^\s*(\w+).*?\b(?:FROM|INTO|UPDATE)\s+"?([\w.-]+)', re.I | re.S)
_PARTIQL_ACTIONS = {
    "select": "PartiQLSelect",
    "insert": "PartiQLInsert",
    "update": "PartiQLUpdate",
    "delete": "PartiQLDelete",
}


def partiql(statement: Any) -> Tuple[str, Variables]:
    """``PartiQLSelect`` on the table of ``SELECT * FROM "orders"``, and so on."""
    found = _PARTIQL.match(statement) if isinstance(statement, str) else None
    if found is None:
        return "PartiQLSelect", {}
    verb = found.group(1).lower()
    action = _PARTIQL_ACTIONS.get(verb, "PartiQLSelect")
    table = found.group(2) if verb != "update" else statement.split()[1].strip('"')
    return action, {"TableName": table}


def kms(params: Dict[str, Any], member: str = "KeyId") -> Variables:
    key = params.get(member)
    found: Variables = {}
    alias = params.get("AliasName")
    if isinstance(alias, str):
        found["Alias"] = alias[len("alias/") :] if alias.startswith("alias/") else alias
    if isinstance(key, str):
        if key.startswith("arn:") and ":key/" in key:
            return _arn(key)
        # An alias names a key awsmock cannot know: any key of the account.
        found["KeyId"] = "*" if "alias/" in key else key
    return found


def ssm(params: Dict[str, Any]) -> Variables:
    name = params.get("Name") or params.get("Path")
    if not isinstance(name, str):
        return {}
    if name.startswith("arn:"):
        return _arn(name)
    return {"ParameterNameWithoutLeadingSlash": name.lstrip("/")}


def events(params: Dict[str, Any]) -> Variables:
    bus = params.get("EventBusName")
    found: Variables = {}
    if isinstance(bus, str):
        if bus.startswith("arn:"):
            bus = bus.rpartition("/")[2]
        if bus != "default":
            found["EventBusName"] = bus
    rule = params.get("Rule") or params.get("Name")
    if isinstance(rule, str):
        found["RuleName"] = rule
    elif "EventBusName" not in found and bus == "default":
        found["EventBusName"] = bus
    return found


def secret(params: Dict[str, Any]) -> Variables:
    name = params.get("SecretId") or params.get("Name")
    if not isinstance(name, str):
        return {}
    if name.startswith("arn:"):
        return _arn(name)
    # Secrets Manager adds six random characters to the name in the ARN.
    return {"SecretId": f"{name}-??????"}


def kinesis(params: Dict[str, Any]) -> Variables:
    for member in ("StreamARN", "ConsumerARN", "ResourceARN"):
        if isinstance(params.get(member), str):
            return _arn(params[member])
    name = params.get("StreamName")
    return {"StreamName": name} if isinstance(name, str) else {}


def lambda_(params: Dict[str, Any]) -> Variables:
    name = params.get("FunctionName")
    if not isinstance(name, str):
        return {}
    if name.startswith("arn:"):
        return _arn(name)
    found: Variables = {}
    if ":function:" in name:  # "123456789012:function:name"
        account, _, name = name.partition(":function:")
        found["Account"] = account
    name, _, qualifier = name.partition(":")
    qualifier = qualifier or str(params.get("Qualifier") or "")
    # Invoking a version or alias is authorized on the qualified ARN.
    found["FunctionName"] = f"{name}:{qualifier}" if qualifier else name
    return found


# the ARN itself

_formats_lock = threading.Lock()
# (prefix, action) -> (format_map template, its variables, ARN pattern), most specific first
_formats: Dict[Tuple[str, str], List[Tuple[str, FrozenSet[str], Pattern[str]]]] = {}


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _pattern(arn_format: str) -> Pattern[str]:
    parts = re.split(r"(\$\{[^}]+\})", arn_format)
    last = len(parts) - 2
    text = "".join(
        ((".+" if i == last else "[^:/]+") if p.startswith("${") else re.escape(p))
        for i, p in enumerate(parts)
    )
    return re.compile(text)


def _formats_of(prefix: str, action: str) -> List[Tuple[str, FrozenSet[str], Pattern[str]]]:
    key = (prefix, action)
    found = _formats.get(key)
    if found is None:
        found = [
            (
                catalogue.template(arn_format),
                frozenset(catalogue.variables(arn_format)),
                _pattern(arn_format),
            )
            for arn_format, _ in catalogue.resource_types(prefix, action)
        ]
        found.sort(key=lambda f: -len(f[1]))
        with _formats_lock:
            _formats[key] = found
    return found


def resource(prefix: str, action: str, variables: Variables, region: str, account: str) -> str:
    """The ARN ``prefix:action`` is authorized on, filled from ``variables``; else ``*``."""
    formats = _formats_of(prefix, action)
    given = variables.get("@arn")
    if given is not None:
        for _, _, pattern in formats:
            if pattern.fullmatch(given):
                return given
        return "*"
    key = (prefix, action, region, account, tuple(variables))
    template = _filled.get(key)
    if template is None:
        template = _filled[key] = _template(formats, variables, region, account)
    return template.format_map(variables) if template != "*" else "*"


# (prefix, action, region, account, variable names) -> the template with the
# partition, region and account in place: a call to a new S3 key fills in
# two names, not five, and chooses no format.
_filled: Dict[Tuple[str, str, str, str, Tuple[str, ...]], str] = {}


def _template(
    formats: List[Tuple[str, FrozenSet[str], Pattern[str]]],
    variables: Variables,
    region: str,
    account: str,
) -> str:
    """The most specific format ``variables`` fill (sorted by their number of variables)."""
    own = {"Partition": partition(region), "Region": region, "Account": account}
    own = {name: value for name, value in own.items() if name not in variables}  # theirs win
    names = {*own, *variables}
    for template, needed, _ in formats:
        if needed <= names:
            for name, value in own.items():
                template = template.replace(f"{{{name}}}", value.replace("{", "{{"))
            return template
    return "*"
