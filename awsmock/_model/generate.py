"""Hypothesis strategies for an operation's params and responses, walked from its model.

Only ``awsmock.strategies`` imports this module, and only once Hypothesis is
installed: ``import awsmock`` imports neither.

What is generated is what botocore and awsmock accept: required members
always, optional ones sometimes; enums; a string's or a list's ``min`` (the
only constraint botocore's validator checks; ``max`` is kept too, ``pattern``
is not: the models' patterns are Java regexes and nothing checks them);
ranges; aware datetimes; bytes for blobs and streaming payloads. A structure
met again inside itself is nested once, then left out, so recursive shapes
end. Sizes are small (lists of at most three items) so that a response takes
about a millisecond, and every choice shrinks toward "left out" or "empty".
"""

from __future__ import annotations

import datetime
import string
from typing import Any, Callable, Dict, List, Optional, Tuple

from botocore.model import Shape
from hypothesis import strategies as st

from ..errors import InvalidResponseError
from .example import is_content_length, payload_checksum
from .models import OperationInfo
from .pages import page_members

__unittest = True

SearchStrategy = st.SearchStrategy

_MAX_ITEMS = 2
_MAX_TEXT = 6
_INT32 = 2**31 - 1
_INT64 = 2**63 - 1
_UTC = datetime.timezone.utc
# Header values travel as latin-1 bytes; every AWS header value is ASCII.
_HEADER_TEXT = string.ascii_letters + string.digits + "-_.:/ "
_HEADER_KEY = string.ascii_lowercase + string.digits + "-"
_HOST_LABEL = string.ascii_letters + string.digits + "-"
# What botocore's S3 bucket-name check accepts (``validate_bucket_name``).
_BUCKET = string.ascii_lowercase + string.digits + ".-"
_TIMES = st.datetimes(
    min_value=datetime.datetime(1970, 1, 2),
    max_value=datetime.datetime(2100, 1, 1),
    timezones=st.just(_UTC),
)
_DOCUMENT: SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=4,
)


# Members the model leaves optional that the service always sends, and that
# botocore's own handlers read unguarded (``_decode_list_object``: a listing
# whose keys are url-encoded has a Key in every item).
_ALWAYS_SENT = {
    ("s3", "Object"): ("Key",),
    ("s3", "CommonPrefix"): ("Prefix",),
    ("s3", "ObjectVersion"): ("Key",),
    ("s3", "DeleteMarkerEntry"): ("Key",),
}


class _Cut:
    """A structure met again inside itself, past its one nesting: not generated."""


_CUT = _Cut()
_Built = Any  # a SearchStrategy, or _CUT


class Walker:
    """Builds (and caches) the strategy of each shape of one service, for one side.

    ``side`` is ``"input"`` (params) or ``"output"`` (responses). A strategy
    whose subtree met no cut does not depend on where it was met: it is cached
    by shape name, so an operation's strategy is built once per process.
    """

    def __init__(self, service: str, side: str) -> None:
        self.service = service
        self.side = side
        self._cache: Dict[Tuple[str, str], SearchStrategy[Any]] = {}
        self._cuts = 0

    def member(self, name: str, shape: Shape, stack: Tuple[str, ...]) -> _Built:
        """The strategy of ``shape`` met as the member ``name``."""
        if shape.serialization.get("hostLabel"):  # part of the host name: min 1, a DNS label
            return st.text(_HOST_LABEL, min_size=1, max_size=12)
        location = shape.serialization.get("location")
        if location in ("header", "headers"):
            return self._header(shape, location)
        if self.service == "s3" and name == "Bucket" and shape.type_name == "string":
            return st.text(_BUCKET, min_size=3, max_size=12)
        return self.value(shape, stack)

    def value(self, shape: Shape, stack: Tuple[str, ...]) -> _Built:
        kind = shape.type_name
        if kind not in ("structure", "list", "map"):
            return self._cached(("scalar", shape.name), lambda: scalar(shape))
        key = (kind, shape.name)
        found = self._cache.get(key)
        if found is not None:
            return found
        if kind == "structure" and stack.count(shape.name) >= 2:
            self._cuts += 1
            return _CUT
        cuts = self._cuts
        inner = (*stack, shape.name)
        built: _Built
        if kind == "structure":
            built = self.structure(shape, inner)
        elif kind == "list":
            item = self.value(shape.member, inner)
            low = int(shape.metadata.get("min", 0))
            built = (
                _CUT if item is _CUT else st.lists(item, min_size=low, max_size=low + _MAX_ITEMS)
            )
        else:
            item = self.value(shape.value, inner)
            keys = self.value(shape.key, inner)
            built = _CUT if item is _CUT else st.dictionaries(keys, item, max_size=2)
        if self._cuts == cuts and built is not _CUT:
            self._cache[key] = built
        return built

    def structure(self, shape: Shape, stack: Tuple[str, ...]) -> _Built:
        if getattr(shape, "is_document_type", False):
            return _DOCUMENT
        members = self.members(shape, stack, list(shape.members))
        required = set(shape.required_members)
        if self.side == "output":
            required.update(_ALWAYS_SENT.get((self.service, shape.name), ()))
        if any(members.get(name, _CUT) is _CUT for name in required):
            return _CUT  # cannot end: a required member leads back here
        if getattr(shape, "is_tagged_union", False) or shape.serialization.get("eventstream"):
            options = [st.fixed_dictionaries({n: s}) for n, s in members.items()]
            return st.one_of(options) if options else st.just({})
        return st.fixed_dictionaries(
            {n: s for n, s in members.items() if n in required},
            optional={n: s for n, s in members.items() if n not in required},
        )

    def members(
        self, shape: Shape, stack: Tuple[str, ...], names: List[str]
    ) -> Dict[str, SearchStrategy[Any]]:
        """The strategies of ``names``, members of ``shape``, the cut ones left out."""
        out: Dict[str, SearchStrategy[Any]] = {}
        for name in names:
            built = self.member(name, shape.members[name], stack)
            if built is not _CUT:
                out[name] = built
        return out

    def _header(self, shape: Shape, location: str) -> SearchStrategy[Any]:
        if location == "headers":  # a map: x-amz-meta-*, lower-case as parsed
            keys = st.text(_HEADER_KEY, min_size=1, max_size=8)
            return st.dictionaries(keys, st.text(_HEADER_TEXT, max_size=8), max_size=2)
        if shape.type_name == "string" and not shape.enum:
            low = int(shape.metadata.get("min", 0))
            return st.text(_HEADER_TEXT, min_size=low, max_size=low + _MAX_TEXT)
        scalar_value: SearchStrategy[Any] = self.value(shape, ())  # never cut: a scalar
        return scalar_value

    def _cached(
        self, key: Tuple[str, str], build: Callable[[], SearchStrategy[Any]]
    ) -> SearchStrategy[Any]:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = build()
        return found


def scalar(shape: Shape) -> SearchStrategy[Any]:
    """A string, number, boolean, timestamp or blob within the shape's constraints."""
    kind = shape.type_name
    meta = shape.metadata
    if kind == "string":
        if shape.enum:
            return st.sampled_from(list(shape.enum))
        low = int(meta.get("min", 0))
        high = min(int(meta.get("max", low + _MAX_TEXT)), low + _MAX_TEXT)
        return st.text(min_size=low, max_size=max(low, high))
    if kind in ("integer", "long"):
        top = _INT32 if kind == "integer" else _INT64
        low = int(meta.get("min", -top - 1))
        return st.integers(min_value=low, max_value=int(meta.get("max", top)))
    if kind in ("float", "double"):
        return st.floats(
            min_value=meta.get("min"),
            max_value=meta.get("max"),
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return _TIMES
    if kind == "blob":
        low = int(meta.get("min", 0))
        return st.binary(min_size=low, max_size=low + 16)
    raise InvalidResponseError(
        f"{shape.name}: botocore type {kind!r} is not known"
    )  # pragma: no cover


_walkers: Dict[Tuple[str, str], Walker] = {}


def walker(service: str, side: str) -> Walker:
    found = _walkers.get((service, side))
    if found is None:
        found = _walkers[service, side] = Walker(service, side)
    return found


def params_strategy(
    info: OperationInfo, fixed: Dict[str, SearchStrategy[Any]]
) -> SearchStrategy[Dict[str, Any]]:
    """Params for ``info``'s operation; ``fixed`` members drawn from the given strategies."""
    shape = info.model.input_shape
    if shape is None:
        return st.just({})
    walk = walker(info.service, "input")
    base = walk.structure(shape, (shape.name,))
    if base is _CUT:  # pragma: no cover - no input leads back to itself when required
        base = st.just({})
    return _with_fixed(base, fixed)


def response_strategy(
    info: OperationInfo, fixed: Dict[str, SearchStrategy[Any]]
) -> SearchStrategy[Dict[str, Any]]:
    """A response for ``info``'s operation.

    The streaming payload's length and checksum members agree with it; a
    paginated output comes with its token (and ``IsTruncated``) or without.
    """
    shape = info.model.output_shape
    if shape is None:
        return _with_fixed(st.just({}), fixed)
    walk = walker(info.service, "output")
    tied = _Tied(info, shape)
    free = [n for n in shape.members if n not in tied.names]
    members = walk.members(shape, (shape.name,), free)
    required = set(shape.required_members)
    parts: Dict[str, SearchStrategy[Any]] = {
        "base": st.fixed_dictionaries(
            {n: s for n, s in members.items() if n in required},
            optional={n: s for n, s in members.items() if n not in required},
        ),
        "fixed": st.fixed_dictionaries(fixed),
    }
    if tied.payload is not None:
        parts["payload"] = st.binary(max_size=32)
        parts["checksums"] = (
            st.lists(st.sampled_from(tied.checksums), unique=True)
            if tied.checksums
            else st.just([])
        )
    if info.event_stream_member is not None:
        built = walk.value(shape.members[info.event_stream_member], (shape.name,))
        parts["events"] = st.just([]) if built is _CUT else st.lists(built, max_size=2)
    if tied.pages is not None:
        parts["more"] = st.booleans()
        parts["tokens"] = st.fixed_dictionaries(
            {name: _token(walk, shape, name) for name in tied.pages[0]}
        )
    return st.fixed_dictionaries(parts).map(tied.assemble)


def _token(walk: Walker, shape: Shape, name: str) -> SearchStrategy[Any]:
    """A continuation token: never empty (an empty one ends the pages)."""
    member = shape.members[name]
    if member.type_name == "string":
        return st.text(string.ascii_letters + string.digits, min_size=1, max_size=8)
    stack = (shape.name, member.name)  # never cut so near the top
    if member.type_name == "map":  # DynamoDB's LastEvaluatedKey
        keys, values = walk.value(member.key, stack), walk.value(member.value, stack)
        return st.dictionaries(keys, values, min_size=1, max_size=2)
    built: SearchStrategy[Any] = walk.member(name, member, stack)
    return built


class _Tied:
    """The output members whose values follow from others, and how."""

    def __init__(self, info: OperationInfo, shape: Shape) -> None:
        self.payload = info.streaming_member
        self.events = info.event_stream_member
        self.pages = page_members(info)
        self.length: Optional[str] = None
        self.checksums: List[str] = []
        names = [n for n in (self.payload, self.events) if n is not None]
        checksums: List[str] = []
        if self.payload is not None:
            for name, member in shape.members.items():
                if is_content_length(member):
                    self.length = name
                elif name.startswith("Checksum") and name != "ChecksumType":
                    checksums.append(name)
            # Those botocore cannot compute without awscrt are left out.
            self.checksums = [n for n in checksums if payload_checksum(n, b"") is not None]
            names += [n for n in (self.length, *checksums) if n is not None]
        if self.pages is not None:
            names += [*self.pages[0], *[n for n in (self.pages[1],) if n is not None]]
        self.names = frozenset(names)

    def assemble(self, drawn: Dict[str, Any]) -> Dict[str, Any]:
        out: Dict[str, Any] = dict(drawn["base"])
        fixed: Dict[str, Any] = drawn["fixed"]
        if self.pages is not None:
            more = self.pages[1]
            # A fixed IsTruncated decides: no token with IsTruncated=False.
            has_more = bool(fixed[more] if more in fixed else drawn["more"])
            if has_more:
                out.update(drawn["tokens"])
            if more is not None:
                out[more] = has_more
        if self.payload is not None:
            body = fixed.get(self.payload, drawn["payload"])
            out[self.payload] = body
            if isinstance(body, (bytes, bytearray)):
                if self.length is not None:
                    out[self.length] = len(body)
                for name in drawn["checksums"]:
                    out[name] = payload_checksum(name, bytes(body))
        if self.events is not None:
            out[self.events] = drawn["events"]
        out.update(fixed)
        return out


def _with_fixed(
    base: SearchStrategy[Dict[str, Any]], fixed: Dict[str, SearchStrategy[Any]]
) -> SearchStrategy[Dict[str, Any]]:
    if not fixed:
        return base
    return st.tuples(base, st.fixed_dictionaries(fixed)).map(lambda pair: {**pair[0], **pair[1]})
