package dev.lambdarouter.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a route's target picker chose for one request (see {@link RoutingExplanation}), in the terms it used: exactly
 * one of
 *
 * <ul>
 *   <li>{@link Single}: one target has a positive weight, so it is the only choice;</li>
 *   <li>{@link Weighted}: weighted random, a draw in {@code [0, total)} of the available targets' weights;</li>
 *   <li>{@link Sticky}: weighted rendezvous hashing of the request's sticky key; the first available target in
 *       {@link Sticky#order() score order} wins.</li>
 * </ul>
 *
 * {@link #chosen()} is empty when no target was available (every circuit open): the route's fallback serves, if it
 * has one. Targets with weight 0 are never chosen and do not appear here.
 */
public sealed interface TargetPick {

    /** The target picked, derived from this pick's own terms; empty when none was available. */
    Optional<Target> chosen();

    /** The only target with a positive weight; chosen unless its circuit is open. */
    record Single(Target target, boolean available) implements TargetPick {
        public Single {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public Optional<Target> chosen() {
            return available ? Optional.of(target) : Optional.empty();
        }
    }

    /**
     * Weighted random: the available targets, in configuration order, own consecutive ranges of {@code [0, total)}
     * as wide as their weights; the draw falls in the chosen one's range.
     *
     * @param shares       every target with a positive weight, in configuration order (an unavailable one has an
     *                     empty range)
     * @param total        the available targets' weight: the draw's bound
     * @param draw         the value drawn, empty when nothing was available
     * @param stickyKeyless the route's sticky key source when it has one the request did not carry (so it fell back
     *                     to weighted random), else empty
     */
    record Weighted(List<Share> shares, long total, OptionalLong draw, Optional<StickySource> stickyKeyless)
            implements TargetPick {
        public Weighted {
            shares = List.copyOf(shares);
        }

        @Override
        public Optional<Target> chosen() {
            if (draw.isEmpty()) {
                return Optional.empty();
            }
            long point = draw.getAsLong();
            return shares.stream()
                    .filter(share -> share.from() <= point && point < share.to())
                    .map(Share::target)
                    .findFirst();
        }
    }

    /**
     * Sticky: each target scores {@code -weight / ln(u)}, {@code u} derived from a hash of (key, function); the
     * highest available score wins, so a key keeps its target while the weights stay.
     *
     * @param source where the key came from
     * @param key    the request's sticky key
     * @param order  every target with a positive weight, highest score first (the rendezvous order)
     */
    record Sticky(StickySource source, String key, List<Ranked> order) implements TargetPick {
        public Sticky {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(key, "key");
            order = List.copyOf(order);
        }

        @Override
        public Optional<Target> chosen() {
            return order.stream().filter(Ranked::available).map(Ranked::target).findFirst();
        }
    }

    /**
     * A target's range of a weighted draw: {@code [from, to)}, empty when it is unavailable.
     *
     * @param available whether the target could be chosen (its circuit is not open)
     */
    record Share(Target target, boolean available, long from, long to) {
        /** The share of draws that land on this target, in percent of {@code total}. */
        public double percent(long total) {
            return total == 0 ? 0 : 100.0 * (to - from) / total;
        }
    }

    /** A target in rendezvous order with its score for the key. */
    record Ranked(Target target, double score, boolean available) {}

    /**
     * Where a route's sticky key comes from.
     *
     * @param kind {@code header}, {@code cookie} or {@code sourceIp} (the configuration's {@code stickiness.type})
     * @param name the header or cookie name; {@code null} for {@code sourceIp}
     */
    record StickySource(String kind, String name) {
        @Override
        public String toString() {
            return name == null ? kind : kind + " " + name;
        }
    }
}
