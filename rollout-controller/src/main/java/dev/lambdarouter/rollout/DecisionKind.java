package dev.lambdarouter.rollout;

/** What the controller does with a running rollout in one run. */
public enum DecisionKind {
    /** Next step: the document moves on, then the next step's weights are published. */
    ADVANCE,
    /** Nothing changes but the document's last observation. */
    HOLD,
    /** The last step was healthy for a whole interval: the rollout is done, the weights stay. */
    COMPLETE,
    /** The canary is unhealthy: the baseline's weights are published (canary 0), the rollout is over. */
    ROLLBACK,
    /** Someone else's move (a hand edit, a missing alarm): the controller stops touching the route and says why. */
    PAUSE,
    /**
     * The live weights are still the previous step's although the document has moved on (a run stopped between
     * writing the document and publishing): the current step's weights are published again.
     */
    REPUBLISH
}
