"""template.yaml's rollout controller as CloudFormation receives it (after the SAM transform, conditions evaluated):
least-privilege IAM (actions and resources), the schedule, and the environment the controller reads."""

import unittest

from test_observability import ROUTER, Stack, dimensions

CONTROLLER = "RolloutControllerFunction"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:on-call"
EMAIL = "ops@example.com"
PREFIX = {"Fn::Sub": "/lambda-router/${Stage}"}
OWN_PARAMETERS = {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/lambda-router/"
                             "${Stage}/*"}
WRITABLE = [{"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/lambda-router/"
                          "${Stage}/" + path} for path in ("routes/*", "version", "rollouts/*")]
ALARMS = {"Fn::Sub": "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"}
# Logs and X-Ray segments: what SAM gives every function (Tracing: Active in Globals).
MANAGED = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
           "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"]


def as_list(value):
    return value if isinstance(value, list) else [value]


def grants(stack):
    """{(action, resource as JSON-ish string)} the controller's role allows, with every statement's shape checked."""
    role = stack.resources[f"{CONTROLLER}Role"]["Properties"]
    allowed = set()
    for policy in role.get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow", statement
            assert "NotAction" not in statement and "NotResource" not in statement, statement
            for action in as_list(statement["Action"]):
                for resource in as_list(statement["Resource"]):
                    allowed.add((action, repr(resource)))
    return allowed


class RolloutIamTest(unittest.TestCase):

    def expected(self, topic=None):
        allowed = {(action, repr(OWN_PARAMETERS)) for action in (
            "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath")}
        # It writes route weights, the version and rollout documents, never the allowlist.
        allowed |= {("ssm:PutParameter", repr(resource)) for resource in WRITABLE}
        allowed |= {("cloudwatch:GetMetricData", repr("*")), ("cloudwatch:DescribeAlarms", repr(ALARMS))}
        if topic is not None:
            allowed.add(("sns:Publish", repr(topic)))
        return allowed

    def test_without_a_topic_it_may_read_its_prefix_write_routes_version_rollouts_and_read_metrics_and_alarms_only(self):
        stack = Stack()
        self.assertEqual(self.expected(), grants(stack))
        self.assertEqual(MANAGED, stack.resources[f"{CONTROLLER}Role"]["Properties"]["ManagedPolicyArns"])

    def test_it_may_publish_to_the_configured_topic_only(self):
        self.assertEqual(self.expected(TOPIC), grants(Stack(AlarmTopicArn=TOPIC)))
        self.assertEqual(self.expected({"Ref": "AlarmTopic"}), grants(Stack(AlarmEmail=EMAIL)))
        self.assertEqual(self.expected(TOPIC), grants(Stack(AlarmTopicArn=TOPIC, AlarmEmail=EMAIL)))

    def test_no_action_is_a_wildcard_and_only_get_metric_data_has_no_resource(self):
        for action, resource in grants(Stack(AlarmTopicArn=TOPIC)):
            self.assertNotIn("*", action)
            self.assertEqual(action == "cloudwatch:GetMetricData", resource == repr("*"), action)

    def test_the_parameter_prefix_is_the_routers(self):
        router = Stack().resources[ROUTER]["Properties"]["Environment"]["Variables"]["ROUTER_CONFIG_PREFIX"]
        self.assertEqual(PREFIX, router)
        self.assertTrue(OWN_PARAMETERS["Fn::Sub"].endswith(":parameter" + PREFIX["Fn::Sub"] + "/*"))


class RolloutFunctionTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack()
        cls.function = cls.stack.resources[CONTROLLER]["Properties"]
        cls.variables = cls.function["Environment"]["Variables"]
        cls.router = cls.stack.resources[ROUTER]["Properties"]["Environment"]["Variables"]

    def test_it_runs_the_controller_zip_on_the_shared_layer_one_at_a_time(self):
        self.assertEqual(("java21", "dev.lambdarouter.rollout.RolloutControllerHandler::handleRequest", 1),
                         (self.function["Runtime"], self.function["Handler"],
                          self.function["ReservedConcurrentExecutions"]))
        layer = self.stack._template["Resources"]["DependenciesLayer"]
        self.assertEqual(1, len(self.function["Layers"]))
        self.assertTrue(self.function["Layers"][0]["Ref"].startswith("DependenciesLayer"), self.function["Layers"])
        self.assertEqual("layers/dependencies/target/dependencies-layer.zip", layer["Properties"]["ContentUri"])
        source = self.stack._template["Resources"][CONTROLLER]["Properties"]
        self.assertEqual("rollout-controller/target/rollout-controller.zip", source["CodeUri"])

    def test_the_schedule_comes_from_the_rollout_schedule_parameter(self):
        declaration = Stack._template["Parameters"]["RolloutSchedule"]
        self.assertEqual("rate(1 minute)", declaration["Default"])
        for expression in ("rate(1 minute)", "rate(5 minutes)", "cron(0/2 * * * ? *)"):
            stack = self.stack if expression == "rate(1 minute)" else Stack(RolloutSchedule=expression)
            rules = stack.of_type("AWS::Events::Rule")
            targets = {(rule["ScheduleExpression"], target["Arn"]["Fn::GetAtt"][0])
                       for rule in rules.values() for target in rule["Targets"]}
            self.assertEqual({(expression, CONTROLLER)}, targets)
        permissions = [p for p in self.stack.of_type("AWS::Lambda::Permission").values()
                       if p["FunctionName"] == {"Ref": CONTROLLER}]
        self.assertEqual(["events.amazonaws.com"], [p["Principal"] for p in permissions])

    def test_a_failed_run_is_not_retried(self):
        config = [c for c in self.stack.of_type("AWS::Lambda::EventInvokeConfig").values()
                  if c["FunctionName"] == {"Ref": CONTROLLER}]
        self.assertEqual([0], [c["MaximumRetryAttempts"] for c in config])

    def test_it_reads_what_the_router_writes(self):
        self.assertEqual(self.router["ROUTER_CONFIG_PREFIX"], self.variables["ROUTER_CONFIG_PREFIX"])
        self.assertEqual(self.router["POWERTOOLS_SERVICE_NAME"], self.variables["ROLLOUT_METRICS_SERVICE"])
        self.assertEqual(self.router["POWERTOOLS_METRICS_NAMESPACE"], self.variables["ROLLOUT_METRICS_NAMESPACE"])
        self.assertNotEqual(self.router["POWERTOOLS_SERVICE_NAME"], self.variables["POWERTOOLS_SERVICE_NAME"])

    def test_its_endpoints_are_spelt_out_for_local_runs(self):
        self.assertEqual(
            {"AWS_ENDPOINT_URL_CLOUDWATCH": {"Fn::Sub": "https://monitoring.${AWS::Region}.${AWS::URLSuffix}"},
             "AWS_ENDPOINT_URL_SSM": self.router["AWS_ENDPOINT_URL_SSM"]},
            {name: value for name, value in self.variables.items() if name.startswith("AWS_ENDPOINT_URL_")})

    def test_decisions_go_to_the_configured_topic_or_nowhere(self):
        def topic(**overrides):
            return Stack(**overrides).resources[CONTROLLER]["Properties"]["Environment"]["Variables"].get(
                "ROLLOUT_TOPIC_ARN")
        self.assertIsNone(topic())
        self.assertEqual(TOPIC, topic(AlarmTopicArn=TOPIC))
        self.assertEqual({"Ref": "AlarmTopic"}, topic(AlarmEmail=EMAIL))

    def test_it_logs_to_its_own_log_group_named_after_it(self):
        group = self.function["LoggingConfig"]["LogGroup"]["Ref"]
        name = self.stack.resources[group]["Properties"]["LogGroupName"]["Fn::Sub"]
        self.assertEqual("/aws/lambda/" + self.function["FunctionName"]["Fn::Sub"], name)

    def test_a_rollback_fires_an_alarm_on_the_routers_service(self):
        alarm = self.stack.of_type("AWS::CloudWatch::Alarm")["RolloutRollbackAlarm"]
        self.assertEqual(("LambdaRouter", "RolloutRollback", {"Service": self.router["POWERTOOLS_SERVICE_NAME"]},
                          "Sum", 1, "GreaterThanOrEqualToThreshold"),
                         (alarm["Namespace"], alarm["MetricName"], dimensions(alarm), alarm["Statistic"],
                          alarm["Threshold"], alarm["ComparisonOperator"]))


if __name__ == "__main__":
    unittest.main()
