package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Picks one target of a route among those with weight > 0.
 *
 * <ul>
 *   <li>Without a sticky key: weighted random, using the caller's {@link RandomGenerator}.</li>
 *   <li>With a sticky key: weighted rendezvous hashing. Each target scores {@code -weight / ln(u)} with
 *       {@code u} in (0, 1) derived from a hash of (key, function); the highest score wins. The same key keeps its
 *       target, each target receives its weight's share of keys, and when weights change only keys that move to a
 *       target that gained weight (or away from one that lost weight) move.</li>
 * </ul>
 */
final class TargetSelector {
    /** Accepts every target: the selection without an availability filter. */
    static final Predicate<String> ALL_AVAILABLE = function -> true;

    private final Target[] eligible;
    private final long[] cumulativeWeights;
    private final long totalWeight;
    private final long[] functionHashes;
    private final Stickiness stickiness;

    TargetSelector(List<Target> targets, Stickiness stickiness) {
        List<Target> positive = new ArrayList<>();
        for (Target target : targets) {
            if (target.weight() > 0) {
                positive.add(target);
            }
        }
        this.eligible = positive.toArray(new Target[0]);
        this.cumulativeWeights = new long[eligible.length];
        this.functionHashes = new long[eligible.length];
        long sum = 0;
        for (int i = 0; i < eligible.length; i++) {
            sum += eligible[i].weight();
            cumulativeWeights[i] = sum;
            functionHashes[i] = StickyHash.hash(eligible[i].function());
        }
        this.totalWeight = sum;
        this.stickiness = stickiness;
    }

    /** {@link #select}'s answer when no target is left. */
    static final int NONE = -1;

    /**
     * The chosen target among those {@code available} accepts, as a <em>choice</em>: {@link #NONE} when none is left
     * (or no target has a positive weight), else a value that {@link #target} and {@link #byStickyKey} read (the
     * index of the target among the positive-weight targets, and whether the request's sticky key decided). An int
     * rather than an object, so that picking allocates nothing. Sticky keys of an unavailable target move to the
     * next-best target by rendezvous score and come back when it recovers.
     */
    int select(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        if (eligible.length == 0) {
            return NONE;
        }
        String key = stickyKey(request);
        if (key != null) {
            int index = rendezvous(key, available);
            return index < 0 ? NONE : index << 1 | 1;
        }
        int index = weightedRandom(random, available);
        return index < 0 ? NONE : index << 1;
    }

    /** How many distinct choices {@link #select} can return, {@link #NONE} aside: choices are {@code 0..choices()-1}. */
    int choices() {
        return eligible.length << 1;
    }

    /** The target of a choice of {@link #select} (not {@link #NONE}). */
    Target target(int choice) {
        return eligible[choice >>> 1];
    }

    /** How the target of a choice of {@link #select} (not {@link #NONE}) was picked. */
    PickMethod pick(int choice) {
        if ((choice & 1) != 0) {
            return stickiness.pick();
        }
        return eligible.length == 1 ? PickMethod.SINGLE : PickMethod.WEIGHTED;
    }

    /** Whether {@link #select} can return {@code choice} (in {@code 0..choices()-1}): sticky ones need stickiness. */
    boolean canChoose(int choice) {
        return (choice & 1) == 0 || (stickiness != null && eligible.length > 1);
    }

    /**
     * The target rendezvous hashing gives {@code key} while every target is available: what {@link #select} returns
     * for a request carrying that sticky key (whether or not the route is sticky). {@code null} when no target has a
     * positive weight.
     */
    Target stickyPick(String key) {
        if (eligible.length <= 1) {
            return eligible.length == 0 ? null : eligible[0];
        }
        return eligible[rendezvous(key, ALL_AVAILABLE)];
    }

    /**
     * Weighted random among the available targets: a draw in {@code [0, usable weight)} lands in the range of one
     * available target, ranges in configuration order. Each target's availability is asked once; a single target is
     * chosen without a draw. Returns the target's index, or -1 when none is available.
     */
    private int weightedRandom(RandomGenerator random, Predicate<String> available) {
        if (eligible.length == 1) {
            return available == ALL_AVAILABLE || available.test(eligible[0].function()) ? 0 : -1;
        }
        if (available == ALL_AVAILABLE) {
            return drawAmongAll(random);
        }
        if (eligible.length > Long.SIZE) {
            return drawAmongAvailable(random, available);
        }
        long availableSet = 0;
        long usableWeight = 0;
        for (int i = 0; i < eligible.length; i++) {
            if (available.test(eligible[i].function())) {
                availableSet |= 1L << i;
                usableWeight += eligible[i].weight();
            }
        }
        if (usableWeight == 0) {
            return -1;
        }
        if (usableWeight == totalWeight) {
            return drawAmongAll(random);
        }
        long point = random.nextLong(usableWeight);
        for (int i = 0; i < eligible.length; i++) {
            if ((availableSet & 1L << i) != 0) {
                if (point < eligible[i].weight()) {
                    return i;
                }
                point -= eligible[i].weight();
            }
        }
        throw new AssertionError("point beyond usable weight");
    }

    /** A draw over every target's range, found by binary search of the cumulative weights. */
    private int drawAmongAll(RandomGenerator random) {
        long point = random.nextLong(totalWeight);
        int index = Arrays.binarySearch(cumulativeWeights, point);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The same draw as {@link #weightedRandom} for more targets than a bit set of a long holds. */
    private int drawAmongAvailable(RandomGenerator random, Predicate<String> available) {
        long usableWeight = 0;
        for (Target target : eligible) {
            if (available.test(target.function())) {
                usableWeight += target.weight();
            }
        }
        if (usableWeight == 0) {
            return -1;
        }
        long point = random.nextLong(usableWeight);
        for (int i = 0; i < eligible.length; i++) {
            if (available.test(eligible[i].function())) {
                if (point < eligible[i].weight()) {
                    return i;
                }
                point -= eligible[i].weight();
            }
        }
        throw new AssertionError("point beyond usable weight");
    }

    /** The available target of highest rendezvous score for {@code key} (the first on a tie), or -1. */
    private int rendezvous(String key, Predicate<String> available) {
        long keyHash = StickyHash.hash(key);
        int best = -1;
        double bestScore = -1;
        for (int i = 0; i < eligible.length; i++) {
            if (available != ALL_AVAILABLE && !available.test(eligible[i].function())) {
                continue;
            }
            double score = rendezvousScore(keyHash, i);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** The request's sticky key when stickiness decides the pick (configured, and a choice to make); else null. */
    private String stickyKey(RoutingRequest request) {
        return stickiness != null && eligible.length > 1 ? stickiness.key(request) : null;
    }

    /** The rendezvous score of eligible target {@code i} for a key: the highest wins. */
    private double rendezvousScore(long keyHash, int i) {
        double u = StickyHash.unitInterval(StickyHash.combine(keyHash, functionHashes[i]));
        return -eligible[i].weight() / Math.log(u);
    }

    /**
     * How {@link #select} picks for {@code request}, in its own terms (see {@link TargetPick}).
     *
     * @param draw the value {@link #select} drew from its random generator for this request, if it drew one
     */
    TargetPick explain(RoutingRequest request, Predicate<String> available, OptionalLong draw) {
        if (eligible.length == 1) {
            return new TargetPick.Single(eligible[0], available.test(eligible[0].function()));
        }
        String key = stickyKey(request);
        if (key != null) {
            long keyHash = StickyHash.hash(key);
            List<TargetPick.Ranked> order = new ArrayList<>(eligible.length);
            for (int i = 0; i < eligible.length; i++) {
                order.add(new TargetPick.Ranked(
                        eligible[i], rendezvousScore(keyHash, i), available.test(eligible[i].function())));
            }
            // Stable: equal scores keep configuration order, as rendezvous() keeps the first best.
            order.sort(Comparator.comparingDouble(TargetPick.Ranked::score).reversed());
            return new TargetPick.Sticky(stickiness.describe(), key, order);
        }
        List<TargetPick.Share> shares = new ArrayList<>(eligible.length);
        long from = 0;
        for (Target target : eligible) {
            boolean usable = available.test(target.function());
            long to = usable ? from + target.weight() : from;
            shares.add(new TargetPick.Share(target, usable, from, to));
            from = to;
        }
        Optional<TargetPick.StickySource> keyless =
                stickiness == null ? Optional.empty() : Optional.of(stickiness.describe());
        return new TargetPick.Weighted(shares, from, from == 0 ? OptionalLong.empty() : draw, keyless);
    }

    @Override
    public String toString() {
        return Arrays.toString(eligible) + (stickiness == null ? "" : " sticky by " + stickiness);
    }
}
