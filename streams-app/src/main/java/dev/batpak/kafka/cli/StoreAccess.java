package dev.batpak.kafka.cli;

import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Opens an {@link EventStore} for a command: the lanes are read from the proposals topic, so a
 * command needs only the bootstrap address and the store name.
 */
final class StoreAccess {

    private StoreAccess() {
    }

    /** Opens the store {@code store} on the cluster {@code kafka} points at. */
    static EventStore open(KafkaOptions kafka, String store) throws Exception {
        Map<String, Object> client = kafka.clientConfig("batpak-cli");
        int lanes = lanes(client, store, kafka.timeout());
        client.remove("bootstrap.servers");
        client.remove("client.id");
        return EventStore.open(StoreConfig.builder(kafka.bootstrap(), store).lanes(lanes).kafkaProperties(client)
                .openTimeout(kafka.timeout()).build());
    }

    /** The number of lanes of {@code store}: the partition count of its proposals topic. */
    static int lanes(Map<String, Object> client, String store, Duration timeout) throws Exception {
        String proposals = StoreTopics.of(store).proposals();
        try (Admin admin = Admin.create(client)) {
            Map<String, TopicDescription> described = admin.describeTopics(List.of(proposals)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return described.get(proposals).partitions().size();
        } catch (ExecutionException e) {
            throw new CommandFailedException("STORE_TOPICS_INVALID", "store '" + store + "' has no topic " + proposals
                    + ": run `batpak topics create --bootstrap <servers> --store " + store + "` first", e.getCause());
        }
    }
}
