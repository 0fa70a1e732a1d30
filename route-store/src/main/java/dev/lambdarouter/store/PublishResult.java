package dev.lambdarouter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a publish did ({@link TablePublisher}): {@link Published}, {@link DryRun} or {@link Unchanged} (the table in
 * Parameter Store is as asked, or would be), or nothing written because of {@link Rejected} (the routers would refuse
 * the table) or {@link Conflict} (the routes changed while the edit was prepared). {@link #describe()} gives the lines
 * the CLI prints.
 */
public sealed interface PublishResult
        permits PublishResult.Published,
                PublishResult.DryRun,
                PublishResult.Unchanged,
                PublishResult.Rejected,
                PublishResult.Conflict {

    /** What happened, one line each, as the CLI prints it. */
    List<String> describe();

    /** Whether Parameter Store holds (or, for a dry run, would hold) the edit: not rejected, no conflict. */
    default boolean succeeded() {
        return !(this instanceof Rejected || this instanceof Conflict);
    }

    /**
     * One route parameter written (or, in a dry run, to be written).
     *
     * @param created    the parameter did not exist before
     * @param characters the value's length as Parameter Store counts it
     * @param change     what changed, by route name ({@code changed orders; added canary})
     * @param version    Parameter Store's version of the parameter after the write; 0 in a dry run
     */
    record ParameterWrite(
            String name, boolean created, int characters, ParameterTier tier, String change, long version) {
        String details() {
            return name + " (" + characters + " characters, " + tier.label() + " tier): " + change;
        }

        String action() {
            return created ? "create" : "update";
        }
    }

    /**
     * The changed route parameters were written, then the version moved.
     *
     * @param destination     where ({@link RoutingTableStore#destination()})
     * @param allowlist       the allowlist the table was checked with ({@link StackAllowlist#describe()})
     * @param previousVersion {@code {prefix}/version} before, empty when it was absent
     * @param version         its new value
     * @param routes          how many routes the published table holds
     */
    record Published(
            String destination,
            String allowlist,
            List<ParameterWrite> writes,
            String versionParameter,
            Optional<String> previousVersion,
            String version,
            int routes)
            implements PublishResult {
        public Published {
            writes = List.copyOf(writes);
        }

        @Override
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add("writing to " + destination + "; " + allowlist);
            for (ParameterWrite write : writes) {
                lines.add(write.action() + "d " + write.details() + "; parameter version " + write.version());
            }
            lines.add("set " + versionParameter + ": " + previousVersion.orElse("absent") + " -> " + version);
            lines.add("published " + writes.size() + " parameter(s); table of " + routes
                    + " route(s); routers follow within their TTL plus jitter");
            return lines;
        }
    }

    /** A dry run of a valid edit: what would be written; nothing was. */
    record DryRun(
            String destination,
            String allowlist,
            List<ParameterWrite> writes,
            String versionParameter,
            Optional<String> currentVersion,
            int routes)
            implements PublishResult {
        public DryRun {
            writes = List.copyOf(writes);
        }

        @Override
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add("would write to " + destination + "; " + allowlist);
            for (ParameterWrite write : writes) {
                lines.add("would " + write.action() + " " + write.details());
            }
            lines.add(
                    "would set " + versionParameter + " to a new value (now " + currentVersion.orElse("absent") + ")");
            lines.add("dry run: nothing written; the table with " + routes + " route(s) is valid");
            return lines;
        }
    }

    /** Parameter Store already holds the edit: nothing written, the version not moved. */
    record Unchanged(String message) implements PublishResult {
        @Override
        public List<String> describe() {
            return List.of(message);
        }
    }

    /**
     * The routers would refuse the table after the edit (or a value is too large for its tier): nothing written.
     *
     * @param allowlist the allowlist the table was checked with ({@link StackAllowlist#describe()})
     */
    record Rejected(List<String> problems, String allowlist) implements PublishResult {
        public Rejected {
            problems = List.copyOf(problems);
        }

        @Override
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add("rejected, nothing written: " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"));
            problems.forEach(problem -> lines.add("  - " + problem));
            lines.add("(checked as the routers check it, with " + allowlist + ")");
            return lines;
        }
    }

    /** The route parameters changed between reading them and writing (another publish?): nothing written. */
    record Conflict(String message) implements PublishResult {
        @Override
        public List<String> describe() {
            return List.of(message);
        }
    }
}
