"""backend="moto": per-call cost of state behind the patch, against moto's own ways.

Run: ``python bench/backend.py`` (``--quick`` for fewer calls). Figures only,
nothing asserted. Each figure is the median of several measurements of
``n`` calls, in microseconds of the process's CPU time per call (server mode's
thread included), after warm-up calls: CPU time, because on a shared machine
wall-clock figures of millisecond calls swing by half from run to run.

- sync: S3 ``HeadObject`` and SQS ``GetQueueAttributes`` through a boto3
  client, under moto's ``mock_aws`` and under ``patch_boto3(backend="moto")``
  (validate=True, the default). Target: within 1.1x of ``mock_aws``.
- async: the same calls through an aiobotocore client, under
  ``patch_boto3(backend="moto")`` and against moto's server mode (a
  ``ThreadedMotoServer`` on 127.0.0.1, port 0: loopback HTTP). Target:
  at least 10x faster than server mode.
- queued: SQS ``SendMessage`` served by a standing queued response
  (``times=None``), without a backend and under ``backend="moto"``: the
  queued path does not change with a backend behind it.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import Any, Awaitable, Callable, Dict, List

import boto3
import moto  # before any boto3 session: mock_aws intercepts only clients made after it

from awsmock import patch_boto3

QUICK = "--quick" in sys.argv
N = 50 if QUICK else 300
REPEATS = 3 if QUICK else 7
WARM = 20
REGION = "us-east-1"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def per_call(run: Callable[[int], None], n: int = N) -> float:
    """Median microseconds per call of ``run(n)`` (which makes n calls)."""
    run(WARM)
    timings = []
    for _ in range(REPEATS):
        started = time.process_time()
        run(n)
        timings.append((time.process_time() - started) / n * 1e6)
    return statistics.median(timings)


def setup(s3: Any, sqs: Any) -> str:
    s3.create_bucket(Bucket="bench")
    s3.put_object(Bucket="bench", Key="k", Body=b"x" * 100)
    return str(sqs.create_queue(QueueName="bench")["QueueUrl"])


def sync_calls(s3: Any, sqs: Any, url: str) -> Dict[str, Callable[[int], None]]:
    def head(n: int) -> None:
        for _ in range(n):
            s3.head_object(Bucket="bench", Key="k")

    def attributes(n: int) -> None:
        for _ in range(n):
            sqs.get_queue_attributes(QueueUrl=url)

    return {"s3 HeadObject": head, "sqs GetQueueAttributes": attributes}


def clients(**kwargs: Any) -> Any:
    session = boto3.Session(region_name=REGION, **KEYS)
    return session.client("s3", **kwargs), session.client("sqs", **kwargs)


def timed_under(context: Callable[[], Any]) -> Dict[str, float]:
    """Microseconds per call of each sync workload, in a fresh ``context()``."""
    with context():
        s3, sqs = clients()
        figures = {}
        for name, run in sync_calls(s3, sqs, setup(s3, sqs)).items():
            run(WARM)
            started = time.process_time()
            run(N)
            figures[name] = (time.process_time() - started) / N * 1e6
        return figures


def sync_section() -> Dict[str, Dict[str, float]]:
    """Rounds alternate between the two, so a busy machine slows both alike."""
    tools: Dict[str, Callable[[], Any]] = {
        "mock_aws": moto.mock_aws,
        "backend": lambda: patch_boto3(backend="moto"),
    }
    rounds: Dict[str, List[Dict[str, float]]] = {tool: [] for tool in tools}
    for _ in range(REPEATS):
        for tool, context in tools.items():
            rounds[tool].append(timed_under(context))
    names = rounds["mock_aws"][0]
    return {
        name: {tool: statistics.median(r[name] for r in rounds[tool]) for tool in tools}
        for name in names
    }


async def async_calls(endpoint_url: Any) -> Dict[str, float]:
    import aiobotocore.session

    session = aiobotocore.session.get_session()
    kwargs = {"region_name": REGION, "endpoint_url": endpoint_url, **KEYS}
    async with (
        session.create_client("s3", **kwargs) as s3,
        session.create_client("sqs", **kwargs) as sqs,
    ):
        await s3.create_bucket(Bucket="bench")
        await s3.put_object(Bucket="bench", Key="k", Body=b"x" * 100)
        url = (await sqs.create_queue(QueueName="bench"))["QueueUrl"]

        async def head() -> Any:
            return await s3.head_object(Bucket="bench", Key="k")

        async def attributes() -> Any:
            return await sqs.get_queue_attributes(QueueUrl=url)

        return {
            "s3 HeadObject": await async_per_call(head),
            "sqs GetQueueAttributes": await async_per_call(attributes),
        }


async def async_per_call(call: Callable[[], Awaitable[Any]]) -> float:
    for _ in range(WARM):
        await call()
    timings = []
    for _ in range(REPEATS):
        started = time.process_time()
        for _ in range(N):
            await call()
        timings.append((time.process_time() - started) / N * 1e6)
    return statistics.median(timings)


def async_section() -> Dict[str, Dict[str, float]]:
    import logging

    from moto.server import ThreadedMotoServer

    # werkzeug logs every request to stderr (verbose=False does not stop it)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    figures: Dict[str, Dict[str, float]] = {}
    with patch_boto3(backend="moto"):
        for name, value in asyncio.run(async_calls(None)).items():
            figures.setdefault(name, {})["backend"] = value
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        for name, value in asyncio.run(async_calls(f"http://{host}:{port}")).items():
            figures[name]["server"] = value
    finally:
        server.stop()
    return figures


def queued_section() -> Dict[str, float]:
    figures = {}
    for label, options in (("no backend", {}), ('backend="moto"', {"backend": "moto"})):
        with patch_boto3(**options) as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None)
            sqs = clients()[1]

            def send(n: int, sqs: Any = sqs) -> None:
                for _ in range(n):
                    sqs.send_message(QueueUrl="https://q", MessageBody="x")

            figures[label] = per_call(send, N * 10)
    return figures


def report(title: str, rows: List[str]) -> None:
    print(f"\n{title}")
    for row in rows:
        print(f"  {row}")


def main() -> None:
    print(f"moto {moto.__version__}, boto3 {boto3.__version__}, {N} calls x {REPEATS}, median")
    sync = sync_section()
    report(
        "sync, us per call: mock_aws / backend=moto (target: within 1.1x)",
        [
            f"{name:24} {f['mock_aws']:8.0f} {f['backend']:8.0f}"
            f"   {f['backend'] / f['mock_aws']:.2f}x"
            for name, f in sync.items()
        ],
    )
    try:
        import aiobotocore  # noqa: F401
    except ImportError:
        print("\nasync: skipped (aiobotocore not installed)")
    else:
        aio = async_section()
        report(
            "async, us per call: server mode / backend=moto (target: >= 10x faster)",
            [
                f"{name:24} {f['server']:8.0f} {f['backend']:8.0f}"
                f"   {f['server'] / f['backend']:.1f}x faster"
                for name, f in aio.items()
            ],
        )
    queued = queued_section()
    report(
        "queued SendMessage, us per call (the queued path, with and without a backend)",
        [f"{label:24} {value:8.1f}" for label, value in queued.items()],
    )


if __name__ == "__main__":
    main()
