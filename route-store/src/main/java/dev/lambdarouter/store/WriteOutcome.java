package dev.lambdarouter.store;

/** What {@link RolloutStore#write} did: {@link Written}, or nothing because of a newer revision ({@link Stale}). */
public sealed interface WriteOutcome permits WriteOutcome.Written, WriteOutcome.Stale {

    /** The document as stored, with its new revision. */
    record Written(RolloutDocument document) implements WriteOutcome {}

    /**
     * Nothing written: the stored document's revision is not the one the writer read (another writer was first).
     *
     * @param currentRevision the stored revision; 0 when there is no document
     */
    record Stale(long currentRevision) implements WriteOutcome {}
}
