"""moto's server with CloudWatch over Smithy RPC v2 CBOR, the only protocol AWS SDK v2's CloudWatch client speaks.

moto 5.2 answers CloudWatch in the query and JSON protocols only. This launcher runs moto's own WSGI app behind a
middleware that turns each `POST /service/GraniteServiceVersion20100801/operation/<Op>` request into the same
operation in AWS's JSON protocol (decoded against the operation's input shape by botocore's CBOR parser, encoded by
botocore's JSON serializer), and moto's JSON answer back into CBOR against the output shape (botocore's JSON parser,
then botocore's CBOR encoder). Errors become the RPC v2 error body {"__type", "message"} with moto's status.
Every other request reaches moto unchanged.

moto 5.2 also answers GetMetricData with no value for percentile statistics (p99, p99.9): `percentiles()` teaches
it the nearest-rank percentile over the datapoints of each period (a statistic set counts as SampleCount values at
its average, an approximation; CloudWatch itself keeps the distribution).

Usage: python3 moto_server_cbor.py [-H HOST] [-p PORT]
"""

import argparse
import gzip
import math
import os
import re
import sys
import traceback

try:
    from botocore.parsers import JSONParser, RpcV2CBORParser
    from botocore.serialize import JSONSerializer, RpcV2CBORSerializer
    from botocore.session import get_session
    from moto.cloudwatch.models import Statistics
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple
    from werkzeug.test import run_wsgi_app
    from werkzeug.wrappers import Request, Response
except ImportError as missing:
    sys.exit(
        f"moto_server_cbor: {missing}: moto 5 (with its server extra) and botocore must be installed for "
        f"{sys.executable}: pip install 'moto[server]'"
    )

CBOR = "application/cbor"


class CborCloudWatch:
    """WSGI middleware: CloudWatch RPC v2 CBOR requests in, moto's JSON protocol behind."""

    def __init__(self, app, service_name="cloudwatch"):
        self.app = app
        self.model = get_session().get_service_model(service_name)
        self.prefix = f"/service/{self.model.metadata['targetPrefix']}/operation/"

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "POST" or not path.startswith(self.prefix):
            return self.app(environ, start_response)
        name = path[len(self.prefix):]
        try:
            answer = self.translate(Request(environ), name)
        except Exception as failure:  # a bug here, not the caller's: say what broke in the SDK's error shape
            traceback.print_exc()
            answer = error(500, "InternalFailure", f"moto_server_cbor failed on {name}: {failure!r}")
        return answer(environ, start_response)

    def translate(self, request, name):
        try:
            operation = self.model.operation_model(name)
        except Exception:  # botocore's OperationNotFoundError
            return error(400, "UnknownOperationException", f"CloudWatch has no operation {name!r}")
        body = request.get_data()
        if request.headers.get("Content-Encoding", "").lower() == "gzip":  # SDKs compress large PutMetricData
            body = gzip.decompress(body)
        try:
            params = decode(body, operation.input_shape)
        except Exception as bad:  # botocore's ResponseParserError and friends: not CBOR of the input shape
            return error(400, "SerializationException", f"{name}: the body is not CBOR of {name}'s input: {bad}")
        json_request = JSONSerializer().serialize_to_request(params, operation)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED_HEADERS}
        headers.update(json_request["headers"])
        builder = Request.from_values(
            path="/", method="POST", headers=headers, data=json_request["body"], base_url=request.host_url
        )
        environ = builder.environ
        environ["REMOTE_ADDR"] = request.remote_addr
        app_iter, status, moto_headers = run_wsgi_app(self.app, environ, buffered=True)
        moto_body = b"".join(app_iter)
        moto_headers = dict(moto_headers.items())
        status_code = int(status.split(" ", 1)[0])
        passed = {k: v for k, v in moto_headers.items() if k.lower().startswith("x-amz")}
        if status_code >= 300:
            parsed = JSONParser().parse(
                {"status_code": status_code, "headers": moto_headers, "body": moto_body}, None
            )
            problem = parsed.get("Error", {})
            return error(status_code, problem.get("Code") or "InternalFailure", problem.get("Message", ""), passed)
        answer = Response(encode(moto_body, moto_headers, operation.output_shape), status_code, passed)
        answer.headers["smithy-protocol"] = "rpc-v2-cbor"
        answer.headers["Content-Type"] = CBOR
        return answer


DROPPED_HEADERS = {"content-type", "content-length", "content-encoding", "transfer-encoding", "accept",
                   "smithy-protocol"}


def decode(body, shape):
    """The operation's parameters from an RPC v2 CBOR request body (None shape or empty body: none)."""
    if shape is None or not body:
        return {}
    parser = RpcV2CBORParser()
    return parser._parse_shape(shape, parser._initial_body_parse(body))


def encode(json_body, headers, shape):
    """moto's JSON protocol answer as an RPC v2 CBOR body against the output shape."""
    if shape is None:
        return b""
    parsed = JSONParser().parse({"status_code": 200, "headers": headers, "body": json_body}, shape)
    parsed.pop("ResponseMetadata", None)
    body = bytearray()
    RpcV2CBORSerializer()._serialize_data_item(body, parsed, shape)
    return bytes(body)


def error(status, code, message, headers=None):
    """The RPC v2 CBOR error body the SDKs read: the error's shape name in __type, its message in message."""
    body = bytearray()
    RpcV2CBORSerializer()._serialize_type_map(body, {"__type": code, "message": message}, MAP_OF_STRINGS, None)
    answer = Response(bytes(body), status, headers or {})
    answer.headers["smithy-protocol"] = "rpc-v2-cbor"
    answer.headers["Content-Type"] = CBOR
    return answer


class _StringShape:
    type_name = "string"


class _MapOfStrings:
    type_name = "map"
    key = _StringShape()
    value = _StringShape()


MAP_OF_STRINGS = _MapOfStrings()


PERCENTILE = re.compile(r"p(\d{1,2}(?:\.\d+)?|100)")


def percentiles():
    """Patches moto's Statistics so that GetMetricData answers pNN statistics (nearest rank)."""
    plain = Statistics.get_statistics_for_type

    def get_statistics_for_type(self, stat):
        match = PERCENTILE.fullmatch(stat)
        if not match:
            return plain(self, stat)
        values = list(self.metric_single_values_list)
        for aggregated in (a for a in self.metric_aggregated_list if a.sample_count):
            values += [aggregated.sum / aggregated.sample_count] * int(aggregated.sample_count)
        return nearest_rank(values, float(match.group(1)))

    Statistics.get_statistics_for_type = get_statistics_for_type


def nearest_rank(values, percent):
    """The smallest value with at least percent % of the values at or below it (0 when there are none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def main(argv=None):
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-H", "--host", default="127.0.0.1")
    options.add_argument("-p", "--port", type=int, default=5000)
    args = options.parse_args(argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))  # as moto_server does: some services build URLs with it
    percentiles()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, CborCloudWatch(app), threaded=True)


if __name__ == "__main__":
    main()
