"""Responses parsed as the calling client's own parser would parse them.

botocore builds a parser for every call from the client's response parser
factory; ``set_parser_defaults(timestamp_parser=..., blob_parser=...)`` (the
AWS CLI sets its own timestamp parser) changes what timestamps and blobs
become. Queued responses hold what the default parser gives (aware datetimes,
bytes): for such a client each timestamp goes back to the text the wire
carries and through the client's parser, and each blob to its base64 text.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
from typing import Any, Callable, Dict, Optional, Tuple

from botocore.model import Shape

from .models import OperationInfo

__unittest = True

Parsers = Tuple[Optional[Callable[[Any], Any]], Optional[Callable[[Any], Any]]]


def client_parsers(client: Any) -> Optional[Parsers]:
    """The client's own (timestamp, blob) parsers; ``None`` when it uses botocore's.

    Read on every call, as botocore does (it makes a parser per call), but
    cheap: the factory's defaults are empty unless someone set them.
    """
    endpoint = getattr(client, "_endpoint", None)
    factory = getattr(endpoint, "_response_parser_factory", None)
    defaults = getattr(factory, "_defaults", None)
    if not defaults:
        return None
    timestamp = defaults.get("timestamp_parser")
    blob = defaults.get("blob_parser")
    if timestamp is None and blob is None:
        return None
    return timestamp, blob


def _wire_timestamp(value: datetime.datetime, fmt: str) -> Any:
    """``value`` as the response on the wire would carry it."""
    value = value.astimezone(datetime.timezone.utc)
    if fmt == "unixTimestamp":
        seconds = value.timestamp()
        return int(seconds) if seconds == int(seconds) else seconds
    if fmt == "rfc822":
        return email.utils.format_datetime(value, usegmt=True)
    millis = value.microsecond // 1000
    return value.strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


def _default_format(protocol: str, location: Optional[str]) -> str:
    if location == "header":
        return "rfc822"
    if protocol in ("json", "rest-json", "smithy-rpc-v2-cbor"):
        return "unixTimestamp"
    return "iso8601"


def reparse(info: OperationInfo, response: Dict[str, Any], parsers: Parsers) -> Dict[str, Any]:
    """``response`` (fresh for this call) with its timestamps and blobs as ``parsers`` make them."""
    shape: Any = info.model.output_shape  # a StructureShape
    if shape is None:
        return response
    protocol = info.model.service_model.protocol
    streaming = info.streaming_member
    for name, member in shape.members.items():
        if name == streaming or name not in response:
            continue
        location = member.serialization.get("location")
        response[name] = _convert(response[name], member, protocol, location, parsers)
    return response


def _convert(
    value: Any, shape: Shape, protocol: str, location: Optional[str], parsers: Parsers
) -> Any:
    kind = shape.type_name
    timestamp_parser, blob_parser = parsers
    if kind == "timestamp":
        if timestamp_parser is None or not isinstance(value, datetime.datetime):
            return value
        fmt = shape.serialization.get("timestampFormat") or _default_format(protocol, location)
        return timestamp_parser(_wire_timestamp(value, fmt))
    if kind == "blob":
        if blob_parser is None or not isinstance(value, bytes):
            return value
        return blob_parser(base64.b64encode(value).decode("ascii"))
    structure: Any = shape
    if kind == "structure" and isinstance(value, dict):
        for name, member in structure.members.items():
            if name in value:
                value[name] = _convert(value[name], member, protocol, None, parsers)
    elif kind == "list" and isinstance(value, list):
        value[:] = [_convert(v, structure.member, protocol, None, parsers) for v in value]
    elif kind == "map" and isinstance(value, dict):
        for key in value:
            value[key] = _convert(value[key], structure.value, protocol, None, parsers)
    return value
