"""Choosing a queued response by what was asked: ``match=`` and ``region=`` (awsmock/_match.py).

Real boto3 clients throughout; near misses and mistakes checked by their exact messages.
"""

from __future__ import annotations

import inspect
import threading
from typing import Any, Dict, List

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from moto import mock_aws

from awsmock import (
    ANY,
    Call,
    MatchError,
    ParamsMismatchError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)

from .._sessions import client, resource

DOCS = "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unmockedcallerror"


def next_line() -> str:
    """``file:line`` of the line after the caller's: where a response gets queued."""
    frame = inspect.currentframe().f_back  # type: ignore[union-attr]
    return f"{frame.f_code.co_filename}:{frame.f_lineno + 1}"  # type: ignore[union-attr]


def item(pk: str) -> Dict[str, Any]:
    return {"Item": {"pk": {"S": pk}, "name": {"S": f"item {pk}"}}}


def get(ddb: Any, pk: str, **params: Any) -> Any:
    return ddb.get_item(TableName="t", Key={"pk": {"S": pk}}, **params).get("Item")


# match: a partial dict of params


def test_two_get_items_for_different_keys_in_any_order() -> None:
    with patch_boto3() as aws:
        aws.add_response("dynamodb", "GetItem", item("b"), match={"Key": {"pk": {"S": "b"}}})
        aws.add_response("dynamodb", "GetItem", item("a"), match={"Key": {"pk": {"S": "a"}}})
        ddb = client("dynamodb")
        assert get(ddb, "a") == item("a")["Item"]
        assert get(ddb, "b") == item("b")["Item"]


def test_keys_not_named_are_free_at_every_depth() -> None:
    with patch_boto3() as aws:
        aws.add_response("dynamodb", "GetItem", item("a"), match={"Key": {"pk": ANY}})
        ddb = client("dynamodb")
        key = {"pk": {"S": "a"}, "sk": {"S": "2024"}}
        ddb.get_item(TableName="t", Key=key, ConsistentRead=True)
    aws.assert_called_once_with("dynamodb", "GetItem", TableName="t", Key=key, ConsistentRead=True)


def test_any_at_any_depth() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"any"}, match={"Bucket": "b", "Key": ANY})
        assert client("s3").get_object(Bucket="b", Key="whatever")["Body"].read() == b"any"


def test_lists_compare_element_by_element_and_must_be_as_long() -> None:
    keys = [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}]
    with patch_boto3(verify=False) as aws:
        aws.add_response(
            "dynamodb",
            "BatchGetItem",
            {"Responses": {"t": []}},
            # Dicts inside lists are partial too.
            match={"RequestItems": {"t": {"Keys": [{"pk": {"S": "a"}}, {"pk": ANY}]}}},
        )
        ddb = client("dynamodb")
        with pytest.raises(UnmockedCallError):
            ddb.batch_get_item(RequestItems={"t": {"Keys": keys[:1]}})
        assert ddb.batch_get_item(RequestItems={"t": {"Keys": keys}})["Responses"] == {"t": []}


def test_params_are_matched_as_the_code_passed_them() -> None:
    # boto3's Table turns {"pk": "a"} into wire format after the match looked.
    with patch_boto3() as aws:
        aws.add_response("dynamodb", "GetItem", item("b"), match={"Key": {"pk": "b"}})
        aws.add_response("dynamodb", "GetItem", item("a"), match={"Key": {"pk": "a"}})
        table = resource("dynamodb").Table("t")
        assert table.get_item(Key={"pk": "a"})["Item"] == {"pk": "a", "name": "item a"}
        assert table.get_item(Key={"pk": "b"})["Item"] == {"pk": "b", "name": "item b"}


def test_a_call_takes_the_first_queued_entry_that_matches() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"b"}, match={"Key": "b"})
        aws.add_response("s3", "GetObject", {"Body": b"any 1"})
        aws.add_response("s3", "GetObject", {"Body": b"b later"}, match={"Key": "b"})
        aws.add_response("s3", "GetObject", {"Body": b"any 2"})
        s3 = client("s3")
        bodies = [s3.get_object(Bucket="x", Key=k)["Body"].read() for k in "aabb"]
    # An entry without match accepts every call: "any 1" serves the first "a".
    assert bodies == [b"any 1", b"any 2", b"b", b"b later"]


def test_times_counts_the_matching_calls() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"a"}, match={"Key": "a"}, times=2)
        aws.add_response("s3", "GetObject", {"Body": b"b"}, match={"Key": "b"})
        s3 = client("s3")
        bodies = [s3.get_object(Bucket="x", Key=k)["Body"].read() for k in "aba"]
    assert bodies == [b"a", b"b", b"a"]


def test_a_nan_in_match_matches_a_nan() -> None:
    # A NaN of its own: float("nan") != float("nan").
    metric = {"MetricName": "latency", "Value": float("nan")}
    with patch_boto3() as aws:
        aws.add_response("cloudwatch", "PutMetricData", {}, match={"MetricData": [metric]})
        data = [{"MetricName": "latency", "Value": float("nan")}]
        client("cloudwatch").put_metric_data(Namespace="app", MetricData=data)
    assert aws.calls[0].exception is None


# match: a callable


def test_a_callable_gets_the_call() -> None:
    seen: List[Call] = []

    def large(call: Call) -> bool:
        seen.append(call)
        return bool(call.params["MaxKeys"] > 100)

    with patch_boto3() as aws:
        aws.add_response("s3", "ListObjectsV2", {"KeyCount": 1000}, match=large)
        aws.add_response("s3", "ListObjectsV2", {"KeyCount": 1})
        s3 = client("s3")
        assert s3.list_objects_v2(Bucket="b", MaxKeys=5)["KeyCount"] == 1
        assert s3.list_objects_v2(Bucket="b", MaxKeys=500)["KeyCount"] == 1000
    assert [(c.operation, c.params["MaxKeys"], c.region) for c in seen] == [
        ("ListObjectsV2", 5, "us-east-1"),
        ("ListObjectsV2", 500, "us-east-1"),
    ]
    assert seen[1] is aws.calls[1]


# client errors and exceptions


def test_client_errors_and_exceptions_match_too() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", match={"Key": "missing"})
        aws.add_exception(
            "s3",
            "GetObject",
            EndpointConnectionError(endpoint_url="https://s3.amazonaws.com"),
            match=lambda call: call.params["Key"] == "down",
        )
        aws.add_response("s3", "GetObject", {"Body": b"ok"}, match={"Key": "ok"})
        s3 = client("s3")
        with pytest.raises(EndpointConnectionError):
            s3.get_object(Bucket="b", Key="down")
        assert s3.get_object(Bucket="b", Key="ok")["Body"].read() == b"ok"
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket="b", Key="missing")


# standing defaults


def test_a_matching_one_shot_response_wins_over_a_default() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"default"}, times=None)
        aws.add_response("s3", "GetObject", {"Body": b"special"}, match={"Key": "special"})
        s3 = client("s3")
        bodies = [
            s3.get_object(Bucket="b", Key=k)["Body"].read() for k in ("a", "special", "special")
        ]
    assert bodies == [b"default", b"special", b"default"]


def test_among_defaults_the_first_that_matches() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404, times=None)
        aws.add_response("s3", "HeadObject", {"ContentLength": 1}, match={"Key": "a"}, times=None)
        s3 = client("s3")
        with pytest.raises(ClientError):
            s3.head_object(Bucket="b", Key="a")  # the catch-all default was queued first


def test_defaults_with_different_matches_serve_side_by_side() -> None:
    with patch_boto3() as aws:
        for key in ("a", "b"):
            aws.add_response(
                "s3", "HeadObject", {"ContentLength": ord(key)}, match={"Key": key}, times=None
            )
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404, times=None)
        s3 = client("s3")
        sizes = [s3.head_object(Bucket="x", Key=k)["ContentLength"] for k in "abba"]
        with pytest.raises(ClientError):
            s3.head_object(Bucket="x", Key="c")
    assert sizes == [97, 98, 98, 97]


def test_a_later_default_replaces_the_one_with_the_same_match() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": 1}, match={"Key": ANY}, times=None)
        aws.add_response("s3", "HeadObject", {"ContentLength": 2}, match={"Key": "a"}, times=None)
        aws.add_response("s3", "HeadObject", {"ContentLength": 3}, match={"Key": ANY}, times=None)
        s3 = client("s3")
        # ANY is the same match only as ANY: the first default is replaced in place.
        assert s3.head_object(Bucket="x", Key="a")["ContentLength"] == 3


def test_defaults_that_match_lists_are_told_apart_by_their_elements() -> None:
    def objects(*keys: str) -> Dict[str, Any]:
        return {"Delete": {"Objects": [{"Key": k} for k in keys]}}

    def deleted(*keys: str) -> Dict[str, Any]:
        return {"Deleted": [{"Key": k} for k in keys]}

    with patch_boto3() as aws:
        for keys in (["a"], ["b"], ["a", "b"], ["a", "c"]):
            aws.add_response("s3", "DeleteObjects", {}, match=objects(*keys), times=None)
        # The same list again: replaces the first default.
        aws.add_response("s3", "DeleteObjects", deleted("a"), match=objects("a"), times=None)
        aws.add_response("s3", "DeleteObjects", deleted("b"), match=objects("b"), times=None)
        aws.add_response(
            "s3", "DeleteObjects", deleted("a", "b"), match=objects("a", "b"), times=None
        )
        s3 = client("s3")
        served = [
            s3.delete_objects(Bucket="x", **objects(*keys)).get("Deleted")
            for keys in (["a"], ["b"], ["a", "b"], ["a", "c"])
        ]
    assert served == [[{"Key": "a"}], [{"Key": "b"}], [{"Key": "a"}, {"Key": "b"}], None]


# expected_params keeps its meaning


def test_expected_params_are_checked_after_the_entry_is_chosen() -> None:
    with patch_boto3(verify=False) as aws:
        aws.add_response(
            "s3",
            "GetObject",
            {"Body": b"a"},
            match={"Key": "a"},
            expected_params={"Bucket": "right", "Key": "a"},
        )
        where = next_line()
        aws.add_response("s3", "GetObject", {}, match={"Key": "b"}, expected_params={"Bucket": "b"})
        s3 = client("s3")
        assert s3.get_object(Bucket="right", Key="a")["Body"].read() == b"a"
        with pytest.raises(ParamsMismatchError) as excinfo:
            s3.get_object(Bucket="wrong", Key="b")
    assert excinfo.value.args == (
        "s3.GetObject(Bucket='wrong', Key='b') does not match the expected_params of the"
        f" response queued at {where}.\n"
        "Differences (- expected, + actual):\n"
        "  - {'Bucket': 'b'}\n"
        "  + {'Bucket': 'wrong', 'Key': 'b'}\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror",
    )


# region


def test_region_selects_by_the_clients_region() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "GetQueueUrl", {"QueueUrl": "https://eu/q"}, region="eu-west-1")
        aws.add_response("sqs", "GetQueueUrl", {"QueueUrl": "https://us/q"}, region="us-east-1")
        eu = client("sqs", region_name="eu-west-1")
        us = client("sqs")  # the hermetic default region, us-east-1
        assert us.get_queue_url(QueueName="q")["QueueUrl"] == "https://us/q"
        assert eu.get_queue_url(QueueName="q")["QueueUrl"] == "https://eu/q"
    assert [c.region for c in aws.calls] == ["us-east-1", "eu-west-1"]


def test_region_and_match_together() -> None:
    with patch_boto3(verify=False) as aws:
        aws.add_client_error(
            "s3", "GetObject", "NoSuchKey", match={"Key": "k"}, region="eu-west-1", times=None
        )
        aws.add_response("s3", "GetObject", {"Body": b"us"}, match={"Key": "k"}, region="us-east-1")
        eu = client("s3", region_name="eu-west-1")
        for _ in range(2):
            with pytest.raises(eu.exceptions.NoSuchKey):
                eu.get_object(Bucket="b", Key="k")
        assert client("s3").get_object(Bucket="b", Key="k")["Body"].read() == b"us"
        with pytest.raises(UnmockedCallError):
            eu.get_object(Bucket="b", Key="other")


def test_cross_region_clients_from_threads() -> None:
    regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"]
    got: Dict[str, List[str]] = {}
    with patch_boto3() as aws:
        for region in reversed(regions):
            aws.add_response(
                "sts", "GetCallerIdentity", {"Account": region}, region=region, times=5
            )
        clients = {region: client("sts", region_name=region) for region in regions}

        def work(region: str) -> None:
            got[region] = [clients[region].get_caller_identity()["Account"] for _ in range(5)]

        threads = [threading.Thread(target=work, args=(r,)) for r in regions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert got == {region: [region] * 5 for region in regions}


# near misses: what an unmatched call's UnmockedCallError says


def test_an_unmatched_call_lists_the_near_misses() -> None:
    def is_admin(call: Call) -> bool:
        return call.access_key_id == "AKIAADMIN"

    with patch_boto3(verify=False) as aws:
        first = next_line()
        aws.add_response("dynamodb", "GetItem", item("b"), match={"Key": {"pk": {"S": "b"}}})
        second = next_line()
        aws.add_client_error("dynamodb", "GetItem", "ResourceNotFoundException", region="eu-west-1")
        third = next_line()
        aws.add_response("dynamodb", "GetItem", item("c"), match=is_admin, times=None)
        fourth = next_line()
        aws.add_response("dynamodb", "GetItem", {}, match={"TableName": "u", "Key": ANY}, times=2)
        aws.add_response("sqs", "SendMessage", {})  # another operation: not listed
        with pytest.raises(UnmockedCallError) as excinfo:
            get(client("dynamodb"), "a")
    assert excinfo.value.args == (
        "dynamodb.GetItem(TableName='t', Key={'pk': {'S': 'a'}}) was called,"
        " but no queued response matches it.\n"
        "Queued for dynamodb.GetItem, and what differs:\n"
        f"- dynamodb.GetItem (match {{'Key': {{'pk': {{'S': 'b'}}}}}}), queued at {first}:\n"
        "    Key: expected {'pk': {'S': 'b'}}, got {'pk': {'S': 'a'}}\n"
        "- dynamodb.GetItem (client error ResourceNotFoundException, region 'eu-west-1'),"
        f" queued at {second}:\n"
        "    region: expected 'eu-west-1', got 'us-east-1'\n"
        "- dynamodb.GetItem (match {'TableName': 'u', 'Key': <ANY>}), 2 more times,"
        f" queued at {fourth}:\n"
        "    TableName: expected 'u', got 't'\n"
        "- dynamodb.GetItem (match test_an_unmatched_call_lists_the_near_misses.<locals>"
        f".is_admin), queued at {third}:\n"
        "    match: test_an_unmatched_call_lists_the_near_misses.<locals>.is_admin did not"
        " accept the call\n"
        "Queue a response that matches with:\n"
        '    aws.add_response("dynamodb", "GetItem", {...}, match={...})\n'
        "For {...}, print an example response with: python -m awsmock example dynamodb GetItem\n"
        f"{DOCS}",
    )


def test_a_near_miss_names_each_difference_and_missing_params() -> None:
    with patch_boto3(verify=False) as aws:
        where = next_line()
        aws.add_response(
            "s3", "GetObject", {}, match={"Key": "k", "VersionId": "v1"}, region="eu-west-1"
        )
        with pytest.raises(UnmockedCallError) as excinfo:
            client("s3").get_object(Bucket="b", Key="other")
    assert excinfo.value.args == (
        "s3.GetObject(Bucket='b', Key='other') was called, but no queued response matches it.\n"
        "Queued for s3.GetObject, and what differs:\n"
        "- s3.GetObject (match {'Key': 'k', 'VersionId': 'v1'}, region 'eu-west-1'),"
        f" queued at {where}:\n"
        "    region: expected 'eu-west-1', got 'us-east-1'\n"
        "    Key: expected 'k', got 'other'\n"
        "    VersionId: expected 'v1', but the call has no VersionId\n"
        "Queue a response that matches with:\n"
        '    aws.add_response("s3", "GetObject", {...}, match={...})\n'
        "For {...}, print an example response with: python -m awsmock example s3 GetObject\n"
        f"{DOCS}",
    )


def test_a_near_miss_leaves_out_the_params_that_matched() -> None:
    with patch_boto3(verify=False) as aws:
        where = next_line()
        aws.add_response("s3", "GetObject", {}, match={"Bucket": "b", "Key": "k"})
        with pytest.raises(UnmockedCallError) as excinfo:
            client("s3").get_object(Bucket="b", Key="other")
    assert excinfo.value.args[0].splitlines()[2:4] == [
        f"- s3.GetObject (match {{'Bucket': 'b', 'Key': 'k'}}), queued at {where}:",
        "    Key: expected 'k', got 'other'",
    ]


def test_an_unmatched_call_fails_the_test_even_when_swallowed() -> None:
    patch = patch_boto3()
    with pytest.raises(UnmockedCallError) as excinfo, patch as aws:
        aws.add_response("s3", "GetObject", {}, match={"Key": "k"}, required=False)
        try:
            client("s3").get_object(Bucket="b", Key="other")
        except Exception:
            pass
    assert excinfo.value.args[0].startswith(
        "This error was raised inside the patched block, and the code under test caught it:\n"
        "s3.GetObject(Bucket='b', Key='other') was called, but no queued response matches it.\n"
    )


def test_unused_matched_responses_say_what_they_match() -> None:
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3() as aws:
        where = next_line()
        aws.add_response("s3", "GetObject", {}, match={"Key": "k"}, region="eu-west-1", times=2)
    assert excinfo.value.args[0].startswith(
        "1 queued response was not used:\n"
        f"- s3.GetObject (match {{'Key': 'k'}}, region 'eu-west-1'), 2 more times,"
        f" added at {where}\n"
    )


def test_unmatched_calls_pass_through_to_moto_and_matching_ones_are_served() -> None:
    with mock_aws(), patch_boto3(passthrough=["s3"]) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="real")
        aws.add_client_error("s3", "PutObject", "AccessDenied", match={"Key": "locked"})
        s3.put_object(Bucket="real", Key="open", Body=b"x")
        with pytest.raises(ClientError) as excinfo:
            s3.put_object(Bucket="real", Key="locked", Body=b"x")
        listed = [o["Key"] for o in s3.list_objects_v2(Bucket="real")["Contents"]]
    assert excinfo.value.response["Error"]["Code"] == "AccessDenied"
    assert listed == ["open"]


# mistakes, at the test's line


def test_match_must_be_a_dict_or_a_callable() -> None:
    with patch_boto3() as aws, pytest.raises(TypeError) as excinfo:
        aws.add_response("s3", "GetObject", {}, match="Key=k")  # type: ignore[arg-type]
    assert excinfo.value.args == (
        "match must be a dict of params (partial; ANY allowed at any depth) or a"
        " callable f(call) -> bool, got str: 'Key=k'",
    )


def test_match_names_parameters_of_the_operation() -> None:
    with patch_boto3() as aws, pytest.raises(ValueError, match="Kye") as excinfo:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", match={"Kye": "k"})
    assert excinfo.value.args == (
        "match names 'Kye', which is not a parameter of s3.GetObject. Did you mean 'Key'?",
    )


def test_region_must_be_a_name() -> None:
    with patch_boto3() as aws, pytest.raises(TypeError) as excinfo:
        aws.add_exception("s3", "GetObject", TimeoutError(), region="")
    assert excinfo.value.args == ("region must be a region name such as 'eu-west-1', got ''.",)
    with patch_boto3() as aws, pytest.raises(TypeError) as excinfo:
        aws.add_exception("s3", "GetObject", TimeoutError(), region=["eu-west-1"] * 10)
    assert excinfo.value.args == (
        "region must be a region name such as 'eu-west-1', got"
        " ['eu-west-1', 'eu-west-1', 'eu-west-1', 'eu-west-1', 'eu-....",
    )


def test_match_must_be_a_dict_or_a_callable_shown_short() -> None:
    with patch_boto3() as aws, pytest.raises(TypeError) as excinfo:
        aws.add_response("s3", "GetObject", {}, match=["k" * 100])
    assert excinfo.value.args == (
        "match must be a dict of params (partial; ANY allowed at any depth) or a callable"
        " f(call) -> bool, got list: ['" + "k" * 55 + "...",
    )


def test_match_names_parameters_of_an_operation_without_any() -> None:
    with patch_boto3() as aws, pytest.raises(ValueError, match="UserName") as excinfo:
        aws.add_response("iam", "GetAccountSummary", {}, match={"UserName": "ann"})
    assert excinfo.value.args == (
        "match names 'UserName', which is not a parameter of iam.GetAccountSummary.",
    )


def test_an_unused_response_shows_a_long_match_shortened() -> None:
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {}, match={"Key": "k" * 200})
    assert "(match {'Key': 'kkkkkkkk" in excinfo.value.args[0]
    assert "k" * 200 not in excinfo.value.args[0]


def test_a_dict_in_match_does_not_match_a_value_that_is_no_dict() -> None:
    with pytest.raises(UnmockedCallError), patch_boto3(verify=False) as aws:
        aws.add_response("s3", "GetObject", {}, match={"Key": {"k": ANY}})
        client("s3").get_object(Bucket="b", Key="k")


def test_tuples_in_match_compare_as_lists_do() -> None:
    with patch_boto3() as aws:
        objects = ({"Key": "a"}, {"Key": "b"})
        aws.add_response("s3", "DeleteObjects", {}, match={"Delete": {"Objects": objects}})
        client("s3").delete_objects(Bucket="x", Delete={"Objects": [{"Key": "a"}, {"Key": "b"}]})


def test_a_later_default_replaces_one_whose_match_is_equal_but_not_the_same_object() -> None:
    with patch_boto3() as aws:
        for size in (1, 2):
            key = "".join(["report", ".csv"])  # a new str each time, as code builds keys
            aws.add_response(
                "s3", "HeadObject", {"ContentLength": size}, match={"Key": key}, times=None
            )
        assert client("s3").head_object(Bucket="x", Key="report.csv")["ContentLength"] == 2


def test_a_near_miss_by_region_does_not_blame_the_callable() -> None:
    # The callable is not asked when the region already differs.
    with patch_boto3(verify=False) as aws:
        aws.add_response("s3", "GetObject", {}, match=lambda call: True, region="eu-west-1")
        with pytest.raises(UnmockedCallError) as excinfo:
            client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.args[0].splitlines()[3:5] == [
        "    region: expected 'eu-west-1', got 'us-east-1'",
        "Queue a response that matches with:",
    ]


class NotThisKey:
    """A callable object: it has no __qualname__ of its own."""

    def __call__(self, call: Call) -> bool:
        return bool(call.params["Key"] != "k")

    def __repr__(self) -> str:
        return "NotThisKey()"


def test_a_near_miss_names_a_callable_object_by_its_repr() -> None:
    with patch_boto3(verify=False) as aws:
        aws.add_response("s3", "GetObject", {}, match=NotThisKey())
        with pytest.raises(UnmockedCallError) as excinfo:
            client("s3").get_object(Bucket="b", Key="k")
    assert "    match: NotThisKey() did not accept the call\n" in excinfo.value.args[0]


def test_a_callable_that_raises_is_the_failure_kept_for_the_end() -> None:
    def by_tag(call: Call) -> bool:
        return bool(call.params["Tagging"] == "x")

    patch = patch_boto3()
    with pytest.raises(MatchError) as at_stop, patch as aws:
        where = next_line()
        aws.add_response("s3", "PutObject", {}, match=by_tag, required=False)
        with pytest.raises(MatchError) as excinfo:
            client("s3").put_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        "The match callable test_a_callable_that_raises_is_the_failure_kept_for_the_end"
        f".<locals>.by_tag (queued at {where} for s3.PutObject) raised KeyError: 'Tagging',"
        " on s3.PutObject(Bucket='b', Key='k').\n"
        "A match callable must return True or False for every call of its operation."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#matcherror",
    )
    assert isinstance(excinfo.value.__cause__, KeyError)
    assert isinstance(excinfo.value, AssertionError)
    assert at_stop.value.__cause__ is excinfo.value
    # The call is recorded, with the failure as its outcome.
    assert [c.exception for c in aws.calls] == [excinfo.value]


# threads


def test_threads_each_get_their_own_matching_responses_exactly_once() -> None:
    keys, per_key = [f"k{i}" for i in range(6)], 30
    got: Dict[str, List[str]] = {}
    with patch_boto3(validate=False) as aws:
        for n in range(per_key):
            for key in keys:
                aws.add_response("s3", "GetObject", {"ETag": f"{key}-{n}"}, match={"Key": key})
        s3 = client("s3")

        def work(key: str) -> None:
            got[key] = [s3.get_object(Bucket="b", Key=key)["ETag"] for _ in range(per_key)]

        threads = [threading.Thread(target=work, args=(k,)) for k in keys]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # Each thread gets its own key's responses, in the order they were queued.
    assert got == {key: [f"{key}-{n}" for n in range(per_key)] for key in keys}
    assert aws.call_count() == len(keys) * per_key
