package dev.lambdarouter.localstack.cloudwatch;

import static dev.lambdarouter.localstack.cloudwatch.CloudWatchError.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's metric alarms for {@code DescribeAlarms} (filters: {@code AlarmNames}, {@code AlarmNamePrefix},
 * {@code StateValue}, {@code AlarmTypes}) and {@code SetAlarmState}. Alarms are described with the template's
 * properties and are never evaluated: each is {@code INSUFFICIENT_DATA} until {@code SetAlarmState} sets it, which is
 * how a rollback on an alarm is rehearsed. Thread-safe.
 */
final class AlarmTable {

    private static final List<String> STATES = List.of("OK", "ALARM", "INSUFFICIENT_DATA");

    private final Map<String, ObjectNode> alarms = new LinkedHashMap<>();
    private final ConsoleLog console;

    AlarmTable(Map<String, ObjectNode> templateAlarms, LocalAccount account, ConsoleLog console) {
        this.console = console;
        long now = System.currentTimeMillis();
        templateAlarms.forEach((name, properties) -> {
            ObjectNode alarm = properties.deepCopy();
            // Values given with !Ref are text in the template; the API has numbers and booleans.
            for (String field : List.of("Period", "EvaluationPeriods", "DatapointsToAlarm")) {
                if (alarm.path(field).isTextual()) {
                    alarm.put(field, Integer.parseInt(alarm.get(field).asText()));
                }
            }
            if (alarm.path("Threshold").isTextual()) {
                alarm.put("Threshold", Double.parseDouble(alarm.get("Threshold").asText()));
            }
            alarm.put("ActionsEnabled", alarm.path("ActionsEnabled").asBoolean(true));
            alarm.put("AlarmArn", account.arn("cloudwatch", "alarm:" + name));
            alarm.putPOJO("AlarmConfigurationUpdatedTimestamp", new CborTimestamp(now));
            alarms.put(name, state(alarm, "INSUFFICIENT_DATA", "Unchecked: the local stack does not evaluate alarms"));
        });
    }

    private static ObjectNode state(ObjectNode alarm, String value, String reason) {
        alarm.put("StateValue", value).put("StateReason", reason);
        return alarm.putPOJO("StateUpdatedTimestamp", new CborTimestamp(System.currentTimeMillis()));
    }

    synchronized ObjectNode describe(JsonNode request) {
        Set<String> names = new HashSet<>();
        request.path("AlarmNames").forEach(n -> names.add(n.asText()));
        String prefix = request.path("AlarmNamePrefix").asText("");
        String state = request.path("StateValue").asText(null);
        boolean metricAlarms = request.path("AlarmTypes").isEmpty()
                || request.path("AlarmTypes").toString().contains("\"MetricAlarm\"");
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.putArray("CompositeAlarms");
        answer.putArray("MetricAlarms")
                .addAll(alarms.values().stream()
                        .filter(a -> metricAlarms
                                && (names.isEmpty()
                                        || names.contains(a.get("AlarmName").asText()))
                                && a.get("AlarmName").asText().startsWith(prefix)
                                && (state == null
                                        || state.equals(a.get("StateValue").asText())))
                        .map(ObjectNode::deepCopy)
                        .toList());
        return answer;
    }

    synchronized ObjectNode setState(JsonNode request) {
        String name = required(request, "AlarmName", "SetAlarmState").asText();
        String value = required(request, "StateValue", "SetAlarmState").asText();
        String reason = required(request, "StateReason", "SetAlarmState").asText();
        if (!STATES.contains(value)) {
            throw CloudWatchError.invalid("StateValue must be one of " + STATES + ", got '" + value + "'");
        }
        ObjectNode alarm = alarms.get(name);
        if (alarm == null) {
            throw new CloudWatchError(
                    404,
                    "ResourceNotFoundException",
                    "Alarm " + name + " not found (the local "
                            + "stack has the template's AWS::CloudWatch::Alarm resources: " + alarms.keySet() + ")");
        }
        console.line(
                "cloudwatch",
                "alarm " + name + ": " + alarm.get("StateValue").asText() + " -> " + value + " (" + reason + ")");
        state(alarm, value, reason);
        return JsonNodeFactory.instance.objectNode();
    }
}
