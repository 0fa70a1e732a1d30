package dev.lambdarouter.router.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.config.RoutingTableListener;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs (and counts) what happens to the routing configuration. */
public final class ConfigEventLog implements RoutingTableListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdarouter.router.config");

    private final RouterMetrics metrics;

    public ConfigEventLog(RouterMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void tableLoaded(RoutingTable table, long loadMillis) {
        LOG.info(
                "routing table loaded",
                entry("config_version", table.version()),
                entry("routes", table.size()),
                entry("load_ms", loadMillis));
    }

    @Override
    public void tableRejected(String version, List<String> problems, RoutingTable stillInForce) {
        LOG.error(
                "routing configuration rejected; the last known good table stays in force",
                entry("rejected_version", version),
                entry("problems", problems),
                entry("version_in_force", stillInForce == null ? null : stillInForce.version()));
        metrics.configEvent(MetricNames.CONFIG_REJECTED);
    }

    @Override
    public void sourceUnavailable(String message, RoutingTable stillInForce) {
        LOG.warn(
                "routing configuration store unavailable; keeping the table in force",
                entry("reason", message),
                entry("version_in_force", stillInForce == null ? null : stillInForce.version()));
        metrics.configEvent(MetricNames.CONFIG_SOURCE_UNAVAILABLE);
    }

    @Override
    public void staleTableServed(RoutingTable stale, long waitedMillis) {
        LOG.warn(
                "routing table not re-checked in time after a restore; serving the table in force while the check goes"
                        + " on",
                entry("version_in_force", stale.version()),
                entry("waited_ms", waitedMillis));
        metrics.configEvent(MetricNames.STALE_TABLE_SERVED);
    }

    @Override
    public void versionParameterMissing(String source) {
        LOG.warn(
                "no version parameter: every check re-lists all routes; publish one to cut Parameter Store calls",
                entry("source", source));
    }
}
