package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.store.StoreTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/** Creates the store's three topics and shows their shape as the broker reports it. */
public final class CreateTopicsStep implements DemoStep {

    @Override
    public String title() {
        return "Create the store's topics";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        StoreTopics topics = context.topics();
        topics.create(context.admin(), context.lanes(), context.replicationFactor(), context.timeout());
        topics.verify(context.admin(), context.lanes(), context.timeout());
        long timeoutMillis = context.timeout().toMillis();
        Map<String, TopicDescription> described = context.admin().describeTopics(topics.names())
                .allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = topics.names().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = context.admin().describeConfigs(resources).all()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        int width = topics.names().stream().mapToInt(String::length).max().orElse(0);
        for (ConfigResource resource : resources) {
            String name = resource.name();
            Config config = configs.get(resource);
            int partitions = described.get(name).partitions().size();
            String retention = config.get("retention.ms").value();
            context.say(String.format("%-" + width + "s  %d %s  cleanup.policy=%s%s", name, partitions,
                    partitions == 1 ? "partition " : "partitions", config.get("cleanup.policy").value(),
                    "-1".equals(retention) ? "  retention=forever" : ""));
        }
        context.say("a lane is a partition: an entity's events stay in order on its lane");
        context.report("topics", topics.names().size());
    }
}
