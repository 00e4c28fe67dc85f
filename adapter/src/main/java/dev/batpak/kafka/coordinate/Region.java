package dev.batpak.kafka.coordinate;

import dev.batpak.kafka.event.EventKind;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A query predicate over events: which coordinates, kinds, stream clocks and lanes a read,
 * cursor or subscription selects. Every part is optional; an absent part is a wildcard.
 *
 * <ul>
 *   <li>{@code entityPrefix} is a <em>namespace</em> prefix: entity {@code e} matches prefix
 *       {@code p} iff {@code e.equals(p)} or {@code e.startsWith(p + ":")}. So {@code alice}
 *       selects {@code alice} and {@code alice:orders:7} but not {@code alice2} or
 *       {@code alice-prod}: a plain string prefix would leak one tenant's events into another's
 *       query.</li>
 *   <li>{@code scope} matches exactly.</li>
 *   <li>{@code fact} is a {@link KindFilter}.</li>
 *   <li>{@code clockRange} is an inclusive {@link ClockRange} over the per-(entity, lane)
 *       clock.</li>
 *   <li>{@code lane} matches exactly.</li>
 * </ul>
 *
 * <p>The entity prefix and scope must themselves be valid coordinate components (see
 * {@link Coordinate}) and not the literal {@code *}: anything else could never match, or would
 * make {@link #identity()} ambiguous. The identity binds cursor checkpoints to the region they
 * were taken on, so two different regions must never share one.
 *
 * @param entityPrefix the namespace prefix, or empty for every entity
 * @param scope the exact scope, or empty for every scope
 * @param fact the kind filter
 * @param clockRange the stream clock range, or empty for every clock
 * @param lane the lane, or empty for every lane
 */
public record Region(Optional<String> entityPrefix, Optional<String> scope, KindFilter fact,
        Optional<ClockRange> clockRange, OptionalInt lane) {

    private static final Region ALL = new Region(Optional.empty(), Optional.empty(),
            KindFilter.ANY, Optional.empty(), OptionalInt.empty());

    /** Validates every present part. */
    public Region {
        Objects.requireNonNull(entityPrefix, "entityPrefix");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(clockRange, "clockRange");
        Objects.requireNonNull(lane, "lane");
        entityPrefix.ifPresent(p -> checkComponent(Coordinate.ENTITY, p,
                RegionException.Reason.INVALID_ENTITY_PREFIX));
        scope.ifPresent(s -> checkComponent(Coordinate.SCOPE, s, RegionException.Reason.INVALID_SCOPE));
        if (lane.isPresent() && lane.getAsInt() < 0) {
            throw new RegionException(RegionException.Reason.NEGATIVE_LANE,
                    "region lane " + lane.getAsInt() + " is negative; lanes are numbered from 0");
        }
    }

    /** Every event. */
    public static Region all() {
        return ALL;
    }

    /**
     * Events whose entity is {@code prefix} or inside its namespace ({@code prefix:...}).
     *
     * @throws RegionException if the prefix is not a valid coordinate entity or is {@code *}
     */
    public static Region entity(String prefix) {
        return ALL.withEntityPrefix(prefix);
    }

    /**
     * Events in exactly this scope.
     *
     * @throws RegionException if the scope is not a valid coordinate scope or is {@code *}
     */
    public static Region scope(String scope) {
        return ALL.withScope(scope);
    }

    /** This region with the entity prefix replaced. */
    public Region withEntityPrefix(String prefix) {
        return new Region(Optional.of(requireText(prefix, "prefix")), scope, fact, clockRange, lane);
    }

    /** This region with the scope replaced. */
    public Region withScope(String newScope) {
        return new Region(entityPrefix, Optional.of(requireText(newScope, "scope")), fact, clockRange,
                lane);
    }

    /** This region with the kind filter replaced. */
    public Region withFact(KindFilter newFact) {
        return new Region(entityPrefix, scope, newFact, clockRange, lane);
    }

    /** This region selecting exactly {@code kind}. */
    public Region withKind(EventKind kind) {
        return withFact(KindFilter.exact(kind));
    }

    /**
     * This region selecting every kind of {@code category}.
     *
     * @throws RegionException if {@code category} is outside {@code 0..15}
     */
    public Region withCategory(int category) {
        return withFact(KindFilter.category(category));
    }

    /**
     * This region restricted to stream clocks {@code start..end} inclusive.
     *
     * @throws RegionException if {@code start > end} or a bound is negative
     */
    public Region withClockRange(long start, long end) {
        return new Region(entityPrefix, scope, fact, Optional.of(ClockRange.of(start, end)), lane);
    }

    /**
     * This region restricted to one lane.
     *
     * @throws RegionException if {@code lane} is negative
     */
    public Region withLane(int newLane) {
        return new Region(entityPrefix, scope, fact, clockRange, OptionalInt.of(newLane));
    }

    /** True if {@code entity} is the prefix or inside its namespace (or no prefix is set). */
    public boolean matchesEntity(String entity) {
        Objects.requireNonNull(entity, "entity");
        return entityPrefix.map(p -> entity.equals(p)
                || (entity.length() > p.length() && entity.startsWith(p) && entity.charAt(p.length()) == ':'))
                .orElse(true);
    }

    /**
     * True if an event at {@code coordinate} of {@code kind}, with per-stream {@code clock} on
     * {@code lane}, is selected by every present part of this region.
     */
    public boolean matches(Coordinate coordinate, EventKind kind, long clock, int lane) {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        return matchesEntity(coordinate.entity())
                && scope.map(s -> s.equals(coordinate.scope())).orElse(true)
                && fact.matches(kind)
                && clockRange.map(r -> r.contains(clock)).orElse(true)
                && (this.lane.isEmpty() || this.lane.getAsInt() == lane);
    }

    /**
     * The canonical text of this region,
     * {@code entity=<p|*>|scope=<s|*>|fact=<exact:c:t|category:c|any>|clock=<a-b|*>[|lane=n]}.
     * Cursor checkpoints store it so a checkpoint is never resumed on a different region; it is
     * unambiguous because prefixes and scopes cannot contain {@code |} or {@code =} or be
     * {@code *}.
     */
    public String identity() {
        StringBuilder sb = new StringBuilder(64)
                .append("entity=").append(entityPrefix.orElse("*"))
                .append("|scope=").append(scope.orElse("*"))
                .append("|fact=").append(fact.identity())
                .append("|clock=").append(clockRange.map(ClockRange::toString).orElse("*"));
        lane.ifPresent(n -> sb.append("|lane=").append(n));
        return sb.toString();
    }

    /** The identity, for people. */
    @Override
    public String toString() {
        return "Region[" + identity() + "]";
    }

    private static String requireText(String value, String what) {
        return Objects.requireNonNull(value, what);
    }

    private static void checkComponent(String component, String value, RegionException.Reason reason) {
        if ("*".equals(value)) {
            throw new RegionException(RegionException.Reason.WILDCARD_LITERAL,
                    "region " + component + " '*' is ambiguous: the region identity writes '*' for"
                            + " 'any " + component + "'. Leave the " + component
                            + " unset to select all");
        }
        try {
            Coordinate.validateComponent(component, value);
        } catch (CoordinateException e) {
            throw new RegionException(reason, "region " + component + " is invalid: "
                    + e.getMessage(), e);
        }
    }
}
