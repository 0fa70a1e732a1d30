package dev.lambdarouter.rollout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The state of named CloudWatch alarms (metric and composite) through {@code DescribeAlarms}; an alarm that does not
 * exist is absent from the answer. No call when no alarm is named.
 */
final class AlarmStates {

    /** DescribeAlarms takes at most 100 names per call. */
    private static final int NAMES_PER_CALL = 100;

    private final CloudWatchClient cloudWatch;

    AlarmStates(CloudWatchClient cloudWatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    /** Name to state ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}) of those of {@code names} that exist. */
    Map<String, String> of(List<String> names) {
        Map<String, String> states = new HashMap<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + NAMES_PER_CALL));
            String nextToken = null;
            do {
                DescribeAlarmsResponse response = cloudWatch.describeAlarms(DescribeAlarmsRequest.builder()
                        .alarmNames(batch)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                        .nextToken(nextToken)
                        .build());
                for (MetricAlarm alarm : response.metricAlarms()) {
                    states.put(alarm.alarmName(), alarm.stateValueAsString());
                }
                for (CompositeAlarm alarm : response.compositeAlarms()) {
                    states.put(alarm.alarmName(), alarm.stateValueAsString());
                }
                nextToken = response.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
        }
        return states;
    }
}
