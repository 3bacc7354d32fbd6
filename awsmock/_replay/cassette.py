"""Record and replay: ``patch_boto3(cassette=path, record_mode=...)``.

Recording lets unqueued calls through to the original ``_make_api_call``
(AWS, LocalStack, moto) and stores each one, secrets removed; replaying
queues the stored responses with the recorded params as expected params,
each served to the first call with its params, so calls made from worker
threads in any order replay.
The file format lives in ``_cassette_file``, placebo directories in
``_placebo``.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

from botocore.exceptions import ClientError

from .._core.calls import Call
from .._core.options import RECORD_MODES, Options
from .._core.queues import Entry
from .._model import conditions as _conditions
from .._model.models import OperationInfo, operation_info
from .._model.names import lookup
from .._model.responses import response_metadata
from .._model.shapes import shape_response
from .._util.copy import fast_copy
from ..errors import CassetteError, InvalidResponseError, UnknownOperationError
from . import capture
from . import file as _cassette_file
from . import lock as _lock
from . import placebo as _placebo
from .file import Interaction, cassette_error
from .redact import redact

__unittest = True

__all__ = ["RECORD_MODE_VARIABLE", "Cassette"]

RECORD_MODE_VARIABLE = "AWSMOCK_RECORD_MODE"
# Kept from a recorded ResponseMetadata; the status has its own field and
# RetryAttempts describes the recording run, not the response.
_KEPT_METADATA = ("RequestId", "HostId", "HTTPHeaders")


def _normaliser(
    function: Callable[..., Any], where: str
) -> Callable[[Dict[str, Any]], Dict[str, Any]]:
    """``match_params=callable``, applied to a copy, checked to return the params.

    Its failures are CassetteErrors naming the interaction, at start for the
    recorded params and in the call path (kept as a failure) for a call's.
    """

    def normalise(params: Dict[str, Any]) -> Dict[str, Any]:
        __tracebackhide__ = True
        try:
            result = function(fast_copy(params))
        except Exception as error:
            raise cassette_error(
                f"Cannot replay {where}: the match_params callable raised"
                f" {type(error).__name__}: {error}"
            ) from error
        if not isinstance(result, dict):
            raise cassette_error(
                f"Cannot replay {where}: The match_params callable must return the params"
                f" dict, got {type(result).__name__}: {result!r:.60}"
            )
        return result

    return normalise


def _same_params(
    expected: Dict[str, Any], normalise: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]]
) -> Callable[[Call], bool]:
    """An entry's selection: the call's params (normalised) equal the recorded ones."""
    if normalise is None:

        def same_params(call: Call) -> bool:
            return bool(expected == call.params)

    else:

        def same_params(call: Call) -> bool:
            return bool(expected == normalise(call.params))

    return same_params


def record_mode(option: Optional[str]) -> str:
    """The record mode in force: AWSMOCK_RECORD_MODE, else the option, else "once"."""
    __tracebackhide__ = True
    value = os.environ.get(RECORD_MODE_VARIABLE, "").strip()
    if not value:
        return option or "once"
    if value not in RECORD_MODES:
        raise cassette_error(
            f"{RECORD_MODE_VARIABLE} must be one of {', '.join(map(repr, RECORD_MODES))},"
            f" got {value!r}."
        )
    return value


class Cassette:
    """The cassette of one ``AwsMock``, behind a narrow interface.

    ``start()`` gives the entries to queue (and decides whether to record),
    ``patches()`` what to patch while recording, ``record(call)`` stores a
    call that was passed through, ``check()`` raises the first problem met
    while recording, ``finish(succeeded)`` writes the file.
    """

    recording: bool = False

    def __init__(self, options: Options) -> None:
        self.path = cast(str, options.cassette)
        self.mode = "once"
        self._option_mode = options.record_mode
        self._validate = options.validate
        self._passthrough = options.passthrough
        # Problems met while recording: never raised into the code under test
        # (it could catch them), raised by check() when the patch stops.
        self.failures: List[CassetteError] = []
        self._match_params: Any = options.match_params
        self._before_record: Optional[Callable[..., Any]] = options.before_record
        # The file as this run found it, for "all": replaced if it is unchanged.
        self._found: Optional[Tuple[int, int, int]] = None
        self._recorded: List[Interaction] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = "recording" if self.recording else "replaying"
        return f"<Cassette {self.path!r} {self.mode} {state}>"

    # start

    def start(self) -> List[Entry]:
        """Resolve the record mode and decide whether to record; the entries to queue."""
        __tracebackhide__ = True
        self.mode = mode = record_mode(self._option_mode)
        path = self.path
        if os.path.isdir(path):
            if mode in ("all", "new_episodes"):
                raise cassette_error(
                    f"{path} is a placebo data directory: awsmock replays it but does not"
                    f" record into it (record_mode {mode!r}). Convert it with"
                    f" 'python -m awsmock cassette import-placebo {path} OUT.json'."
                )
            return self._replay(_placebo.read_directory(path))
        exists = os.path.exists(path)
        if mode == "none" and not exists:
            raise cassette_error(
                f"Cassette {path} does not exist, and record_mode 'none' only replays."
                " Record it first with record_mode='once' (or AWSMOCK_RECORD_MODE=once)."
            )
        entries: List[Entry] = []
        if exists and mode != "all":
            entries = self._replay(_cassette_file.load(path))
        if mode == "all":
            self._found = _stamp(path)
        self.recording = mode in ("all", "new_episodes") or not exists
        return entries

    def patches(self) -> List[Tuple[Any, str, Any]]:
        """(target, attribute, replacement) to patch while the cassette is in use."""
        return capture.patches() if self.recording else []

    def _replay(self, interactions: List[Interaction]) -> List[Entry]:
        __tracebackhide__ = True
        return [self._entry(number, item) for number, item in enumerate(interactions, 1)]

    def _entry(self, number: int, item: Interaction) -> Entry:
        __tracebackhide__ = True
        where = f"{self.path}, interaction {number}"
        try:
            info = lookup(item["service"], item["operation"])
            response = _cassette_file.decode(item["response"])
            params = _cassette_file.decode(item["params"], True) if "params" in item else None
            entry = Entry(info, origin=where)
            entry.source = "cassette"
            if params is not None and self._match_params is not False:
                match = self._match_params
                user = _normaliser(match, where) if callable(match) else None
                # Recorded params hold DynamoDB conditions built: build the call's too.
                entry.normalise = _conditions.normaliser(info, user)
                normalise = entry.normalise
                entry.expected_params = params if normalise is None else normalise(params)
                # Worker threads (s3transfer's parts) call in any order: a call
                # takes the first recorded interaction with its params, and one
                # that matches none takes the closest, whose expected_params
                # then report the difference; unless it may pass through.
                entry.select = _same_params(entry.expected_params, entry.normalise)
                entry.fallback = not self._passes_through(info.service)
            status: int = item["status"]
            meta = {"HTTPStatusCode": status, **response.pop("ResponseMetadata", {})}
            if status >= 300:
                entry.error = {**response, "ResponseMetadata": _metadata(status, meta)}
            else:
                response["ResponseMetadata"] = meta
                template = shape_response(info, response, self._validate)
                entry.set_template(template)
        except CassetteError:
            raise
        except (UnknownOperationError, InvalidResponseError, ValueError, TypeError) as error:
            raise cassette_error(f"Cannot replay {where}: {error}") from None
        return entry

    def _passes_through(self, service: str) -> bool:
        """Whether a call of ``service`` that matches no recorded params goes through.

        With new_episodes it is recorded and appended; with ``passthrough``
        it reaches the backend. Else it fails with a diff against the closest.
        """
        passthrough = self._passthrough
        if passthrough is True or (passthrough and service in passthrough):
            return True
        return self.mode == "new_episodes"

    # record

    def record(self, call: Call) -> None:
        """Store a passed-through call (secrets removed), when recording."""
        __tracebackhide__ = True
        captured = capture.take()
        if not self.recording:
            return
        info = operation_info(call.service, call.operation)
        if call.exception is not None:
            if not isinstance(call.exception, ClientError):
                return  # a network fault is not a response: nothing to replay
            status, response = captured or _status(cast(Dict[str, Any], call.exception.response))
        elif captured is not None:
            status, response = captured
        else:  # a before-call handler answered: the response is all there is
            response = capture.readable_copy(info, cast(Dict[str, Any], call.response))
            status = _status(response)[0]
        try:
            # What botocore sends: boto3's DynamoDB condition objects built;
            # a file object as such ($stream, replayed as ANY), not its bytes.
            sent = call.params if call.bodies is None else {**call.params, **call.bodies}
            params = _conditions.build(info, sent)
            interaction = self._interaction(info, params, status, response)
            if interaction is not None:
                encoded = _encode(interaction)
        except CassetteError as failure:
            self.failures.append(failure)
            return
        except Exception as error:
            self.failures.append(
                cassette_error(f"Cannot record {info.name} into {self.path}: {error}")
            )
            return
        if interaction is not None:
            with self._lock:
                self._recorded.append(encoded)

    def _interaction(
        self,
        info: OperationInfo,
        params: Dict[str, Any],
        status: int,
        response: Dict[str, Any],
    ) -> Optional[Dict[str, Any]]:
        """The call as stored, secrets redacted, passed through ``before_record``."""
        model = info.model
        meta = response.get("ResponseMetadata") or {}
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
        body = redact(body, model.output_shape if status < 300 else None)
        kept = {k: meta[k] for k in _KEPT_METADATA if k in meta}
        if kept:
            body["ResponseMetadata"] = redact(kept, None)
        interaction: Optional[Dict[str, Any]] = {
            "service": info.service,
            "operation": info.operation,
            "params": redact(params, model.input_shape, params=True),
            "status": status,
            "response": body,
        }
        if self._before_record is not None:
            try:
                interaction = self._before_record(interaction)
            except Exception as error:
                failure = cassette_error(
                    f"before_record raised {type(error).__name__} while recording {info.name}"
                    f" into {self.path}: {error}"
                )
                raise failure from error
            if interaction is not None and not isinstance(interaction, dict):
                raise TypeError(
                    "before_record must return the interaction dict, or None to leave"
                    f" the call out; it returned {type(interaction).__name__}."
                )
        return interaction

    # stop

    def check(self) -> None:
        """Raise the first problem met while recording (the file is not written)."""
        __tracebackhide__ = True
        if self.failures:
            first = self.failures[0]
            raise CassetteError(*first.args) from first.__cause__

    def finish(self, succeeded: bool) -> None:
        """Write the cassette, when recording, the block succeeded and recording did.

        Under the cassette's lock the file is read again and this run's
        interactions are added to what it holds now: another process (a
        pytest-xdist worker) may have written it since this one read it, and
        what it recorded must not be lost. Only "all" replaces the file, and
        only as it found it.
        """
        __tracebackhide__ = True
        if not self.recording or not succeeded or self.failures:
            return
        try:
            with _lock.locked(self.path):
                self._merge()
        except OSError as error:  # the lock file cannot be made
            raise cassette_error(
                f"Cannot write cassette {self.path}: {error.strerror or error}."
            ) from None

    def _merge(self) -> None:
        """Add this run's interactions to the file as it is now; the caller holds the lock."""
        __tracebackhide__ = True
        path = self.path
        exists = os.path.exists(path)
        if exists and not self._recorded and self.mode != "all":
            return  # nothing new: leave the file as it is
        replace = self.mode == "all" and _stamp(path) == self._found
        stored = _cassette_file.load(path) if exists and not replace else []
        _cassette_file.write(path, stored + self._recorded)


def _encode(interaction: Dict[str, Any]) -> Interaction:
    """An interaction in the file's form; the first four keys in reading order."""
    unknown = sorted(set(interaction) - set(_KEYS))
    if unknown:
        raise ValueError(
            f"before_record returned an interaction with unknown keys {unknown}; it has"
            f" {', '.join(map(repr, _KEYS))}"
        )
    out: Interaction = {}
    for key in _KEYS:
        if key in interaction:
            out[key] = _cassette_file.encode(interaction[key])
    problem = _cassette_file.problem(out)
    if problem:
        raise ValueError(f"before_record returned an interaction that {problem}")
    try:
        lookup(out["service"], out["operation"])
    except UnknownOperationError as error:
        raise ValueError(
            f"before_record returned an interaction that names an unknown operation: {error}"
        ) from None
    return out


# The keys of an interaction, in reading order.
_KEYS = ("service", "operation", "params", "status", "response")


def _metadata(status: int, recorded: Dict[str, Any]) -> Dict[str, Any]:
    meta = response_metadata(status)
    meta.update(recorded)
    return meta


def _stamp(path: str) -> Optional[Tuple[int, int, int]]:
    """What tells one version of a file from another; None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _status(response: Dict[str, Any]) -> Tuple[int, Dict[str, Any]]:
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 200)
    return status, response
