package dev.lambdarouter.rollout;

/** Told what each run did with each rollout (log line, metric, notification). */
@FunctionalInterface
public interface RolloutListener {

    void recorded(RolloutRecord record);

    /** Each of {@code listeners} in turn; one that throws does not keep the others from hearing. */
    static RolloutListener all(RolloutListener... listeners) {
        return record -> {
            RuntimeException first = null;
            for (RolloutListener listener : listeners) {
                try {
                    listener.recorded(record);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
