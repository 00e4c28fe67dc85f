package dev.batpak.kafka.coordinate;

import dev.batpak.kafka.event.EventKind;
import java.util.Objects;

/**
 * Which event kinds a {@link Region} selects: one exact kind, every kind of one category (the
 * upper 4 bits), or any kind. Reserved kinds may be selected: reading system and effect events
 * is legitimate even though appending them is not.
 */
public sealed interface KindFilter permits KindFilter.Exact, KindFilter.Category, KindFilter.Any {

    /** Every kind. */
    KindFilter ANY = new Any();

    /** True if the filter selects {@code kind}. */
    boolean matches(EventKind kind);

    /** The filter's part of the region identity: {@code exact:c:t}, {@code category:c} or {@code any}. */
    String identity();

    /** Selects exactly {@code kind}. */
    static KindFilter exact(EventKind kind) {
        return new Exact(kind);
    }

    /**
     * Selects every kind of one category.
     *
     * @throws RegionException if {@code category} is outside {@code 0..15}
     */
    static KindFilter category(int category) {
        return new Category(category);
    }

    /** Selects every kind. */
    static KindFilter any() {
        return ANY;
    }

    /**
     * One exact kind.
     *
     * @param kind the kind selected
     */
    record Exact(EventKind kind) implements KindFilter {
        /** Requires a kind. */
        public Exact {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public boolean matches(EventKind candidate) {
            return kind.equals(candidate);
        }

        @Override
        public String identity() {
            return "exact:" + kind;
        }
    }

    /**
     * Every kind whose upper 4 bits equal {@code category}.
     *
     * @param category the category, {@code 0..15}
     */
    record Category(int category) implements KindFilter {
        /** Rejects categories that do not fit 4 bits. */
        public Category {
            if (category < 0 || category > EventKind.MAX_CATEGORY) {
                throw new RegionException(RegionException.Reason.CATEGORY_OUT_OF_RANGE,
                        "category filter " + category + " is out of range; categories are 0..15");
            }
        }

        @Override
        public boolean matches(EventKind candidate) {
            return candidate.category() == category;
        }

        @Override
        public String identity() {
            return "category:" + category;
        }
    }

    /** Every kind. */
    record Any() implements KindFilter {
        @Override
        public boolean matches(EventKind candidate) {
            Objects.requireNonNull(candidate, "kind");
            return true;
        }

        @Override
        public String identity() {
            return "any";
        }
    }
}
