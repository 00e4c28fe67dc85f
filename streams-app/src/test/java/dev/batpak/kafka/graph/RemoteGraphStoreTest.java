package dev.batpak.kafka.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Another instance's stores read over HTTP give the same answers as reading them directly. */
class RemoteGraphStoreTest {

    @Test
    void queriesOverRemoteStoresMatchLocalOnesAcrossPages() {
        GraphFixture f = new GraphFixture(2);
        f.add("root", "order:1", 0, 10, "root");
        int children = RemoteGraphStore.PAGE + 300;
        for (int i = 0; i < children; i++) {
            f.add("c" + i, "item:" + i, i % 2, 100 + i, "root", "root");
        }
        StoreCausalGraph direct = f.graph();
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), direct,
                GraphStores.of(f.lanes))) {
            GraphStores remote = GraphStores.of(List.of(new RemoteGraphStore(server.uri(), Duration.ofSeconds(10))));
            // the root's children span two pages of the internal range route
            int count = 0;
            try (var range = remote.lanes().get(0).range(GraphLayout.childFrom(f.id("root").toBytes()),
                    GraphLayout.childTo(f.id("root").toBytes()))) {
                while (range.hasNext()) {
                    range.next();
                    count++;
                }
            }
            assertEquals(children, count);
            StoreCausalGraph remoteGraph = new StoreCausalGraph(remote);
            CausalWalk descendants = remoteGraph.causalDescendants(f.id("root"), 5);
            assertEquals(direct.causalDescendants(f.id("root"), 5), descendants);
            assertEquals(direct.causalDescendants(f.id("root"), 5, descendants.continuation()),
                    remoteGraph.causalDescendants(f.id("root"), 5, descendants.continuation()));
            CorrelationId group = CorrelationId.of(f.id("root"));
            assertEquals(direct.correlation(group, 5), remoteGraph.correlation(group, 5));
            assertEquals(direct.walkAncestors(f.id("c7"), 5), remoteGraph.walkAncestors(f.id("c7"), 5));
            assertEquals(direct.happenedBefore(f.id("root"), f.id("c9")), remoteGraph.happenedBefore(f.id("root"), f.id("c9")));
        }
    }

    @Test
    void anUnreachableInstanceIsUnavailable() {
        GraphFixture f = new GraphFixture(1);
        GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), f.graph(),
                GraphStores.of(f.lanes));
        server.close();
        StoreCausalGraph remote = new StoreCausalGraph(GraphStores.of(List.of(
                new RemoteGraphStore(server.uri(), Duration.ofSeconds(2)))));
        assertEquals(GraphException.UNAVAILABLE,
                assertThrows(GraphException.class, () -> remote.walkAncestors(f.id("x"), 1)).code());
    }
}
