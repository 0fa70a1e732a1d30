package dev.lambdarouter.rollout;

/** What became of a rollout in one run. */
public enum RolloutOutcome {
    /** The decision was written to the document (and its weights published, if it had any). */
    APPLIED,
    /** Another writer moved the document on since this run read it: nothing written, nothing published. */
    STALE,
    /** The document was written but publishing the weights failed: the rollout is now paused with the reason. */
    PUBLISH_FAILED,
    /** Not running (paused): nothing to decide. */
    SKIPPED,
    /** Could not decide (a malformed document, or Parameter Store or CloudWatch failed): nothing written. */
    FAILED
}
