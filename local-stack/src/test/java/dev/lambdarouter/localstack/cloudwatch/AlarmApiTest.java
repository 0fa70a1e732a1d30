package dev.lambdarouter.localstack.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** {@code DescribeAlarms} and {@code SetAlarmState} through the real SDK v2 CloudWatch client. */
class AlarmApiTest {

    @RegisterExtension
    final RunningCloudWatch cloudWatch = new RunningCloudWatch();

    private MetricAlarm describe(String name) {
        List<MetricAlarm> alarms =
                cloudWatch.client().describeAlarms(b -> b.alarmNames(name)).metricAlarms();
        assertEquals(1, alarms.size(), alarms.toString());
        return alarms.get(0);
    }

    @Test
    void theTemplatesAlarmsAreDescribedWithoutDataUntilSet() {
        List<MetricAlarm> all = cloudWatch.client().describeAlarms().metricAlarms();
        assertEquals(2, all.size());
        MetricAlarm canary = describe("orders-canary-errors");
        assertEquals(StateValue.INSUFFICIENT_DATA, canary.stateValue());
        assertEquals("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-canary-errors", canary.alarmArn());
        assertEquals(5.0, canary.threshold(), "a !Ref threshold is a number");
        assertEquals(2, canary.evaluationPeriods());
        assertEquals("Status5xx", canary.metricName());
        assertTrue(canary.stateUpdatedTimestamp() != null);

        cloudWatch
                .client()
                .setAlarmState(b -> b.alarmName("orders-canary-errors")
                        .stateValue(StateValue.ALARM)
                        .stateReason("rehearsing a rollback"));
        MetricAlarm set = describe("orders-canary-errors");
        assertEquals(StateValue.ALARM, set.stateValue());
        assertEquals("rehearsing a rollback", set.stateReason());
        assertEquals(StateValue.INSUFFICIENT_DATA, describe("router-5xx").stateValue(), "the other is unchanged");
        assertEquals(
                List.of("orders-canary-errors"),
                cloudWatch.client().describeAlarms(b -> b.stateValue(StateValue.ALARM)).metricAlarms().stream()
                        .map(MetricAlarm::alarmName)
                        .toList());
        assertTrue(
                cloudWatch
                        .console()
                        .contains("[cloudwatch] alarm orders-canary-errors: INSUFFICIENT_DATA -> "
                                + "ALARM (rehearsing a rollback)"),
                cloudWatch.console().toString());
    }

    @Test
    void anUnknownAlarmIsNotFoundAndNamesTheKnownOnes() {
        assertEquals(
                List.of(),
                cloudWatch.client().describeAlarms(b -> b.alarmNames("nope")).metricAlarms());
        ResourceNotFoundException e = assertThrows(
                ResourceNotFoundException.class,
                () -> cloudWatch
                        .client()
                        .setAlarmState(b ->
                                b.alarmName("nope").stateValue(StateValue.OK).stateReason("x")));
        assertTrue(e.getMessage().contains("Alarm nope not found"), e.getMessage());
        assertTrue(e.getMessage().contains("router-5xx"), e.getMessage());
    }
}
