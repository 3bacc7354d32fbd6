"""Async workloads: per-call cost through an aiobotocore client (bench/run.py's async section).

Each figure is the median of repeated measurements; each measurement is one
``asyncio.run`` with one fresh ``get_session().create_client(...)`` (made
before the tool's patch starts), a few warm-up calls, then ``n`` timed calls
of SQS ``SendMessage`` or S3 ``GetObject`` + ``await body.read()``, with the
tool's registration and its end-of-test verification inside the timing, as in
the sync per-call workloads. Ratios are to the async floor: a bare
``mock.patch.object(AioBaseClient, "_make_api_call", new=<async def>)``.

Tools: the async floor, awsmock (validate=True and validate=False, one
standing response queued with ``times=None``), aiobotocore's ``AioStubber``
(one ``add_response`` per call) and moto in server mode (a
``ThreadedMotoServer`` on 127.0.0.1 that this module starts: a real loopback
HTTP call each, so fewer calls). Without aiobotocore the whole section is
reported as skipped. Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import importlib.util
import logging
import statistics
import time
from importlib import metadata
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest import mock

from _common import BODY, BUCKET, GET_OBJECT, KEY, SEND_MESSAGE, SQS_RESPONSE, Op, Skipped

Result = Dict[str, Any]

NOT_INSTALLED = "aiobotocore not installed"
OPS: Tuple[Tuple[str, Op], ...] = (("send_message", SEND_MESSAGE), ("get_object", GET_OBJECT))
WARM_CALLS = 5  # per measurement, untimed: a fresh client's first calls fill botocore's caches
SLOW_WARM_CALLS = 2  # moto server: the first call opens the connection
FLOOR_LIMIT = 3.0  # awsmock validate=True ≤ 3x the async floor
STUBBER_FACTOR = 4.0  # awsmock validate=True ≥ 4x faster than AioStubber
FULL_FIDELITY = "awsmock validate=True"


class TinyBody:
    """The cheapest aiobotocore-like body: an async ``read`` of a constant."""

    __slots__ = ()

    async def read(self) -> bytes:
        return BODY


class AsyncTool:
    """One async tool; the verbs mirror _common.Tool's, for an aiobotocore client."""

    name = "?"
    pays_for = ""
    quirks = ""
    #: moto's server: a real HTTP call each, so the smaller call count
    slow = False
    #: calls per measurement, times the section's count: the floor's 2,000 calls
    #: take ~1 ms, short enough for one preemption to double the figure
    calls_factor = 1

    def load(self) -> None:
        """Import (and start) what the tool needs; raise Skipped if it cannot run."""

    def close(self) -> None:
        """After the whole section: stop what load() started."""

    def client_kwargs(self) -> Dict[str, Any]:
        return {}

    async def prepare(self, client: Any, op: Op) -> Dict[str, Any]:
        """Untimed, before the patch: state the calls read; returns the call's params."""
        return op[3]

    async def cleanup(self, client: Any, op: Op, params: Dict[str, Any]) -> None:
        """Untimed, after the patch: undo what prepare() made."""

    def start(self, client: Any, op: Op) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def response_for(self, op: Op) -> Optional[Dict[str, Any]]:
        """The response registered per call, or None when one registration serves all."""
        return None

    def add(self, op: Op, response: Dict[str, Any]) -> None:
        """Register one per-call response (only when response_for gives one)."""

    def check(self) -> None:
        """The tool's end-of-test verification, still patched."""


class FloorTool(AsyncTool):
    name = "async floor"
    calls_factor = 10
    pays_for = (
        "one awaited coroutine returning a fixed dict: no events, no validation, no copy;"
        " GetObject's Body is a tiny object whose async read returns a constant"
    )
    quirks = "the baseline every async ratio is taken to; it checks nothing."

    def __init__(self) -> None:
        self.patcher: Optional[Any] = None

    def start(self, client: Any, op: Op) -> None:
        from aiobotocore.client import AioBaseClient

        if op is GET_OBJECT:
            response: Dict[str, Any] = {
                "Body": TinyBody(),
                "ContentLength": len(BODY),
                "ETag": '"abc"',
            }
        else:
            response = dict(SQS_RESPONSE)

        async def _make_api_call(self: Any, operation_name: str, api_params: Any) -> Any:
            return response

        self.patcher = mock.patch.object(AioBaseClient, "_make_api_call", new=_make_api_call)
        self.patcher.start()

    def stop(self) -> None:
        if self.patcher is not None:
            self.patcher.stop()
            self.patcher = None


class AwsMockTool(AsyncTool):
    def __init__(self, validate: bool) -> None:
        self.validate = validate
        self.name = f"awsmock validate={validate}"
        if validate:
            self.pays_for = (
                "the client's parameter events (awaited) and botocore's param validation,"
                " after-call events, the standing response copied per call"
                " (ResponseMetadata, an aiobotocore StreamingBody), a Call record"
            )
        else:
            self.pays_for = (
                "the standing response copied per call (ResponseMetadata, an aiobotocore"
                " StreamingBody), a Call record; no events, no validation"
            )
        self.quirks = (
            "one response queued with times=None (a standing default) before the warm-up"
            " calls; hermetic=True and verify=True (the defaults) are included."
        )
        self.aws: Optional[Any] = None

    def load(self) -> None:
        import awsmock

        self.awsmock = awsmock

    def start(self, client: Any, op: Op) -> None:
        self.aws = self.awsmock.patch_boto3(validate=self.validate).start()
        if op is GET_OBJECT:
            response: Dict[str, Any] = {"Body": BODY, "ContentLength": len(BODY), "ETag": '"abc"'}
        else:
            response = dict(SQS_RESPONSE)
        self.aws.add_response(op[0], op[1], response, times=None)

    def stop(self) -> None:
        if self.aws is not None:
            self.aws.stop()
            self.aws = None

    def check(self) -> None:
        self.aws.verify()  # type: ignore[union-attr]


class AioStubberTool(AsyncTool):
    name = "AioStubber"
    pays_for = (
        "the real request path except sending: param validation, serialising the request,"
        " endpoint resolution and the request events, then the stubbed response checked"
        " against the output shape on add"
    )
    quirks = (
        "bound to one client; one add_response per call (no standing default); responses"
        " returned as given, so GetObject gets a fresh tiny async-read Body per response."
    )

    def __init__(self) -> None:
        self.stubber: Optional[Any] = None

    def load(self) -> None:
        from aiobotocore.stub import AioStubber

        self.AioStubber = AioStubber

    def start(self, client: Any, op: Op) -> None:
        self.stubber = self.AioStubber(client)
        self.stubber.activate()

    def stop(self) -> None:
        if self.stubber is not None:
            self.stubber.deactivate()
            self.stubber = None

    def response_for(self, op: Op) -> Optional[Dict[str, Any]]:
        if op is GET_OBJECT:
            return {"Body": TinyBody(), "ContentLength": len(BODY), "ETag": '"abc"'}
        return dict(SQS_RESPONSE)

    def add(self, op: Op, response: Dict[str, Any]) -> None:
        self.stubber.add_response(op[2], response)  # type: ignore[union-attr]

    def check(self) -> None:
        self.stubber.assert_no_pending_responses()  # type: ignore[union-attr]


class MotoServerTool(AsyncTool):
    name = "moto server"
    slow = True
    pays_for = (
        "the whole real request path and a loopback HTTP round trip (aiohttp) to a"
        " ThreadedMotoServer in this process: parsing, the simulated service, rendering,"
        " and botocore's response parsing"
    )
    quirks = (
        "nothing is queued: each measurement first creates the queue/bucket (untimed) and"
        " deletes the queue after;"
        " the server runs in a thread of this process, so it shares the GIL; fewer calls"
        " (see 'n')."
    )

    def __init__(self) -> None:
        self.server: Optional[Any] = None
        self.endpoint = ""

    def load(self) -> None:
        try:
            from moto.server import ThreadedMotoServer
        except ImportError:
            raise Skipped("moto[server] not installed") from None
        # werkzeug logs every request to stderr (verbose=False does not stop it)
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def client_kwargs(self) -> Dict[str, Any]:
        return {"endpoint_url": self.endpoint}

    async def prepare(self, client: Any, op: Op) -> Dict[str, Any]:
        if op is SEND_MESSAGE:
            created = await client.create_queue(QueueName="bench")
            return {**op[3], "QueueUrl": created["QueueUrl"]}
        buckets = await client.list_buckets()
        if not any(b["Name"] == BUCKET for b in buckets.get("Buckets", [])):
            await client.create_bucket(Bucket=BUCKET)
        await client.put_object(Bucket=BUCKET, Key=KEY, Body=BODY)
        return op[3]

    async def cleanup(self, client: Any, op: Op, params: Dict[str, Any]) -> None:
        if op is SEND_MESSAGE:  # moto's SQS slows down as a queue fills: a fresh one each time
            await client.delete_queue(QueueUrl=params["QueueUrl"])

    def start(self, client: Any, op: Op) -> None:
        pass

    def stop(self) -> None:
        pass


def tools() -> List[AsyncTool]:
    return [
        FloorTool(),
        AwsMockTool(validate=True),
        AwsMockTool(validate=False),
        AioStubberTool(),
        MotoServerTool(),
    ]


def available() -> bool:
    return importlib.util.find_spec("aiobotocore") is not None


# the workload


_SESSIONS: List[Any] = []


def session() -> Any:
    """One AioSession for the section: its loader caches the service models."""
    if not _SESSIONS:
        from aiobotocore.session import get_session

        _SESSIONS.append(get_session())
    return _SESSIONS[0]


async def _measure(tool: AsyncTool, op: Op, n: int, warm: int) -> float:
    read = op is GET_OBJECT
    async with session().create_client(
        op[0], region_name="us-east-1", **tool.client_kwargs()
    ) as client:
        params = await tool.prepare(client, op)
        method = getattr(client, op[2])
        tool.start(client, op)
        try:
            for _ in range(warm):
                response = tool.response_for(op)
                if response is not None:
                    tool.add(op, response)
                got = await method(**params)
                if read:
                    await got["Body"].read()
            responses = [tool.response_for(op) for _ in range(n)]
            per_call = [r for r in responses if r is not None]
            gc.collect()
            gc.freeze()  # cheap collections from here on: see measure()
            start = time.perf_counter()
            for response in per_call:
                tool.add(op, response)
            if read:
                for _ in range(n):
                    await (await method(**params))["Body"].read()
            else:
                for _ in range(n):
                    await method(**params)
            tool.check()
            elapsed = time.perf_counter() - start
        finally:
            tool.stop()
        await tool.cleanup(client, op, params)
    return elapsed / n


def per_call(tool: AsyncTool, op: Op, n: int, warm: int = WARM_CALLS) -> float:
    """Seconds per call: one asyncio.run, one client, ``warm`` untimed calls, ``n`` timed."""
    return asyncio.run(_measure(tool, op, n, warm))


def workload(tool: AsyncTool, op: Op, calls: int, warm: int, repeats: int) -> Result:
    """µs per call: the median of ``repeats`` measurements."""
    runs = [per_call(tool, op, calls, warm) * 1e6 for _ in range(repeats)]
    return {"median": statistics.median(runs), "runs": [round(r, 3) for r in runs], "n": calls}


def guarded(measure: Callable[[], Result]) -> Result:
    try:
        return measure()
    except Exception as error:  # a benchmark must finish: report, do not crash
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"}


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def measure(sizes: Dict[str, int]) -> Result:
    """The async section: {"skipped": ...} without aiobotocore, else tools, results, sizes."""
    if not available():
        return {"skipped": NOT_INSTALLED}
    found = tools()
    skipped: Dict[str, str] = {}
    results: Dict[str, Dict[str, Result]] = {}
    repeats = sizes["repeats"]
    # Before each timed loop: collect, then freeze what is alive (the sync
    # section's leftovers, aiobotocore's models), so that every collection only
    # scans what came since (a full one takes ~0.1 s here); unfrozen at the end.
    try:
        for tool in found:
            try:
                tool.load()
            except Skipped as reason:
                skipped[tool.name] = str(reason)
                results[tool.name] = {}
                continue
            calls = sizes["moto_calls"] if tool.slow else sizes["calls"] * tool.calls_factor
            warm = min(SLOW_WARM_CALLS if tool.slow else WARM_CALLS, calls)
            results[tool.name] = {}
            for key, op in OPS:
                results[tool.name][key] = guarded(
                    functools.partial(workload, tool, op, calls, warm, repeats)
                )
    finally:
        for tool in found:
            tool.close()
        gc.unfreeze()
    floor = results.get(FloorTool.name, {})
    for key, _ in OPS:
        base = floor.get(key, {}).get("median")
        for cells in results.values():
            cell = cells.get(key, {})
            if base and "median" in cell:
                cell["ratio"] = cell["median"] / base
    return {
        "tools": {
            t.name: {"pays_for": t.pays_for, "quirks": t.quirks, "skipped": skipped.get(t.name)}
            for t in found
        },
        "results": results,
        "versions": {d: version(d) for d in ("aiobotocore", "aiohttp", "moto")},
        "calls": sizes["calls"],
        "moto_calls": sizes["moto_calls"],
        "floor_calls": sizes["calls"] * FloorTool.calls_factor,
        "repeats": repeats,
        "warm_calls": WARM_CALLS,
        "moto_warm_calls": SLOW_WARM_CALLS,
    }


# reporting


def _median(section: Optional[Result], tool: str, key: str) -> Optional[float]:
    if not section or "results" not in section:
        return None
    value = section["results"].get(tool, {}).get(key, {}).get("median")
    return float(value) if isinstance(value, (int, float)) else None


def target_rows(section: Optional[Result]) -> List[Dict[str, Any]]:
    """The issue's async targets, as run.py's target dicts; none if the section did not run."""
    if not section or "results" not in section:
        return []
    rows: List[Dict[str, Any]] = []
    for key, op in OPS:
        title = "GetObject+read" if op is GET_OBJECT else "SendMessage"
        mine = _median(section, FULL_FIDELITY, key)
        floor = _median(section, FloorTool.name, key)
        stubber = _median(section, AioStubberTool.name, key)
        ratio = mine / floor if mine and floor else None
        rows.append(
            {
                "target": f"async validate=True {title} ≤ {FLOOR_LIMIT:g}x async floor",
                "measured": ratio,
                "limit": FLOOR_LIMIT,
                "unit": "x",
                "compare": "<=",
                "met": ratio is not None and ratio <= FLOOR_LIMIT,
            }
        )
        faster = stubber / mine if mine and stubber else None
        rows.append(
            {
                "target": f"async validate=True {title} ≥ {STUBBER_FACTOR:g}x faster than"
                " AioStubber",
                "measured": faster,
                "limit": STUBBER_FACTOR,
                "unit": "x",
                "compare": ">=",
                "met": faster is not None and faster >= STUBBER_FACTOR,
            }
        )
    return rows


def _cell(cell: Optional[Result]) -> str:
    if cell is None:
        return "-"
    if "error" in cell:
        return "error"
    value = cell["median"]
    text = f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"
    if "ratio" in cell:
        text += f" ({cell['ratio']:.1f}x)"
    return text


def lines(section: Result) -> str:
    if "skipped" in section:
        return f"Async (aiobotocore): skipped ({section['skipped']})"
    versions = ", ".join(f"{k} {v}" for k, v in section["versions"].items())
    out = [
        f"Async (aiobotocore client, {versions}): medians of {section['repeats']} runs,"
        " each one asyncio.run with a fresh client; (Nx) is the ratio to the async floor.",
        f"Per call: {section['calls']:,} calls (async floor {section['floor_calls']:,}, moto"
        f" server {section['moto_calls']:,}) after"
        f" {section['warm_calls']} untimed warm-up calls (moto server"
        f" {section['moto_warm_calls']}), register + call + verify.",
        "",
    ]
    rows = [["tool", "SendMessage", "GetObject+read"], ["", "µs/call", "µs/call"]]
    skipped = {n: t["skipped"] for n, t in section["tools"].items() if t["skipped"]}
    for name, cells in section["results"].items():
        if name in skipped:
            rows.append([name, f"skipped ({skipped[name]})", ""])
        else:
            rows.append([name, *[_cell(cells.get(key)) for key, _ in OPS]])
    widths = [max(len(row[i]) for row in rows if len(row[i]) < 40) for i in range(3)]
    units = rows[1]
    for row in rows:
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if row is units:
            out.append("  ".join("-" * w for w in widths))
    for name, cells in section["results"].items():
        for key, cell in cells.items():
            if "error" in cell:
                out.append(f"\n{name} {key} (async): {cell['error']}")
    return "\n".join(out)
