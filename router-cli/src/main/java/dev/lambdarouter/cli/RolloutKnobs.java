package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the options of {@code routes rollout start}; every bad value is a usage error naming the option. */
final class RolloutKnobs {
    /** Durations: a whole number and a unit. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh])");
    /** Steps a document may hold (it must fit a standard parameter with its history). */
    static final int MAX_STEPS = 20;

    private RolloutKnobs() {}

    /** {@code 5,25,50,100}: strictly increasing percentages 1..100, the last 100. */
    static List<Integer> steps(String value) {
        List<Integer> steps = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                steps.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw CliException.usage(
                        "--steps: '" + part.strip() + "' is not a whole number (expected e.g." + " 5,25,50,100)");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            if (step < 1 || step > 100) {
                throw CliException.usage("--steps: each step is the canary's percentage, 1..100; got " + step);
            }
            if (i > 0 && step <= steps.get(i - 1)) {
                throw CliException.usage("--steps: percentages must strictly increase; got " + value);
            }
        }
        if (steps.get(steps.size() - 1) != 100) {
            throw CliException.usage("--steps: the last step must be 100 (the canary takes all traffic); got " + value);
        }
        if (steps.size() > MAX_STEPS) {
            throw CliException.usage("--steps: at most " + MAX_STEPS + " steps; got " + steps.size());
        }
        return steps;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}: at least {@value RolloutDocuments#MIN_STEP_INTERVAL_SECONDS} s. */
    static Duration duration(String option, String value) {
        Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw CliException.usage(option + ": expected a duration like 30s, 5m or 1h; got '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.toSeconds() < RolloutDocuments.MIN_STEP_INTERVAL_SECONDS) {
            throw CliException.usage(option + ": at least " + RolloutDocuments.MIN_STEP_INTERVAL_SECONDS
                    + "s (the controller runs every minute on AWS); got " + value);
        }
        return duration;
    }

    /** {@code 1%}, {@code 0.5%} or {@code 2}: a percentage 0..100. */
    static double percent(String option, String value) {
        String number = value.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        double percent;
        try {
            percent = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw CliException.usage(option + ": expected a percentage like 1% or 0.5%; got '" + value + "'");
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw CliException.usage(option + ": a percentage must be 0..100; got " + value);
        }
        return percent;
    }

    /** A number above 0. */
    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw CliException.usage(option + ": must be above 0; got " + value);
        }
        return value;
    }

    /** {@code a,b}: CloudWatch alarm names, each once. */
    static List<String> alarms(List<String> values) {
        Set<String> alarms = new LinkedHashSet<>();
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                String alarm = name.strip();
                if (alarm.isEmpty()) {
                    throw CliException.usage("--alarms: an alarm name is empty in '" + value + "'");
                }
                if (alarm.length() > 255) {
                    throw CliException.usage("--alarms: an alarm name has at most 255 characters: " + alarm);
                }
                if (!alarms.add(alarm)) {
                    throw CliException.usage("--alarms: '" + alarm + "' is given twice");
                }
            }
        }
        if (alarms.size() > RolloutDocuments.MAX_ALARMS) {
            throw CliException.usage(
                    "--alarms: at most " + RolloutDocuments.MAX_ALARMS + " alarms; got " + alarms.size());
        }
        return List.copyOf(alarms);
    }

    /** {@code 300} seconds as {@code 5m}, {@code 90} as {@code 90s}, {@code 7200} as {@code 2h}. */
    static String format(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
