package dev.batpak.kafka.store;

import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Creates uniquely named stores (topics) on a shared broker for one test each. */
final class TestStores {

    private TestStores() {
    }

    /** Creates the topics of a new store with {@code lanes} lanes and returns its config builder. */
    static StoreConfig.Builder create(KafkaTestBroker broker, String prefix, int lanes) {
        String store = StoreNames.unique(prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            StoreTopics.of(store).create(admin, lanes, (short) 1, Duration.ofSeconds(30));
        }
        return StoreConfig.builder(broker.bootstrapServers(), store).lanes(lanes);
    }
}
