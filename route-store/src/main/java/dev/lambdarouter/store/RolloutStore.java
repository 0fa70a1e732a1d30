package dev.lambdarouter.store;

import dev.lambdarouter.engine.ConfigLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The rollout documents in Parameter Store, one String parameter per route at {@code {prefix}/rollouts/<route>}
 * ({@link ConfigLayout#rolloutParameter}), standard tier. Writes are revision-checked: a writer passes the revision it
 * read, the store re-reads the document right before the put and writes only if it is still that revision. Parameter
 * Store has no conditional put, so this narrows the race to the moment between that read and the put. Does not close
 * the client.
 */
public final class RolloutStore {
    private final SsmClient client;
    private final ConfigLayout layout;

    public RolloutStore(SsmClient client, ConfigLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    public ConfigLayout layout() {
        return layout;
    }

    /** The route's rollout document, malformed or not; empty when there is none. */
    public Optional<StoredRollout> read(String route) {
        String parameter = layout.rolloutParameter(route);
        try {
            String value =
                    client.getParameter(r -> r.name(parameter)).parameter().value();
            return Optional.of(stored(route, parameter, value));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every rollout document under {@code {prefix}/rollouts}, in name order; malformed ones carry their problem. */
    public List<StoredRollout> readAll() {
        List<StoredRollout> rollouts = new ArrayList<>();
        GetParametersByPathRequest request = GetParametersByPathRequest.builder()
                .path(layout.rolloutsPath())
                .recursive(true)
                .maxResults(10)
                .build();
        String prefix = layout.rolloutsPath() + "/";
        for (GetParametersByPathResponse page : client.getParametersByPathPaginator(request)) {
            for (Parameter parameter : page.parameters()) {
                String route = parameter.name().startsWith(prefix)
                        ? parameter.name().substring(prefix.length())
                        : parameter.name();
                rollouts.add(stored(route, parameter.name(), parameter.value()));
            }
        }
        rollouts.sort((a, b) -> a.parameter().compareTo(b.parameter()));
        return rollouts;
    }

    private static StoredRollout stored(String route, String parameter, String value) {
        RolloutDocument document;
        try {
            document = RolloutDocuments.parse(value);
        } catch (RolloutDocumentException e) {
            return StoredRollout.malformed(route, parameter, String.join("; ", e.problems()));
        }
        if (!document.route().equals(route)) {
            return StoredRollout.malformed(
                    route, parameter, "field 'route': '" + document.route() + "' does not match the parameter name");
        }
        return StoredRollout.valid(route, parameter, document);
    }

    /**
     * Writes {@code next} as revision {@code expectedRevision + 1}, if the stored document still has revision {@code
     * expectedRevision} (0: there must be no document yet). The document is re-read right before the put. When the
     * document would not fit a standard parameter, the oldest history entries are dropped until it does.
     *
     * @return {@link WriteOutcome.Written} with the document as stored, or {@link WriteOutcome.Stale} with the
     *     revision found (nothing written)
     * @throws RolloutDocumentException when {@code next} is not valid, or the stored document is malformed (fix or
     *     delete it)
     */
    public WriteOutcome write(RolloutDocument next, long expectedRevision) {
        RolloutDocument stamped = next.withRevision(expectedRevision + 1);
        String value = fitting(stamped);
        Optional<StoredRollout> current = read(next.route());
        long currentRevision =
                current.map(stored -> stored.require().revision()).orElse(0L);
        if (currentRevision != expectedRevision) {
            return new WriteOutcome.Stale(currentRevision);
        }
        client.putParameter(r -> r.name(layout.rolloutParameter(next.route()))
                .value(value)
                .type(ParameterType.STRING)
                .overwrite(true)
                .tier(ParameterTier.STANDARD.sdkTier()));
        return new WriteOutcome.Written(RolloutDocuments.parse(value));
    }

    private static String fitting(RolloutDocument document) {
        RolloutDocument fitted = document;
        String value = RolloutDocuments.write(fitted);
        while (TableCheck.characters(value) > ParameterTier.STANDARD.maxCharacters()
                && !fitted.history().isEmpty()) {
            fitted = fitted.withHistory(
                    fitted.history().subList(1, fitted.history().size()));
            value = RolloutDocuments.write(fitted);
        }
        if (TableCheck.characters(value) > ParameterTier.STANDARD.maxCharacters()) {
            throw new RolloutDocumentException(List.of("the document of route '" + document.route() + "' has "
                    + TableCheck.characters(value) + " characters even without history; a standard parameter holds "
                    + ParameterTier.STANDARD.maxCharacters() + " (fewer alarms or steps?)"));
        }
        return value;
    }
}
