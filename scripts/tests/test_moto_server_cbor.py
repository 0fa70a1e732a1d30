"""test-support's moto_server_cbor.py in process: CloudWatch RPC v2 CBOR requests (encoded by botocore's CBOR
serializer, as an SDK would) through the middleware into moto's real app, answers read with botocore's CBOR parser."""

import datetime
import importlib.util
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "test-support/src/main/resources/dev/lambdarouter/testsupport/moto_server_cbor.py"

_spec = importlib.util.spec_from_file_location("moto_server_cbor", LAUNCHER)
launcher = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(launcher)

from botocore.parsers import RpcV2CBORParser  # noqa: E402  (after the launcher: it names what is missing)
from botocore.serialize import RpcV2CBORSerializer  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.test import Client  # noqa: E402

AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20261202/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0"


class MotoServerCborTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        launcher.percentiles()
        cls.middleware = launcher.CborCloudWatch(DomainDispatcherApplication(create_backend_app))
        cls.client = Client(cls.middleware)

    def setUp(self):
        self.client.post("/moto-api/reset")

    def call(self, operation, params):
        model = self.middleware.model.operation_model(operation)
        request = RpcV2CBORSerializer().serialize_to_request(params, model)
        answer = self.client.post(
            request["url_path"], data=request["body"], headers={**request["headers"], "Authorization": AUTHORIZATION})
        self.assertEqual("rpc-v2-cbor", answer.headers.get("smithy-protocol"))
        self.assertEqual("application/cbor", answer.headers.get("Content-Type"))
        parsed = RpcV2CBORParser().parse(
            {"status_code": answer.status_code, "headers": dict(answer.headers), "body": answer.get_data()},
            model.output_shape)
        return answer.status_code, parsed

    def test_put_metric_data_then_get_metric_data_sum_and_p99(self):
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        dims = [{"Name": "Target", "Value": "orders-v2"}]
        status, _ = self.call("PutMetricData", {"Namespace": "LambdaRouter", "MetricData": [
            {"MetricName": "Latency", "Dimensions": dims, "Timestamp": now,
             "Values": [10.0, 20.0, 1000.0], "Counts": [50.0, 49.0, 1.0]}]})
        self.assertEqual(200, status)

        def query(query_id, stat):
            return {"Id": query_id, "MetricStat": {"Period": 600, "Stat": stat, "Metric": {
                "Namespace": "LambdaRouter", "MetricName": "Latency", "Dimensions": dims}}}

        status, answer = self.call("GetMetricData", {
            "StartTime": now - datetime.timedelta(minutes=5), "EndTime": now + datetime.timedelta(minutes=5),
            "MetricDataQueries": [query("sum", "Sum"), query("p99", "p99"), query("p100", "p100")]})

        self.assertEqual(200, status)
        values = {r["Id"]: r["Values"] for r in answer["MetricDataResults"]}
        self.assertEqual({"sum": [50 * 10.0 + 49 * 20.0 + 1000.0], "p99": [20.0], "p100": [1000.0]}, values)

    def test_moto_error_is_the_rpc_v2_error_shape_with_motos_code_message_and_status(self):
        status, answer = self.call("SetAlarmState", {"AlarmName": "absent", "StateValue": "OK", "StateReason": "x"})

        self.assertEqual(404, status)
        self.assertEqual("ResourceNotFound", answer["Error"]["Code"])

    def test_unknown_operation_is_named_in_the_error(self):
        answer = self.client.post(
            "/service/GraniteServiceVersion20100801/operation/PutCoffee", data=b"\xa0",
            headers={"smithy-protocol": "rpc-v2-cbor", "Content-Type": "application/cbor",
                     "Authorization": AUTHORIZATION})

        self.assertEqual(400, answer.status_code)
        error = RpcV2CBORParser()._initial_body_parse(answer.get_data())
        self.assertEqual("UnknownOperationException", error["__type"])
        self.assertIn("PutCoffee", error["message"])

    def test_other_requests_reach_moto_unchanged(self):
        answer = self.client.get("/moto-api/data.json")

        self.assertEqual(200, answer.status_code)
        self.assertIn("cloudwatch", answer.get_data(as_text=True))

    def test_nearest_rank(self):
        self.assertEqual(0.0, launcher.nearest_rank([], 99))
        self.assertEqual(99, launcher.nearest_rank(list(range(1, 101)), 99))
        self.assertEqual(100, launcher.nearest_rank(list(range(1, 101)), 99.5))
        self.assertEqual(1, launcher.nearest_rank([3, 1, 2], 0))


if __name__ == "__main__":
    unittest.main()
