package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.WriteOutcome;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * A change of a rollout document by the CLI: read it, decide, write it with the revision read. When another writer
 * (the controller) was first, the document is read again and the change decided again, once; then it gives up with
 * exit code {@value RoutesCli#CONFLICT}.
 */
final class RolloutUpdate {
    /** What to do with the document as read. */
    sealed interface Decision permits Stop, Write {}

    /** Nothing (more) to write; {@code message} goes to stdout when the code is OK, else to stderr. */
    record Stop(int exitCode, String message) implements Decision {}

    /** Write {@code next}; then print {@code done} with the revision written. */
    record Write(RolloutDocument next, String done) implements Decision {}

    private RolloutUpdate() {}

    static int run(
            RolloutSession session,
            String route,
            PrintWriter out,
            PrintWriter err,
            Function<RolloutDocument, Decision> decide) {
        for (int attempt = 1; ; attempt++) {
            RolloutDocument current = session.require(route);
            Decision decision = decide.apply(current);
            if (decision instanceof Stop stop) {
                (stop.exitCode() == RoutesCli.OK ? out : err).println(stop.message());
                return stop.exitCode();
            }
            Write write = (Write) decision;
            WriteOutcome outcome = session.rollouts().write(write.next(), current.revision());
            if (outcome instanceof WriteOutcome.Written written) {
                out.println(write.done() + " (" + session.layout().rolloutParameter(route) + ", revision "
                        + written.document().revision() + ")");
                return RoutesCli.OK;
            }
            long found = ((WriteOutcome.Stale) outcome).currentRevision();
            if (attempt == 2) {
                err.println("conflict: the rollout document " + session.layout().rolloutParameter(route)
                        + " changed again (now revision " + found + ") while this change was prepared; its document"
                        + " was not written. Check 'routes rollout status --route " + route + "' and run the command"
                        + " again.");
                return RoutesCli.CONFLICT;
            }
            out.println("the rollout document moved from revision " + current.revision() + " to " + found
                    + " meanwhile (the controller?); reading it again");
        }
    }
}
