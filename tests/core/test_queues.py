"""Tests for awsmock/_queues.py: the queue dictionary.

Unit tests of ``QueueDict`` and ``Entry``, then property-based tests
(hypothesis): FIFO per key and exactly-once delivery under random
interleavings of registrations and calls, in one thread and across threads.
"""

from __future__ import annotations

import base64
import sys
import threading
import types
import zlib
from typing import Any, Dict, List, Optional, Tuple

import pytest
from botocore.exceptions import FlexibleChecksumError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsmock import patch_boto3
from awsmock._core.calls import Call
from awsmock._core.queues import Entry, QueueDict
from awsmock._model.models import OperationInfo, operation_info
from awsmock._util.messages import docs
from awsmock._util.traceback import caller_place, location
from awsmock.errors import MatchError

from .._frames import visible
from .._sessions import client

SEND = ("sqs", "SendMessage")
GET = ("s3", "GetObject")
PUT = ("s3", "PutObject")
KEYS = [SEND, GET, PUT]


def info(key: Tuple[str, str] = SEND) -> OperationInfo:
    return operation_info(*key)


def entry(
    key: Tuple[str, str] = SEND, times: Optional[int] = 1, tag: Any = None, **kwargs: Any
) -> Entry:
    return Entry(info(key), template={"tag": tag}, remaining=times, **kwargs)


def take(
    queues: QueueDict, key: Tuple[str, str], params: Optional[Dict[str, Any]] = None
) -> Optional[Entry]:
    with queues.lock:
        return queues.take(key, Call(*key, params or {}))


def tag_of(found: Optional[Entry]) -> Any:
    return None if found is None else found.template["tag"]  # type: ignore[index]


# QueueDict: FIFO per key


def test_empty_queue_serves_nothing():
    queues = QueueDict(threading.Lock())
    assert take(queues, SEND) is None
    assert queues.pending() == []


def test_fifo_per_key():
    queues = QueueDict(threading.Lock())
    for i in range(3):
        queues.add(entry(SEND, tag=f"send{i}"))
        queues.add(entry(GET, tag=f"get{i}"))
    assert [tag_of(take(queues, GET)) for _ in range(3)] == ["get0", "get1", "get2"]
    assert [tag_of(take(queues, SEND)) for _ in range(3)] == ["send0", "send1", "send2"]
    assert take(queues, SEND) is None
    assert take(queues, GET) is None


def test_keys_are_independent():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="get"))
    assert take(queues, PUT) is None
    assert tag_of(take(queues, GET)) == "get"


def test_entry_served_times_then_dropped():
    queues = QueueDict(threading.Lock())
    first = entry(SEND, times=3, tag="a")
    queues.add(first)
    queues.add(entry(SEND, tag="b"))
    assert [tag_of(take(queues, SEND)) for _ in range(4)] == ["a", "a", "a", "b"]
    assert first.remaining == 0
    assert take(queues, SEND) is None


def test_pending_lists_unserved_entries_in_order():
    queues = QueueDict(threading.Lock())
    a, b, c = entry(SEND, tag="a"), entry(SEND, times=2, tag="b"), entry(GET, tag="c")
    for e in (a, b, c):
        queues.add(e)
    take(queues, SEND)
    take(queues, SEND)
    assert queues.pending() == [b, c]
    assert b.remaining == 1


# times=None: a standing default


def test_standing_default_serves_forever():
    queues = QueueDict(threading.Lock())
    default = entry(SEND, times=None, tag="always")
    queues.add(default)
    assert [tag_of(take(queues, SEND)) for _ in range(50)] == ["always"] * 50
    assert default.remaining is None
    assert queues.pending() == []


def test_one_shot_entries_win_over_the_standing_default():
    # The core's choice: a default serves only when the FIFO is empty, so a
    # one-shot response queued after it is still served (and then the default).
    queues = QueueDict(threading.Lock())
    queues.add(entry(SEND, tag="first"))
    queues.add(entry(SEND, times=None, tag="default"))
    queues.add(entry(SEND, tag="second"))
    served = [tag_of(take(queues, SEND)) for _ in range(4)]
    assert served == ["first", "second", "default", "default"]


def test_a_later_default_replaces_the_earlier_one():
    queues = QueueDict(threading.Lock())
    queues.add(entry(SEND, times=None, tag="old"))
    queues.add(entry(SEND, times=None, tag="new"))
    assert tag_of(take(queues, SEND)) == "new"


# describe() and summary(): what the messages show


def test_describe():
    assert entry(SEND).describe() == "sqs.SendMessage"
    assert entry(SEND, times=3).describe() == "sqs.SendMessage, 3 more times"
    assert entry(SEND, times=None).describe() == "sqs.SendMessage"
    error = {"Error": {"Code": "NoSuchKey", "Message": ""}}
    assert Entry(info(GET), error=error).describe() == "s3.GetObject (client error NoSuchKey)"
    raised = Entry(info(GET), exception=TimeoutError())
    assert raised.describe() == "s3.GetObject (exception TimeoutError)"


def test_summary():
    queues = QueueDict(threading.Lock())
    assert queues.summary() == "- nothing"
    queues.add(entry(SEND, times=2))
    queues.add(entry(SEND))
    queues.add(entry(GET, times=None))
    queues.add(entry(PUT))
    take(queues, PUT)
    assert queues.summary() == "- sqs.SendMessage (3)\n- s3.GetObject (always)"


def test_caller_place_is_the_first_frame_outside_awsmock():
    place = caller_place()
    first = test_caller_place_is_the_first_frame_outside_awsmock.__code__.co_firstlineno
    assert location(place) == f"{__file__}:{first + 1}"


def _place_and_line() -> Tuple[Any, int]:
    # What the queuing code records, and the line Python reports for the same frame.
    return caller_place(skip=1), sys._getframe(1).f_lineno


def test_a_place_is_the_line_python_reports_for_a_call_over_several_lines() -> None:
    # The line is worked out from the instruction offset when a message needs it.
    place, line = _place_and_line()
    assert location(place) == f"{__file__}:{line}"


# Property-based: random interleavings of registrations and calls

Op = Tuple[str, int, Optional[int]]  # ("add", key index, times) or ("take", key index, None)

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.integers(0, len(KEYS) - 1),
            st.one_of(st.none(), st.integers(1, 3)),
        ),
        st.tuples(st.just("take"), st.integers(0, len(KEYS) - 1), st.none()),
    ),
    max_size=60,
)


class Model:
    """The reference semantics: a FIFO of [tag, remaining] per key, plus a default."""

    def __init__(self) -> None:
        self.fifos: Dict[Tuple[str, str], List[List[Any]]] = {k: [] for k in KEYS}
        self.defaults: Dict[Tuple[str, str], Any] = {}

    def add(self, key: Tuple[str, str], tag: int, times: Optional[int]) -> None:
        if times is None:
            self.defaults[key] = tag
        else:
            self.fifos[key].append([tag, times])

    def take(self, key: Tuple[str, str]) -> Any:
        fifo = self.fifos[key]
        if fifo:
            head = fifo[0]
            head[1] -= 1
            if head[1] == 0:
                fifo.pop(0)
            return head[0]
        return self.defaults.get(key)


@given(operations)
def test_property_matches_the_reference_model(ops: List[Op]) -> None:
    queues, model = QueueDict(threading.Lock()), Model()
    for tag, (kind, index, times) in enumerate(ops):
        key = KEYS[index]
        if kind == "add":
            queues.add(entry(key, times=times, tag=tag))
            model.add(key, tag, times)
        else:
            assert tag_of(take(queues, key)) == model.take(key)
    left = [(tag_of(e), e.remaining) for e in queues.pending()]
    expected = [(t, n) for key in KEYS for t, n in model.fifos[key]]
    assert sorted(left, key=repr) == sorted(expected, key=repr)


@given(operations)
def test_property_each_finite_response_served_exactly_times(ops: List[Op]) -> None:
    queues = QueueDict(threading.Lock())
    registered: Dict[int, int] = {}
    served: Dict[int, int] = {}
    for tag, (kind, index, times) in enumerate(ops):
        if kind == "add":
            queues.add(entry(KEYS[index], times=times, tag=tag))
            if times is not None:
                registered[tag] = times
        else:
            found = take(queues, KEYS[index])
            if found is not None and tag_of(found) in registered:
                served[tag_of(found)] = served.get(tag_of(found), 0) + 1
    # Drain: every finite response is served exactly `times` times, never more.
    while queues.pending():
        head = queues.pending()[0]
        found = take(queues, (head.info.service, head.info.operation))
        served[tag_of(found)] = served.get(tag_of(found), 0) + 1
    assert served == registered
    assert queues.pending() == []


# Property-based: across threads

THREADS = 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(KEYS) - 1), st.integers(1, 3)), max_size=30))
def test_property_threads_fifo_and_exactly_once(plan: List[Tuple[int, int]]) -> None:
    """One thread registers while others take, all at once: FIFO per key, each served once."""
    queues = QueueDict(threading.Lock())
    wanted = sum(times for _, times in plan)
    taken: List[Tuple[Tuple[str, str], Any]] = []  # global order, appended under the lock
    start = threading.Barrier(THREADS + 1)

    def register() -> None:
        start.wait()
        for tag, (index, times) in enumerate(plan):
            queues.add(entry(KEYS[index], times=times, tag=tag))

    def call(offset: int) -> None:
        start.wait()
        i = offset
        while True:
            key = KEYS[i % len(KEYS)]
            i += 1
            with queues.lock:
                if len(taken) == wanted:
                    return
                found = queues.take(key, Call(*key, {}))
                if found is not None:
                    taken.append((key, tag_of(found)))

    threads = [threading.Thread(target=register)]
    threads += [threading.Thread(target=call, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for key_index, key in enumerate(KEYS):
        registered = [
            tag
            for tag, (index, times) in enumerate(plan)
            if index == key_index
            for _ in range(times)
        ]
        assert [tag for k, tag in taken if k == key] == registered
    assert queues.pending() == []


def test_threads_hammering_one_queue_get_each_response_once():
    calls_per_thread, threads = 200, 4
    total = calls_per_thread * threads
    got: List[str] = []
    lock = threading.Lock()
    with patch_boto3(validate=False) as aws:
        for i in range(total):
            aws.add_response("sqs", "SendMessage", {"MessageId": str(i)})
        sqs = client("sqs")

        def work() -> None:
            mine = [
                sqs.send_message(QueueUrl="https://q", MessageBody="x")["MessageId"]
                for _ in range(calls_per_thread)
            ]
            # Each thread sees its responses in queue order.
            assert [int(m) for m in mine] == sorted(int(m) for m in mine)
            with lock:
                got.extend(mine)

        workers = [threading.Thread(target=work) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert sorted(got, key=int) == [str(i) for i in range(total)]
    assert len(aws.calls) == total


@pytest.mark.parametrize("validate", [True, False])
def test_times_through_the_public_api(validate: bool) -> None:
    with patch_boto3(validate=validate) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "default"}, times=None)
        aws.add_response("sqs", "send_message", {"MessageId": "twice"}, times=2)
        aws.add_response("sqs", "SendMessage", {"MessageId": "once"})
        sqs = client("sqs")
        ids = [
            sqs.send_message(QueueUrl="https://q", MessageBody="x")["MessageId"] for _ in range(5)
        ]
    assert ids == ["twice", "twice", "once", "default", "default"]


# Matching: a call takes the first entry whose match accepts it

MatchOp = Tuple[
    str, Optional[str], Optional[int]
]  # ("add", key or None, times) / ("take", key, None)

match_operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.sampled_from([None, "a", "b"]),
            st.one_of(st.none(), st.integers(1, 3)),
        ),
        st.tuples(st.just("take"), st.sampled_from(["a", "b", "c"]), st.none()),
    ),
    max_size=60,
)


class MatchModel:
    """The reference with ``match={"Key": ...}``: first match in the FIFO, then in the defaults."""

    def __init__(self) -> None:
        self.fifo: List[List[Any]] = []  # [tag, key or None, remaining]
        self.defaults: List[List[Any]] = []  # [tag, key or None]

    def add(self, tag: int, key: Optional[str], times: Optional[int]) -> None:
        if times is not None:
            self.fifo.append([tag, key, times])
            return
        for default in self.defaults:
            if default[1] == key:
                default[0] = tag
                return
        self.defaults.append([tag, key])

    def take(self, key: str) -> Any:
        for index, (tag, wanted, _) in enumerate(self.fifo):
            if wanted is None or wanted == key:
                self.fifo[index][2] -= 1
                if self.fifo[index][2] == 0:
                    del self.fifo[index]
                return tag
        for tag, wanted in self.defaults:
            if wanted is None or wanted == key:
                return tag
        return None


@given(match_operations)
def test_property_matching_follows_the_reference_model(ops: List[MatchOp]) -> None:
    queues, model = QueueDict(threading.Lock()), MatchModel()
    for tag, (kind, key, times) in enumerate(ops):
        if kind == "add":
            match = None if key is None else {"Key": key}
            queues.add(entry(GET, times=times, tag=tag, match=match))
            model.add(tag, key, times)
        else:
            assert tag_of(take(queues, GET, {"Key": key})) == model.take(str(key))
    left = [(tag_of(e), e.remaining) for e in queues.pending()]
    assert left == [(tag, n) for tag, _, n in model.fifo]


def test_matching_under_threads_serves_each_response_exactly_once() -> None:
    keys, per_key, threads = ["a", "b", "c", "d"], 100, 8
    queues = QueueDict(threading.Lock())
    for n in range(per_key):
        for key in keys:
            queues.add(entry(GET, tag=(key, n), match={"Key": key}))
    taken: List[Any] = []
    start = threading.Barrier(threads)

    def work(offset: int) -> None:
        start.wait()
        for i in range(len(keys) * per_key // threads):
            found = take(queues, GET, {"Key": keys[(offset + i) % len(keys)]})
            with queues.lock:
                taken.append(tag_of(found))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(taken) == sorted((key, n) for key in keys for n in range(per_key))
    assert queues.pending() == []


def test_a_call_no_entry_accepts_takes_the_closest_fallback_entry():
    queues = QueueDict(threading.Lock())
    recorded = [
        {"Key": "logs/a", "Range": "bytes=9-"},
        {"Key": "logs/b", "Range": "bytes=0-4"},
        {"Key": "logs/b", "Range": "bytes=5-8"},
    ]
    for tag, expected in enumerate(recorded):
        queued = entry(GET, tag=tag, expected_params=expected)
        queued.select = lambda call, expected=expected: expected == call.params
        queued.fallback = True
        queues.add(queued)
    queues.add(entry(GET, tag="other", match={"Key": "x"}))
    # An exact match first, whatever its place in the queue.
    assert tag_of(take(queues, GET, {"Key": "logs/b", "Range": "bytes=0-4"})) == 1
    # No entry accepts it: the fallback with the most equal params, then the
    # longest shared start of the values that differ, serves it.
    assert tag_of(take(queues, GET, {"Key": "logs/b", "Range": "bytes=5-9"})) == 2
    assert tag_of(take(queues, GET, {"Key": "logs/b"})) == 0
    assert take(queues, GET, {"Key": "logs/b"}) is None


# survivors of .ci/mutation (#21): what each of these tests holds


def test_describe_shows_every_kind_and_the_region():
    error = {"Error": {"Code": "Throttling", "Message": ""}}
    queued = Entry(info(), error=error, match={"QueueUrl": "q"}, region="eu-west-1", remaining=2)
    assert queued.describe() == (
        "sqs.SendMessage (client error Throttling, match {'QueueUrl': 'q'},"
        " region 'eu-west-1'), 2 more times"
    )


def checks(queues: QueueDict, key: Tuple[str, str], params: Dict[str, Any]) -> List[Any]:
    """The (tag, params) of each entry the queues hand to the params check."""
    checked: List[Any] = []

    def check(queued: Entry, call: Call) -> None:
        checked.append((tag_of(queued), call.params))

    with queues.lock:
        queues.take(key, Call(*key, params), check)
    return checked


def test_an_entry_chosen_by_its_match_has_its_expected_params_checked():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="other", match={"Key": "x"}))
    queues.add(entry(GET, tag="chosen", match={"Key": "a"}, expected_params={"Key": "a"}))
    assert checks(queues, GET, {"Key": "a"}) == [("chosen", {"Key": "a"})]


def test_a_default_served_past_a_matching_queue_has_its_expected_params_checked():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="other", match={"Key": "x"}))
    queues.add(entry(GET, tag="default", times=None, expected_params={"Key": "a"}))
    assert checks(queues, GET, {"Key": "a"}) == [("default", {"Key": "a"})]


def test_a_fallback_serving_a_call_none_accepts_has_its_expected_params_checked():
    queues = QueueDict(threading.Lock())
    fallback = entry(GET, tag="fallback", match={"Key": "x"}, expected_params={"Key": "x"})
    fallback.fallback = True
    queues.add(fallback)
    assert checks(queues, GET, {"Key": "a"}) == [("fallback", {"Key": "a"})]


def fallbacks(*queued: Entry) -> QueueDict:
    queues = QueueDict(threading.Lock())
    for each in queued:
        each.select = lambda call: False
        each.fallback = True
        queues.add(each)
    return queues


def test_a_fallback_without_expected_params_is_no_closer_than_one_that_shares_nothing():
    # PartNumber 1 and 2: no key agrees, no start is shared; the earliest of equals serves.
    expects = entry(GET, tag="expects", expected_params={"PartNumber": 1})
    queues = fallbacks(expects, entry(GET, tag="expects nothing"))
    assert tag_of(take(queues, GET, {"PartNumber": 2})) == "expects"


def test_a_fallback_is_as_close_as_its_normalised_params_are():
    def without_range(params: Dict[str, Any]) -> Dict[str, Any]:
        return {k: v for k, v in params.items() if k != "Range"}

    plain = entry(GET, tag="plain", expected_params={"Bucket": "b", "Key": "a", "Range": "r"})
    normalised = entry(GET, tag="normalised", expected_params={"Key": "a"})
    normalised.normalise = without_range
    queues = fallbacks(plain, normalised)
    assert tag_of(take(queues, GET, {"Key": "a", "Range": "other"})) == "normalised"


def test_a_fallback_whose_normalise_raises_is_no_closer_than_one_that_shares_nothing():
    def broken(params: Dict[str, Any]) -> Dict[str, Any]:
        raise KeyError("Range")

    raising = entry(GET, tag="raising", expected_params={"PartNumber": 2})
    raising.normalise = broken
    expects = entry(GET, tag="expects", expected_params={"PartNumber": 1})
    queues = fallbacks(expects, raising)
    assert tag_of(take(queues, GET, {"PartNumber": 2})) == "expects"


def test_near_misses_are_the_entries_that_choose_their_calls_queue_first():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="any"))
    queues.add(entry(GET, tag="queued", match={"Key": "a"}))
    queues.add(entry(GET, tag="default", times=None, match={"Key": "b"}))
    queues.add(entry(GET, tag="plain default", times=None))
    assert [tag_of(e) for e in queues.near_misses(GET)] == ["queued", "default"]


def test_summary_leaves_out_an_operation_whose_queue_was_used_up():
    queues = QueueDict(threading.Lock())
    queues.add(entry(SEND))
    take(queues, SEND)
    assert queues.summary() == "- nothing"


def raises_value_error(call: Call) -> bool:
    raise ValueError("no Key")


def test_a_match_callable_that_raises_is_told_at_the_test_line():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, match=raises_value_error, origin="test_app.py:12"))
    with pytest.raises(MatchError) as excinfo:
        take(queues, GET, {"Bucket": "b"})
    assert excinfo.value.args == (
        "The match callable raises_value_error (queued at test_app.py:12 for s3.GetObject)"
        " raised ValueError: no Key, on s3.GetObject(Bucket='b').\n"
        "A match callable must return True or False for every call of its operation."
        f" {docs('errors.html#matcherror')}",
    )
    assert isinstance(excinfo.value.__cause__, ValueError)
    assert [str(e.path) for e in visible(excinfo)] == [__file__, __file__]


def test_a_match_error_from_a_default_is_told_at_the_test_line():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, times=None, match=raises_value_error))
    with pytest.raises(MatchError) as excinfo:
        take(queues, GET)
    assert [str(e.path) for e in visible(excinfo)] == [__file__, __file__]


def test_a_params_mismatch_is_told_at_the_test_line():
    def mismatch(queued: Entry, call: Call) -> None:
        raise AssertionError("mismatch")

    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, match={"Key": "x"}))
    queues.add(entry(GET, match={"Key": "a"}, expected_params={"Key": "b"}))
    with pytest.raises(AssertionError) as excinfo, queues.lock:
        queues.take(GET, Call(*GET, {"Key": "a"}), mismatch)
    assert [str(e.path) for e in visible(excinfo)] == [__file__, __file__]


def test_a_response_carries_the_http_headers_of_its_header_members():
    # HeadObject has header-bound members and no streaming body.
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": 5, "ETag": '"e"'})
        response = client("s3").head_object(Bucket="b", Key="k")
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert (headers["content-length"], headers["etag"]) == ("5", '"e"')


def test_a_default_that_matches_serves_past_a_queue_that_does_not():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="other", match={"Key": "x"}))
    queues.add(entry(GET, tag="default", times=None, match={"Key": "a"}))
    assert tag_of(take(queues, GET, {"Key": "a"})) == "default"
    assert take(queues, GET, {"Key": "b"}) is None


def test_a_later_default_replaces_the_earlier_one_with_the_same_match():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="old", times=None, match={"Key": "a"}))
    queues.add(entry(GET, tag="other", times=None, match={"Key": "b"}))
    queues.add(entry(GET, tag="new", times=None, match={"Key": "a"}))
    assert [tag_of(take(queues, GET, {"Key": k})) for k in "ab"] == ["new", "other"]


def test_a_match_error_names_the_callable_given_not_its_region_wrapper():
    in_region = types.SimpleNamespace(meta=types.SimpleNamespace(region_name="eu-west-1"))
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, match=raises_value_error, region="eu-west-1"))
    with pytest.raises(MatchError, match=r"^The match callable raises_value_error "), queues.lock:
        queues.take(GET, Call(*GET, {}, client=in_region))


def test_a_match_error_names_the_selection_of_an_entry_without_match():
    # A cassette's entries choose their calls with select alone.
    queued = entry(GET)
    queued.select = raises_value_error
    queues = QueueDict(threading.Lock())
    queues.add(queued)
    with pytest.raises(MatchError, match=r"^The match callable raises_value_error "):
        take(queues, GET)


def test_a_default_has_its_expected_params_checked():
    queues = QueueDict(threading.Lock())
    queues.add(entry(GET, tag="default", times=None, expected_params={"Key": "a"}))
    assert checks(queues, GET, {"Key": "a"}) == [("default", {"Key": "a"})]


def test_a_streaming_response_without_header_members_carries_its_content_length():
    with patch_boto3() as aws:
        aws.add_response("workmailmessageflow", "GetRawMessageContent", {"messageContent": b"abc"})
        response = client("workmailmessageflow").get_raw_message_content(messageId="m")
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-length"] == "3"


def test_a_queued_checksum_is_validated_against_the_body():
    crc32 = base64.b64encode(zlib.crc32(b"original").to_bytes(4, "big")).decode()
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"tampered", "ChecksumCRC32": crc32})
        response = client("s3").get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")
        with pytest.raises(FlexibleChecksumError):
            response["Body"].read()
    assert response["ResponseMetadata"]["ChecksumAlgorithm"] == "crc32"
