package dev.batpak.kafka.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Store-name validation and topic naming, without a broker. */
class StoreTopicsNameTest {

    @Test
    void topicNamesAreTheStoreNamespace() {
        StoreTopics topics = StoreTopics.of("orders");
        assertEquals("orders.proposals", topics.proposals());
        assertEquals("orders.journal", topics.journal());
        assertEquals("orders.frontier", topics.frontier());
        assertEquals(List.of("orders.proposals", "orders.journal", "orders.frontier"), topics.names());
    }

    @Test
    void longestNameFitsKafkasTopicLimit() {
        String longest = "s".repeat(StoreTopics.MAX_STORE_NAME_LENGTH);
        assertEquals(249, StoreTopics.of(longest).proposals().length());
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> StoreTopics.of(longest + "s"));
        assertTrue(e.getMessage().contains("at most 239"), e.getMessage());
    }

    @Test
    void badNamesAreRefusedWithTheReason() {
        assertTrue(assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName(""))
                .getMessage().contains("empty"));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName(null));
        assertEquals("the store name 'a b' has the character U+0020 at index 1; a store name may contain only"
                + " [a-zA-Z0-9._-]", assertThrows(StoreConfigException.class,
                        () -> StoreTopics.validateStoreName("a b")).getMessage());
        assertTrue(assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName("a/b"))
                .getMessage().contains("'/' at index 1"));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName("."));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName(".."));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateStoreName("caf\u00e9"));
    }

    @Property
    void everyNameOfLegalCharactersIsAccepted(@ForAll @StringLength(min = 1, max = 239)
            @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z') @CharRange(from = '0', to = '9')
            @Chars({'.', '_', '-'}) String store) {
        if (store.equals(".") || store.equals("..")) {
            return;
        }
        StoreTopics.validateStoreName(store);
        assertTrue(StoreTopics.of(store).proposals().length() <= 249);
    }

    @Test
    void lanesMustBeInRange() {
        StoreTopics.validateLanes(1);
        StoreTopics.validateLanes(StoreTopics.MAX_LANES);
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateLanes(0));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateLanes(-3));
        assertThrows(StoreConfigException.class, () -> StoreTopics.validateLanes(StoreTopics.MAX_LANES + 1));
    }
}
