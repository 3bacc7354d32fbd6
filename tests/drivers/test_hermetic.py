from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

import boto3
import botocore.exceptions
import botocore.session
import botocore.waiter
import pytest
from botocore.config import Config

from awsmock import NetworkBlockedError, patch_boto3

# the environment


def test_fake_credentials_and_region_inside_only(developer_machine: Path) -> None:
    before = dict(os.environ)
    with patch_boto3(region="eu-west-1"):
        client = boto3.client("s3")
        credentials = client._request_signer._credentials
        assert credentials.access_key == "testing"
        assert credentials.secret_key == "testing"
        assert client.meta.region_name == "eu-west-1"
        assert client.meta.endpoint_url == "https://s3.eu-west-1.amazonaws.com"
        assert "AWS_PROFILE" not in os.environ
        assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
        # Code that reads the region itself, as a Lambda handler does:
        assert os.environ["AWS_DEFAULT_REGION"] == os.environ["AWS_REGION"] == "eu-west-1"
    assert dict(os.environ) == before


def test_settings_the_code_removed_inside_are_as_they_were_after(
    developer_machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_REGION", raising=False)
    before = dict(os.environ)
    with patch_boto3():
        del os.environ["AWS_REGION"]  # not set before the patch
        del os.environ["AWS_ACCESS_KEY_ID"]  # the machine's before the patch
    assert dict(os.environ) == before


def test_endpoint_and_retry_settings_of_the_machine_do_not_leak() -> None:
    """A FIPS or dual-stack setting on one machine would change presigned URLs."""
    settings = {
        "AWS_USE_FIPS_ENDPOINT": "true",
        "AWS_USE_DUALSTACK_ENDPOINT": "true",
        "AWS_MAX_ATTEMPTS": "9",
        "AWS_ACCOUNT_ID": "123456789012",
    }
    saved = {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)
    try:
        with patch_boto3():
            s3 = boto3.client("s3")
            url = s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
            assert url.startswith("https://s3.amazonaws.com/b/k?")
            assert "total_max_attempts" not in s3.meta.config.retries
            assert not set(settings) & set(os.environ)
        assert {k: os.environ[k] for k in settings} == settings
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_profiles_and_config_files_are_out_of_reach(developer_machine: Path) -> None:
    with patch_boto3():
        session = botocore.session.Session()
        assert session.available_profiles == []
        assert session.full_config["profiles"] == {}
        assert session.get_config_variable("region") == "us-east-1"


def test_a_fresh_default_session_inside_the_old_one_after() -> None:
    outside = boto3.Session()
    boto3.DEFAULT_SESSION = outside
    try:
        with patch_boto3():
            boto3.client("s3")
            inside = boto3.DEFAULT_SESSION
            assert inside is not None and inside is not outside
        assert boto3.DEFAULT_SESSION is outside
    finally:
        boto3.DEFAULT_SESSION = None


def test_boto3_imported_inside_the_patch_keeps_no_default_session_after() -> None:
    # awsmock does not import boto3: a test (or the code) may import it first
    # while patched, and the default session made inside must not outlive it.
    script = (
        "import sys\n"
        "from awsmock import patch_boto3\n"
        "assert 'boto3' not in sys.modules\n"
        "with patch_boto3() as aws:\n"
        "    import boto3\n"
        "    aws.add_response('s3', 'ListBuckets', {})\n"
        "    boto3.client('s3').list_buckets()\n"
        "    assert boto3.DEFAULT_SESSION is not None\n"
        "assert boto3.DEFAULT_SESSION is None, repr(boto3.DEFAULT_SESSION)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_hermetic_false_leaves_the_environment_alone(developer_machine: Path) -> None:
    with patch_boto3(hermetic=False):
        assert os.environ["AWS_PROFILE"] == "dev"
        assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAREAL"


def test_environment_restored_when_the_body_raises(developer_machine: Path) -> None:
    before = dict(os.environ)
    with pytest.raises(RuntimeError), patch_boto3():
        raise RuntimeError
    assert dict(os.environ) == before


# the network


def test_http_sends_are_blocked() -> None:
    session = botocore.httpsession.URLLib3Session()
    request = botocore.awsrequest.AWSRequest(method="GET", url="https://example.com/x").prepare()
    with pytest.raises(NetworkBlockedError) as excinfo, patch_boto3():
        session.send(request)
    assert excinfo.value.args == (
        "awsmock blocked an HTTP request to GET https://example.com/x.\n"
        "Nothing may reach the network while AWS is patched. Queue the call with"
        " aws.add_response(...), or let a service through on purpose with"
        " patch_boto3(passthrough=['s3'])."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#networkblockederror",
    )
    assert not isinstance(excinfo.value, botocore.exceptions.HTTPClientError)


def test_a_call_passed_through_goes_out_over_http(moto_server: str) -> None:
    # The one HTTP send that is let out: through botocore's own session, to
    # the endpoint the client names (moto's server on 127.0.0.1 here).
    with patch_boto3(passthrough=["s3"]) as aws:
        s3 = boto3.client("s3", endpoint_url=moto_server)
        s3.create_bucket(Bucket="sent")
        s3.put_object(Bucket="sent", Key="k", Body=b"over the wire")
        body = s3.get_object(Bucket="sent", Key="k")["Body"].read()
    assert body == b"over the wire"
    assert [c.served_by for c in aws.calls] == ["passthrough"] * 3


def test_a_call_passed_through_while_another_is_sent_lets_the_other_out(moto_server: str) -> None:
    # A call made inside another's sending (a credential refresh, an S3
    # Express session) goes out, and so does the call it was made for.
    with patch_boto3(passthrough=["s3", "sts"]) as aws:
        s3 = boto3.client("s3", endpoint_url=moto_server)
        sts = boto3.client("sts", endpoint_url=moto_server)
        s3.meta.events.register("before-sign.s3.ListBuckets", lambda **_: sts.get_caller_identity())
        s3.list_buckets()
    assert [c.operation for c in aws.calls] == ["ListBuckets", "GetCallerIdentity"]


def test_the_waiters_clock_is_the_real_one_but_for_sleep() -> None:
    # Only the sleep between attempts is stood in for; anything else the
    # waiter module reads from time is time's own.
    with patch_boto3():
        assert botocore.waiter.time.sleep is not time.sleep
        assert botocore.waiter.time.monotonic is time.monotonic
    assert botocore.waiter.time is time


def test_a_swallowed_blocked_request_fails_the_block() -> None:
    session = botocore.httpsession.URLLib3Session()
    request = botocore.awsrequest.AWSRequest(method="GET", url="https://example.com/").prepare()
    with pytest.raises(NetworkBlockedError, match="the code under test caught it"), patch_boto3():
        try:
            session.send(request)
        except Exception:
            pass


def test_a_blocked_request_swallowed_after_an_inner_patch_stopped_fails_the_outer() -> None:
    session = botocore.httpsession.URLLib3Session()
    request = botocore.awsrequest.AWSRequest(method="GET", url="https://example.com/").prepare()
    with pytest.raises(NetworkBlockedError, match="the code under test caught it"), patch_boto3():
        with patch_boto3():
            pass
        try:
            session.send(request)
        except Exception:
            pass


def test_no_socket_is_opened_during_a_realistic_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def spy(self: socket.socket, address: Any) -> Any:
        attempts.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    with patch_boto3() as aws:
        aws.add_response("sts", "GetCallerIdentity", {"Account": "123456789012"})
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        aws.add_response("s3", "GetObject", {"Body": b"data"})
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        aws.add_response("dynamodb", "PutItem", {})
        session = boto3.Session()
        assert session.client("sts").get_caller_identity()["Account"] == "123456789012"
        s3 = session.client("s3")
        s3.put_object(Bucket="b", Key="k", Body=b"data")
        assert s3.get_object(Bucket="b", Key="k")["Body"].read() == b"data"
        session.client("sqs").send_message(QueueUrl="https://sqs/q", MessageBody="m")
        session.resource("dynamodb").Table("t").put_item(Item={"id": "1"})
        s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
    assert attempts == []


def test_sessions_created_while_patched_share_botocore_models() -> None:
    loaders = []
    for _ in range(2):
        with patch_boto3():
            boto3.client("s3")
            assert boto3.DEFAULT_SESSION is not None
            loaders.append(boto3.DEFAULT_SESSION._session.get_component("data_loader"))
            loaders.append(boto3.Session()._session.get_component("data_loader"))
    assert all(loader is loaders[0] for loader in loaders)
    assert botocore.session.Session().get_component("data_loader") is not loaders[0]


def test_the_shared_loader_does_not_grow_a_search_path_per_test() -> None:
    lengths = []
    for _ in range(20):
        with patch_boto3():
            boto3.client("sqs")
            boto3.Session().client("s3")
            loader = boto3.Session()._session.get_component("data_loader")
            lengths.append(len(loader.search_paths))
    assert lengths == [lengths[0]] * 20
    assert len(set(loader.search_paths)) == len(loader.search_paths)


# machine settings that change what clients send


@contextlib.contextmanager
def machine_settings(**settings: str) -> Iterator[None]:
    """Set on the machine before the patch (restored by hand, before the leak check)."""
    saved = {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)
    try:
        yield
        assert {k: os.environ[k] for k in settings} == settings
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_a_machines_checksum_setting_does_not_change_what_s3transfer_sends() -> None:
    with patch_boto3() as aws:  # what this botocore/s3transfer sends by default
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        boto3.client("s3").upload_fileobj(io.BytesIO(b"data"), "b", "k")
    default = aws.calls[0].params.get("ChecksumAlgorithm")
    with machine_settings(AWS_REQUEST_CHECKSUM_CALCULATION="when_required"):
        with patch_boto3() as aws:
            aws.add_response("s3", "PutObject", {"ETag": '"e"'})
            boto3.client("s3").upload_fileobj(io.BytesIO(b"data"), "b", "k")
        assert aws.calls[0].params.get("ChecksumAlgorithm") == default
    if "request_checksum_calculation" in Config.OPTION_DEFAULTS:  # botocore 1.36+
        assert default == "CRC32"


def test_a_machines_client_settings_are_at_their_defaults_inside() -> None:
    settings = {
        "AWS_RESPONSE_CHECKSUM_VALIDATION": "when_required",
        "AWS_DISABLE_REQUEST_COMPRESSION": "true",
        "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES": "1",
        "AWS_SDK_UA_APP_ID": "my-laptop",
        "AWS_SIGV4A_SIGNING_REGION_SET": "eu-*",
        "AWS_DEFAULTS_MODE": "cross-region",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "required",
    }
    with machine_settings(**settings), patch_boto3():
        config = boto3.client("dynamodb").meta.config
        # Each as this botocore has it (older ones lack the newer settings).
        defaults = Config.OPTION_DEFAULTS
        if "response_checksum_validation" in defaults:
            assert config.response_checksum_validation == "when_supported"
        assert config.disable_request_compression is False
        assert config.request_min_compression_size_bytes == 10240
        assert config.user_agent_appid is None
        if "sigv4a_signing_region_set" in defaults:
            assert config.sigv4a_signing_region_set is None
        if "account_id_endpoint_mode" in defaults:
            assert config.account_id_endpoint_mode == "preferred"
        assert config.connect_timeout == 60  # "legacy", not cross-region's 3.1 s


def test_every_setting_botocore_reads_from_the_environment_is_pinned() -> None:
    from botocore import configprovider

    from awsmock._drivers.hermetic import KEPT_SETTINGS, REMOVED_SETTINGS

    # (sic: botocore's name)
    variables = configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES
    names = set()
    for table in (variables, configprovider.DEFAULT_S3_CONFIG_VARS):
        for _, env, *_ in table.values():
            names.update([env] if isinstance(env, str) else env or ())
    # Set to fake values instead of removed.
    names -= {"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_DEFAULT_REGION"}
    assert sorted(names - set(REMOVED_SETTINGS) - set(KEPT_SETTINGS)) == []
    assert not set(KEPT_SETTINGS) & set(REMOVED_SETTINGS)


def test_extra_model_paths_are_kept(tmp_path: Path) -> None:
    """AWS_DATA_PATH: libraries (and the AWS CLI) register their models there."""
    saved = os.environ.get("AWS_DATA_PATH")
    os.environ["AWS_DATA_PATH"] = str(tmp_path)
    try:
        with patch_boto3():
            assert os.environ["AWS_DATA_PATH"] == str(tmp_path)
            session = botocore.session.get_session()
            assert str(tmp_path) in session.get_component("data_loader").search_paths
    finally:
        if saved is None:
            os.environ.pop("AWS_DATA_PATH", None)
        else:
            os.environ["AWS_DATA_PATH"] = saved


# sessions and clients made before the patch


@pytest.fixture
def credential_process(tmp_path: Path) -> Iterator[Path]:
    """A real config file whose profile runs a credential_process that leaves a marker."""
    marker = tmp_path / "credential_process-ran"
    script = tmp_path / "process.py"
    script.write_text(
        "import json, pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        'print(json.dumps({"Version": 1, "AccessKeyId": "AKIAPROCESS",'
        ' "SecretAccessKey": "process-secret"}))\n'
    )
    config = tmp_path / "config"
    config.write_text(
        "[profile dev]\nregion = eu-west-1\n"
        f"credential_process = {sys.executable} {script}\n"
        "[profile static]\nregion = eu-west-1\n"
        "aws_access_key_id = AKIASTATIC\naws_secret_access_key = static-secret\n"
    )
    with machine_settings(AWS_CONFIG_FILE=str(config), AWS_SHARED_CREDENTIALS_FILE=os.devnull):
        yield marker


def _presigned_key(s3: Any) -> str:
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
    return parse_qs(urlparse(url).query)["X-Amz-Credential"][0].split("/")[0]


def test_a_session_made_before_the_patch_resolves_the_fake_credentials(
    credential_process: Path,
) -> None:
    session = boto3.Session(profile_name="dev")
    core = botocore.session.Session(profile="dev")
    assert session.region_name == core.get_config_variable("region") == "eu-west-1"
    with patch_boto3():
        assert session.get_credentials().access_key == "testing"
        assert core.get_credentials().access_key == "testing"
        s3 = session.client("s3", config=Config(signature_version="s3v4"))
        assert _presigned_key(s3) == "testing"
    assert not credential_process.exists()
    assert session.get_credentials().access_key == "AKIAPROCESS"
    assert credential_process.exists()


def test_a_client_made_before_the_patch_does_not_sign_with_real_keys(
    credential_process: Path,
) -> None:
    s3 = boto3.Session(profile_name="static").client("s3", config=Config(signature_version="s3v4"))
    assert _presigned_key(s3) == "AKIASTATIC"
    with patch_boto3() as aws:
        assert _presigned_key(s3) == "testing"
        aws.add_response("s3", "ListBuckets", {})
        s3.list_buckets()
        assert aws.calls[0].access_key_id == "testing"  # what signed it
    assert _presigned_key(s3) == "AKIASTATIC"
    assert aws.calls[0].access_key_id == "testing"  # still, once the patch stopped


def test_a_session_that_resolved_the_machines_keys_gets_the_fake_ones_inside(
    credential_process: Path,
) -> None:
    session = boto3.Session(profile_name="static")
    assert session.get_credentials().access_key == "AKIASTATIC"  # resolved before the patch
    with patch_boto3() as aws:
        assert session.get_credentials().access_key == "testing"
        aws.add_response("s3", "ListBuckets", {})
        session.client("s3").list_buckets()
        assert aws.calls[0].access_key_id == "testing"
    assert session.get_credentials().access_key == "AKIASTATIC"


def test_a_presigned_url_keeps_its_expiry_inside_the_patch(credential_process: Path) -> None:
    s3 = boto3.Session(profile_name="static").client("s3", config=Config(signature_version="s3v4"))
    with patch_boto3():
        url = s3.generate_presigned_url(
            "get_object", Params={"Bucket": "b", "Key": "k"}, ExpiresIn=60
        )
    query = parse_qs(urlparse(url).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Credential"][0].startswith("testing/")


def test_keys_given_in_code_are_kept() -> None:
    with patch_boto3():
        session = boto3.Session(aws_access_key_id="AKIACODE", aws_secret_access_key="s")
        s3 = session.client("s3", config=Config(signature_version="s3v4"))
        assert _presigned_key(s3) == "AKIACODE"
        s3 = boto3.client(
            "s3",
            aws_access_key_id="AKIACLIENT",
            aws_secret_access_key="s",
            config=Config(signature_version="s3v4"),
        )
        assert _presigned_key(s3) == "AKIACLIENT"


MACHINE_CONFIG = (
    "[default]\n"
    "region = ap-south-1\n"
    "max_attempts = 9\n"
    "retry_mode = adaptive\n"
    "endpoint_url = http://localhost:4566\n"
    "defaults_mode = cross-region\n"
    "[profile dev]\n"
    "max_attempts = 8\n"
    "endpoint_url = http://localhost:4567\n"
)


def _default_client_settings() -> tuple[Any, ...]:
    """What a client made inside the patch, from a session made there too, gets."""
    with patch_boto3():
        s3 = boto3.Session().client("s3")
        return s3.meta.endpoint_url, s3.meta.config.retries, s3.meta.config.connect_timeout


def test_a_session_made_before_the_patch_does_not_bring_the_machines_config_file(
    tmp_path: Path,
) -> None:
    defaults = _default_client_settings()
    config = tmp_path / "config"
    config.write_text(MACHINE_CONFIG)
    with machine_settings(AWS_CONFIG_FILE=str(config)):
        session = boto3.Session()  # as at import: it has read the file already
        profiled = boto3.Session(profile_name="dev")
        assert session.client("s3").meta.endpoint_url == "http://localhost:4566"
        assert profiled.client("s3").meta.config.retries["total_max_attempts"] == 8
        with patch_boto3():
            for s3 in (session.client("s3"), profiled.client("s3")):
                assert s3.meta.region_name == "us-east-1"
                meta = s3.meta
                assert (meta.endpoint_url, meta.config.retries, meta.config.connect_timeout) == (
                    defaults
                )
            assert session.available_profiles == []
            assert session._session.get_config_variable("max_attempts") is None
        assert session.client("s3").meta.endpoint_url == "http://localhost:4566"
        assert session.client("s3").meta.config.retries["mode"] == "adaptive"


def test_config_given_in_code_is_kept_for_a_session_made_before_the_patch(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config"
    config.write_text(MACHINE_CONFIG)
    with machine_settings(AWS_CONFIG_FILE=str(config)):
        session = boto3.Session(region_name="eu-west-1")
    with patch_boto3():
        s3 = session.client(
            "s3",
            endpoint_url="http://localhost:9000",
            config=Config(retries={"max_attempts": 2, "mode": "standard"}),
        )
        assert s3.meta.region_name == "eu-west-1"
        assert s3.meta.endpoint_url == "http://localhost:9000"
        assert s3.meta.config.retries == {"total_max_attempts": 3, "mode": "standard"}


def test_no_setting_is_both_faked_and_removed() -> None:
    # Environment.enter sets the fake settings, then removes the others: one
    # in both lists would be set and removed again.
    from awsmock._drivers import hermetic as _hermetic

    faked = {*_hermetic._FAKE_ENVIRONMENT, "AWS_DEFAULT_REGION", "AWS_REGION"}
    assert not faked & set(_hermetic.REMOVED_SETTINGS)
