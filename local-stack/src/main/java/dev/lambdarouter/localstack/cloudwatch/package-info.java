/**
 * CloudWatch on loopback: the metric store the functions' embedded-metric-format lines and {@code PutMetricData}
 * fill, {@code GetMetricData} over it, and the template's alarms ({@code DescribeAlarms}, {@code SetAlarmState}),
 * over the Smithy RPC v2 CBOR protocol of the SDK's CloudWatch client.
 */
package dev.lambdarouter.localstack.cloudwatch;
