"""``example()``: a valid response for any operation, generated from its output shape.

The values are deterministic and plain: enums take their first value,
strings are the member's name (an ARN or an id where the name ends in
``Arn`` or ``Id``), numbers are 0 or the shape's minimum, booleans False,
timestamps one fixed aware datetime, blobs and streaming payloads short
bytes. A shape met again inside itself is left out, so recursive shapes end.
"""

from __future__ import annotations

import base64
import datetime
from typing import Any, Dict, List, Optional, Tuple

from botocore.model import Shape

from .._util.copy import fast_copy
from ..errors import InvalidResponseError
from .names import lookup
from .shapes import shape_response

__unittest = True

__all__ = ["EXAMPLE_BYTES", "EXAMPLE_TIME", "example"]

#: Every blob and streaming payload in an example.
EXAMPLE_BYTES = b"example"
#: Every timestamp in an example.
EXAMPLE_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)

_ACCOUNT = "123456789012"


class _Skip:
    """A shape met again inside itself: the member is left out."""


_SKIP = _Skip()

# (service, full, structure name) -> its example, for the structures whose
# example did not depend on where they were met (no recursion cut inside).
# botocore builds new Shape objects on every member access: without this a
# large model (QuickSight's definitions) takes seconds.
_structures: Dict[Tuple[str, bool, str], Dict[str, Any]] = {}


def example(
    service: str, operation: str, /, *, full: bool = False, **overrides: Any
) -> Dict[str, Any]:
    """A valid response for ``service``.``operation``, built from botocore's model.

    :param full: ``False`` gives the required members and the streaming
        payload; ``True`` every member, with one item in each list and map.
    :param overrides: top-level members to set, checked against the output shape.
    """
    __tracebackhide__ = True
    info = lookup(service, operation)
    if not isinstance(full, bool):
        raise TypeError(f"example(): full must be True or False, got {full!r}.")
    shape = info.model.output_shape
    response: Dict[str, Any] = {}
    if shape is not None:
        builder = _Builder(info.service, full)
        built = builder.structure(shape, [], top_payload=info.streaming_member)
        if isinstance(built, dict):
            response = built
        event_stream = info.event_stream_member
        if event_stream is not None and event_stream not in response:
            response[event_stream] = []
    if overrides:
        try:
            # Checks names and types (with suggestions); the result is thrown
            # away: add_response converts the values the test gave, as given.
            shape_response(info, dict(overrides), check=True)
        except InvalidResponseError as error:
            raise InvalidResponseError(
                f"example({info.service!r}, {info.operation!r}): {error}"
            ) from None
        response.update(overrides)
    return response


def member_example(service: str, member: Shape, name: str) -> Any:
    """A full example value of one member (an error shape's field).

    Never cut: the member is the top of its own walk.
    """
    return _Builder(service, True).value(member, name, [])


class _Builder:
    def __init__(self, service: str, full: bool) -> None:
        self._service = service
        self._full = full
        self._cuts = 0

    def value(self, shape: Shape, name: str, stack: List[str]) -> Any:
        kind = shape.type_name
        if kind == "structure":
            return self.structure(shape, stack)
        if kind == "list":
            if not self._full:
                return []
            item = self.value(shape.member, name, [*stack, shape.name])
            return [] if item is _SKIP else [item]
        if kind == "map":
            if not self._full:
                return {}
            item = self.value(shape.value, name, [*stack, shape.name])
            if item is _SKIP:
                return {}
            return {self.string(shape.key, "key"): item}
        if kind == "string":
            return self.string(shape, name)
        if kind in ("integer", "long"):
            return int(shape.metadata.get("min", 0))
        if kind in ("float", "double"):
            return float(shape.metadata.get("min", 0))
        if kind == "boolean":
            return False
        if kind == "timestamp":
            return EXAMPLE_TIME
        if kind == "blob":
            return EXAMPLE_BYTES
        return name  # pragma: no cover - botocore has no other types today

    def structure(self, shape: Shape, stack: List[str], top_payload: Any = None) -> Any:
        if shape.name in stack:
            self._cuts += 1
            return _SKIP
        key = (self._service, self._full, shape.name)
        cached = _structures.get(key)
        if cached is not None and top_payload is None:
            return fast_copy(cached)
        cuts = self._cuts
        built = self._structure(shape, stack, top_payload)
        if self._cuts == cuts and top_payload is None and isinstance(built, dict):
            _structures[key] = fast_copy(built)
        return built

    def _structure(self, shape: Shape, stack: List[str], top_payload: Any) -> Any:
        if getattr(shape, "is_document_type", False):
            return {}
        members = shape.members
        if shape.serialization.get("eventstream"):
            # Queued as the list of its events.
            if not self._full:
                return []
            names = list(members)[:1]
        elif getattr(shape, "is_tagged_union", False):
            names = list(members)  # exactly one is set: the first that ends
        elif self._full:
            names = list(members)
        else:
            names = list(shape.required_members)
            if top_payload is not None and top_payload not in names:
                names.append(top_payload)
        inner = [*stack, shape.name]
        out: Dict[str, Any] = {}
        for member_name in names:
            member = members[member_name]
            if top_payload is not None:
                if member_name == top_payload:
                    out[member_name] = EXAMPLE_BYTES
                    continue
                if is_content_length(member):
                    # The header agrees with the payload, as in a real response.
                    out[member_name] = len(EXAMPLE_BYTES)
                    continue
                checksum = payload_checksum(member_name, EXAMPLE_BYTES, exact=False)
                if checksum is not None:
                    out[member_name] = checksum
                    continue
            value = self.value(member, member_name, inner)
            if value is _SKIP:
                continue
            out[member_name] = value
            if getattr(shape, "is_tagged_union", False):
                break
        if shape.serialization.get("eventstream"):
            return [out] if out else []
        return out

    def string(self, shape: Shape, name: str) -> str:
        enum = shape.enum
        if enum:
            return str(enum[0])
        if name.endswith("Arn") or name.endswith("ARN"):
            resource = name[:-3].lower() or "resource"
            return f"arn:aws:{self._service}:us-east-1:{_ACCOUNT}:{resource}/example"
        if name.endswith("Id") or name.endswith("ID"):
            return f"{name[:-2].lower() or 'example'}-0123456789abcdef"
        return name


def payload_checksum(name: str, payload: bytes, exact: bool = True) -> Optional[str]:
    """``ChecksumCRC32`` & co. of ``payload``, as a real response carries them.

    botocore validates the body against them; an algorithm it cannot compute
    here (CRC32C and CRC64NVME need awscrt) gets a value of the right form,
    or None with ``exact``. None too for a member that is not a checksum.
    """
    if not name.startswith("Checksum") or name == "ChecksumType":
        return None
    from botocore import httpchecksum

    algorithm = name[len("Checksum") :].lower()
    checksum_cls = vars(httpchecksum).get("_CHECKSUM_CLS", {}).get(algorithm)
    if checksum_cls is None:
        return None if exact else base64.b64encode(algorithm.encode()).decode()
    checksum = checksum_cls()
    checksum.update(payload)
    return str(checksum.b64digest())


def is_content_length(member: Shape) -> bool:
    """Whether ``member`` is the response's Content-Length header."""
    serialization = member.serialization
    return (
        serialization.get("location") == "header"
        and str(serialization.get("name", "")).lower() == "content-length"
    )
