package dev.lambdarouter.localstack.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.SamTemplate.ScheduleSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions' {@code Schedule} events, as EventBridge rules: every {@code rate(N minutes|hours|days)} (or every
 * {@code every}, which replaces all rates, {@code cron(...)} ones included) an event invocation of the function with
 * EventBridge's scheduled-event JSON (or the event's {@code Input}), the first one a period after start, each with a
 * {@code [schedule]} console line. A failed invocation is retried and logged like any event invocation, and never
 * stops the stack. Without {@code every}, a {@code cron(...)} schedule is not emulated: it is skipped, with a warning.
 */
public final class ScheduledEvents implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*([1-9]\\d*)\\s+(minute|hour|day)s?\\s*\\)");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedule");
        t.setDaemon(true);
        return t;
    });
    private final List<String> described = new ArrayList<>();

    /** Starts the schedules; {@code every} is {@code null} for the template's rates. */
    public ScheduledEvents(
            List<ScheduleSpec> schedules, Duration every, LambdaFunctions functions, ConsoleLog console) {
        for (ScheduleSpec schedule : schedules) {
            String name = schedule.function() + "." + schedule.event();
            Matcher rate = RATE.matcher(schedule.expression().trim());
            Duration period = every != null
                    ? every
                    : rate.matches()
                            ? ChronoUnit.valueOf(rate.group(2).toUpperCase(Locale.ROOT) + "S")
                                    .getDuration()
                                    .multipliedBy(Long.parseLong(rate.group(1)))
                            : null;
            if (period == null) {
                String warning = name + " " + schedule.expression() + " is not emulated (only rate(N minutes|hours|"
                        + "days)): it never fires locally, unless --schedule-every gives it a rate";
                console.line("schedule", "warning: " + warning);
                described.add(warning);
                continue;
            }
            FunctionTarget target = functions.resolve(schedule.function(), null).orElseThrow();
            String rule = functions.account().arn("events", "rule/" + schedule.function() + schedule.event());
            described.add(name + " " + schedule.expression() + ": every "
                    + period.toString().substring(2).toLowerCase(Locale.ROOT));
            var unused = timer.scheduleAtFixedRate(
                    () -> {
                        try {
                            String id = functions.invokeAsync(target, event(schedule, rule, functions));
                            console.line(
                                    "schedule", name + " -> " + target.spec().functionName() + " (event " + id + ")");
                        } catch (RuntimeException e) {
                            console.line(
                                    "schedule",
                                    name + ": cannot invoke " + target.spec().functionName() + ": " + e);
                        }
                    },
                    period.toMillis(),
                    period.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private static byte[] event(ScheduleSpec schedule, String rule, LambdaFunctions functions) {
        if (schedule.input() != null) {
            return schedule.input().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode event = JsonNodeFactory.instance
                .objectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", functions.account().accountId())
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", functions.account().region());
        event.putArray("resources").add(rule);
        event.putObject("detail");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line per schedule: when it fires, or why it does not. */
    public List<String> describe() {
        return List.copyOf(described);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
