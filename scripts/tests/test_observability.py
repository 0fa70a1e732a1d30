"""template.yaml's alarms, dashboard and operator parameters, read as CloudFormation receives them: after the SAM
transform (check-template.py's translator set-up), with the template's conditions evaluated for given parameter
values."""

import json
import logging
import os
import re
import unittest

from test_check_template import TEMPLATE, check_template

# The metric contract between the router (EMF, namespace LambdaRouter) and this template: metric names and the
# dimension sets each may carry.
NAMESPACE = "LambdaRouter"
PER_REQUEST_SETS = ({"Service"}, {"Service", "Route"}, {"Service", "Route", "Target"})
CONTRACT = {
    **{name: PER_REQUEST_SETS for name in (
        "Requests", "Latency", "Status4xx", "Status5xx", "Attempts", "WorkerFailed", "InvalidWorkerResponse",
        "Throttled", "Timeout", "CircuitOpen", "NoHealthyTarget", "PayloadTooLarge")},
    **{name: ({"Service"},) for name in (
        "ConfigRejected", "ConfigSourceUnavailable", "StaleTableServed", "MirrorCopyDropped")},
}
ROUTER = "RouterFunction"
NO_VALUE = object()

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
logging.getLogger("samtranslator").setLevel(logging.CRITICAL)


class Stack:
    """The transformed template as deployed with `overrides` (other parameters at their defaults): Ref to a
    parameter, Fn::If, Fn::Equals, Fn::Not, Fn::Or, Condition and AWS::NoValue resolved; resources whose Condition is false left out;
    everything else (Fn::Sub, Fn::GetAtt, Ref to a resource) left as written."""

    _template = check_template.yaml_parse(TEMPLATE.read_text(encoding="utf-8"))

    def __init__(self, **overrides):
        self.values = {**check_template.default_parameter_values(self._template), **overrides}
        self.transformed = check_template.transform(self._template, self.values)
        self.resources = {logical_id: self.resolve(resource)
                          for logical_id, resource in self.transformed["Resources"].items()
                          if "Condition" not in resource or self.condition(resource["Condition"])}

    def condition(self, name):
        value = self.resolve(self.transformed["Conditions"][name])
        assert isinstance(value, bool), f"condition {name} resolved to {value!r}"
        return value

    def resolve(self, node):
        if isinstance(node, list):
            return [item for item in map(self.resolve, node) if item is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, argument), = node.items()
            if key == "Ref" and argument == "AWS::NoValue":
                return NO_VALUE
            if key == "Ref" and argument in self.values:
                return self.values[argument]
            if key == "Fn::If":
                name, when_true, when_false = argument
                return self.resolve(when_true if self.condition(name) else when_false)
            if key == "Fn::Equals":
                left, right = (self.resolve(item) for item in argument)
                return str(left) == str(right)
            if key == "Fn::Not":
                return not self.resolve(argument[0])
            if key == "Fn::Or":
                return any(self.resolve(item) for item in argument)
            if key == "Condition" and isinstance(argument, str):
                return self.condition(argument)
        resolved = {key: self.resolve(value) for key, value in node.items()}
        return {key: value for key, value in resolved.items() if value is not NO_VALUE}

    def of_type(self, resource_type):
        return {logical_id: resource["Properties"] for logical_id, resource in self.resources.items()
                if resource["Type"] == resource_type}

    def service(self):
        return self.resources[ROUTER]["Properties"]["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]


def dimensions(metric):
    return {d["Name"]: d["Value"] for d in metric.get("Dimensions", [])}


class AlarmsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack()
        cls.alarms = cls.stack.of_type("AWS::CloudWatch::Alarm")

    def assertAlarm(self, logical_id, namespace, metric, dims, statistic, threshold):
        alarm = self.alarms[logical_id]
        self.assertEqual((namespace, metric, dims, statistic, threshold),
                         (alarm["Namespace"], alarm["MetricName"], dimensions(alarm), alarm["Statistic"],
                          alarm["Threshold"]), logical_id)
        self.assertEqual("GreaterThanOrEqualToThreshold", alarm["ComparisonOperator"], logical_id)

    def test_the_load_balancer_the_router_and_the_failure_queue_have_their_alarms(self):
        balancer = {"LoadBalancer": {"Fn::GetAtt": ["LoadBalancer", "LoadBalancerFullName"]}}
        self.assertAlarm("LoadBalancer5xxAlarm", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", balancer, "Sum",
                         self.stack.values["LoadBalancer5xxThreshold"])
        self.assertAlarm("RouterUnhealthyAlarm", "AWS/ApplicationELB", "UnHealthyHostCount",
                         {**balancer, "TargetGroup": {"Fn::GetAtt": ["RouterTargetGroup", "TargetGroupFullName"]}},
                         "Maximum", 1)
        self.assertAlarm("RouterThrottlesAlarm", "AWS/Lambda", "Throttles", {"FunctionName": {"Ref": ROUTER}},
                         "Sum", 1)
        self.assertAlarm("ConfigRejectedAlarm", NAMESPACE, "ConfigRejected", {"Service": self.stack.service()},
                         "Sum", 1)
        self.assertAlarm("ReportJobsFailedAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                         {"QueueName": {"Fn::GetAtt": ["ReportJobsFailedQueue", "QueueName"]}}, "Maximum", 1)

    def test_every_worker_the_router_may_invoke_has_errors_and_throttles_alarms(self):
        allowed = self.stack.resources[ROUTER]["Properties"]["Environment"]["Variables"]["ROUTER_ALLOWED_FUNCTIONS"]
        workers = re.findall(r"\$\{(\w+)}", allowed["Fn::Sub"])
        self.assertEqual(3, len(workers), allowed)
        for worker in workers:
            watched = {(a.get("MetricName"), a.get("Statistic"), a.get("Threshold")) for a in self.alarms.values()
                       if dimensions(a) == {"FunctionName": {"Ref": worker}} and a.get("Namespace") == "AWS/Lambda"}
            self.assertEqual({("Errors", "Sum", self.stack.values["WorkerErrorsThreshold"]), ("Throttles", "Sum", 1)},
                             watched, worker)

    def test_the_router_5xx_rate_divides_5xx_by_requests_and_ignores_quiet_minutes(self):
        alarm = self.alarms["Router5xxRateAlarm"]
        queries = {query["Id"]: query for query in alarm["Metrics"]}
        for query_id, metric in (("errors", "Status5xx"), ("requests", "Requests")):
            stat = queries[query_id]["MetricStat"]
            self.assertEqual((NAMESPACE, metric, {"Service": self.stack.service()}, "Sum"),
                             (stat["Metric"]["Namespace"], stat["Metric"]["MetricName"], dimensions(stat["Metric"]),
                              stat["Stat"]))
            self.assertFalse(queries[query_id]["ReturnData"])
        self.assertEqual(
            {"Fn::Sub": "IF(requests >= ${Router5xxMinRequests}, 100 * FILL(errors, 0) / requests, 0)"},
            queries["rate"]["Expression"])
        self.assertTrue(queries["rate"]["ReturnData"])
        self.assertEqual((self.stack.values["Router5xxRatePercent"], "GreaterThanThreshold"),
                         (alarm["Threshold"], alarm["ComparisonOperator"]))
        for parameter, default in (("Router5xxRatePercent", 5), ("Router5xxMinRequests", 20)):
            self.assertEqual(default, self.stack._template["Parameters"][parameter]["Default"])

    def test_every_alarm_treats_missing_data_as_not_breaching(self):
        # Each watches a count (or a rate of counts): no data means nothing happened.
        self.assertEqual(13, len(self.alarms))
        for logical_id, alarm in self.alarms.items():
            self.assertEqual("notBreaching", alarm.get("TreatMissingData"), logical_id)


class NotificationTest(unittest.TestCase):
    EMAIL = "ops@example.com"
    TOPIC = "arn:aws:sns:eu-west-1:123456789012:on-call"

    def assertEveryAlarmNotifies(self, stack, *targets):
        """Each alarm's AlarmActions and OKActions are exactly `targets`."""
        alarms = stack.of_type("AWS::CloudWatch::Alarm")
        self.assertTrue(alarms)
        for logical_id, alarm in alarms.items():
            self.assertEqual((list(targets), list(targets)), (alarm["AlarmActions"], alarm["OKActions"]), logical_id)

    def test_without_a_notification_parameter_alarms_notify_nobody(self):
        stack = Stack()
        self.assertEveryAlarmNotifies(stack)
        self.assertEqual({}, stack.of_type("AWS::SNS::Topic"))

    def test_an_email_address_creates_a_subscribed_topic_that_every_alarm_notifies(self):
        stack = Stack(AlarmEmail=self.EMAIL)
        self.assertEveryAlarmNotifies(stack, {"Ref": "AlarmTopic"})
        self.assertEqual([{"Protocol": "email", "Endpoint": self.EMAIL}],
                         stack.of_type("AWS::SNS::Topic")["AlarmTopic"]["Subscription"])

    def test_an_existing_topic_is_notified_alone_or_with_the_email_topic(self):
        self.assertEveryAlarmNotifies(Stack(AlarmTopicArn=self.TOPIC), self.TOPIC)
        self.assertEveryAlarmNotifies(Stack(AlarmTopicArn=self.TOPIC, AlarmEmail=self.EMAIL),
                                      {"Ref": "AlarmTopic"}, self.TOPIC)

    def test_the_parameters_accept_empty_or_a_well_formed_value(self):
        parameters = Stack._template["Parameters"]
        for name, good, bad in (("AlarmEmail", self.EMAIL, "ops at example.com"),
                                ("AlarmTopicArn", self.TOPIC, "on-call")):
            pattern = parameters[name]["AllowedPattern"]
            self.assertEqual("", parameters[name]["Default"])
            for value, accepted in (("", True), (good, True), (bad, False)):
                self.assertEqual(accepted, re.fullmatch(pattern, value) is not None, f"{name}={value!r}")


class RouterParametersTest(unittest.TestCase):

    def router(self, **overrides):
        return Stack(**overrides).resources[ROUTER]["Properties"]

    def test_reserved_concurrency_is_off_by_default_and_set_when_asked(self):
        self.assertNotIn("ReservedConcurrentExecutions", self.router())
        self.assertEqual("200", self.router(RouterReservedConcurrency="200")["ReservedConcurrentExecutions"])

    def test_metrics_dimensions_reach_the_router(self):
        declaration = Stack._template["Parameters"]["MetricsDimensions"]
        self.assertEqual((["route,target", "route", "none"], "route,target"),
                         (declaration["AllowedValues"], declaration["Default"]))
        for value in declaration["AllowedValues"]:
            self.assertEqual(value, self.router(MetricsDimensions=value)["Environment"]["Variables"][
                "ROUTER_METRICS_DIMENSIONS"])


class DashboardTest(unittest.TestCase):
    SEARCH = re.compile(r"SEARCH\('\{([^}]*)}\s*([^']*)',")

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack()
        dashboards = cls.stack.of_type("AWS::CloudWatch::Dashboard")
        cls.source = dashboards["RouterDashboard"]["DashboardBody"]["Fn::Sub"]
        cls.body = json.loads(re.sub(r"\$\{([^}]+)}", lambda m: cls.sample(m.group(1)), cls.source))
        cls.widgets = cls.body["widgets"]
        cls.metrics = [row for w in cls.widgets if w["type"] == "metric" for row in w["properties"]["metrics"]]

    @classmethod
    def sample(cls, reference):
        """A sample value for ${reference}, which must name a pseudo parameter, parameter or resource."""
        if reference.startswith("AWS::"):
            return {"AWS::Region": "eu-west-1", "AWS::AccountId": "123456789012"}[reference]
        name, _, attribute = reference.partition(".")
        assert name in cls.stack.values or name in cls.stack.resources, f"${{{reference}}} names nothing"
        return f"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:{name}" if attribute == "Arn" else f"sample-{name}"

    @classmethod
    def resolved(cls, value):
        """A template value (a string or a !Sub string) as the dashboard body reads it with the sample values."""
        source = value["Fn::Sub"] if isinstance(value, dict) else value
        return re.sub(r"\$\{([^}]+)}", lambda m: cls.sample(m.group(1)), source)

    def searches(self):
        """(namespace, dimension names, metric names) of each SEARCH expression."""
        for row in self.metrics:
            match = self.SEARCH.search(row[0].get("expression", "")) if isinstance(row[0], dict) else None
            if match:
                namespace, *dims = (part.strip() for part in match.group(1).split(","))
                yield namespace, set(dims), set(re.findall(r'MetricName="([^"]+)"', match.group(2))), match.group(2)

    def named(self):
        """(namespace, metric name, dimensions) of each metric the widgets name directly."""
        for row in self.metrics:
            if isinstance(row[0], str):
                pairs = [item for item in row[2:] if isinstance(item, str)]
                yield row[0], row[1], dict(zip(pairs[::2], pairs[1::2]))

    def assertContract(self, namespace, metric, dims, where):
        if namespace.startswith("AWS/"):
            return
        self.assertEqual(NAMESPACE, namespace, where)
        self.assertIn(metric, CONTRACT, where)
        self.assertIn(set(dims), CONTRACT[metric], where)

    def test_every_metric_is_in_the_contract_or_an_aws_namespace(self):
        service = self.resolved(self.stack.service())
        for namespace, metric, dims in self.named():
            self.assertContract(namespace, metric, dims, (namespace, metric, dims))
            if namespace == NAMESPACE:
                self.assertEqual(service, dims["Service"])
        searches = list(self.searches())
        self.assertTrue(searches)
        for namespace, dims, metrics, terms in searches:
            self.assertIn(f'Service="{service}"', terms)
            self.assertTrue(metrics, terms)
            for metric in metrics:
                self.assertContract(namespace, metric, dims, terms)

    def test_5xx_is_shown_by_route_and_by_target_with_searches(self):
        found = {(frozenset(dims), metric) for namespace, dims, metrics, _ in self.searches() for metric in metrics}
        for expected in ({"Service", "Route"}, {"Service", "Route", "Target"}):
            self.assertIn((frozenset(expected), "Status5xx"), found)

    def test_it_shows_the_router_concurrency_the_failure_queue_and_the_routing_table_events(self):
        named = {(namespace, metric) for namespace, metric, _ in self.named()}
        for expected in (("AWS/Lambda", "ConcurrentExecutions"), ("AWS/Lambda", "Throttles"),
                         ("AWS/SQS", "ApproximateNumberOfMessagesVisible"), (NAMESPACE, "ConfigRejected"),
                         (NAMESPACE, "ConfigSourceUnavailable"), (NAMESPACE, "Throttled"), (NAMESPACE, "Timeout")):
            self.assertIn(expected, named)
        self.assertIn("${RouterFunction}", self.source)
        self.assertIn("${ReportJobsFailedQueue.QueueName}", self.source)

    def test_its_alarm_widget_lists_every_alarm(self):
        listed = {arn.rsplit(":", 1)[1]
                  for widget in self.widgets if widget["type"] == "alarm" for arn in widget["properties"]["alarms"]}
        self.assertEqual(set(self.stack.of_type("AWS::CloudWatch::Alarm")), listed)

    def test_widgets_fit_the_24_column_grid_without_overlapping(self):
        cells = set()
        for widget in self.widgets:
            self.assertLessEqual(widget["x"] + widget["width"], 24, widget)
            area = {(widget["x"] + dx, widget["y"] + dy)
                    for dx in range(widget["width"]) for dy in range(widget["height"])}
            self.assertFalse(cells & area, widget)
            cells |= area


if __name__ == "__main__":
    unittest.main()
