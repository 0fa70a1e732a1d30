package dev.lambdarouter.store;

import java.util.Optional;

/**
 * A rollout document as found in Parameter Store: the document, or why it could not be read (a malformed document is
 * reported, so one bad parameter does not hide the others).
 *
 * @param route     the route, from the parameter's name
 * @param parameter the parameter's full name ({@code {prefix}/rollouts/<route>})
 * @param document  the valid document, or empty
 * @param problem   why the value is not a valid document, or empty
 */
public record StoredRollout(
        String route, String parameter, Optional<RolloutDocument> document, Optional<String> problem) {

    static StoredRollout valid(String route, String parameter, RolloutDocument document) {
        return new StoredRollout(route, parameter, Optional.of(document), Optional.empty());
    }

    static StoredRollout malformed(String route, String parameter, String problem) {
        return new StoredRollout(route, parameter, Optional.empty(), Optional.of(problem));
    }

    /**
     * The document.
     *
     * @throws RolloutDocumentException naming the parameter and the problem when it is malformed
     */
    public RolloutDocument require() {
        return document.orElseThrow(
                () -> new RolloutDocumentException(java.util.List.of(parameter + ": " + problem.orElse("unreadable"))));
    }
}
