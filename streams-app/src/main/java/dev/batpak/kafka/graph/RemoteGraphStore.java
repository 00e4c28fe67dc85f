package dev.batpak.kafka.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The graph stores of another streams-app instance, read over its HTTP endpoint's internal
 * routes ({@code /graph/internal/get} and {@code /graph/internal/range}, answered from that
 * instance's local stores only). Lets one instance answer a query over lanes it does not own.
 * Only {@link #get} and {@link #range} are served; a range is fetched lazily in pages.
 */
public final class RemoteGraphStore implements ReadOnlyKeyValueStore<Bytes, byte[]> {

    /** Entries per page of a remote range. */
    public static final int PAGE = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** The stores behind the endpoint at {@code base} ({@code http://host:port}). */
    public RemoteGraphStore(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public byte[] get(Bytes key) {
        JsonNode answer = call("/graph/internal/get?key=" + HEX.formatHex(key.get()));
        JsonNode value = answer.get("value");
        return value == null || value.isNull() ? null : HEX.parseHex(value.asText());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new PagedRange(from.get(), to.get());
    }

    /** Not served remotely: graph queries only look keys up and scan bounded ranges. */
    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        throw new UnsupportedOperationException("a remote graph store serves get and range only");
    }

    /** Unknown for a remote store. */
    @Override
    public long approximateNumEntries() {
        return 0;
    }

    private JsonNode call(String pathAndQuery) {
        URI uri = URI.create(base + pathAndQuery);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new GraphException(GraphException.UNAVAILABLE, "the instance at " + base + " answered HTTP "
                        + response.statusCode() + " for its graph stores: " + response.body() + "; retry");
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new GraphException(GraphException.UNAVAILABLE, "could not read the graph stores of the instance at "
                    + base + ": " + e.getMessage() + "; retry after the rebalance", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.UNAVAILABLE, "interrupted while reading " + uri, e);
        }
    }

    /** A range fetched page by page; the next page starts just after the last key seen. */
    private final class PagedRange implements KeyValueIterator<Bytes, byte[]> {

        private final byte[] to;
        private final Deque<KeyValue<Bytes, byte[]>> buffer = new ArrayDeque<>();
        private byte[] nextFrom;
        private boolean exhausted;

        PagedRange(byte[] from, byte[] to) {
            this.nextFrom = from;
            this.to = to;
        }

        private void fill() {
            while (buffer.isEmpty() && !exhausted) {
                JsonNode page = call("/graph/internal/range?from=" + HEX.formatHex(nextFrom) + "&to="
                        + HEX.formatHex(to) + "&limit=" + PAGE);
                for (JsonNode entry : page.get("entries")) {
                    buffer.add(KeyValue.pair(Bytes.wrap(HEX.parseHex(entry.get(0).asText())),
                            HEX.parseHex(entry.get(1).asText())));
                }
                exhausted = !page.get("more").asBoolean();
                if (!buffer.isEmpty()) {
                    // the smallest key after the last one: the last key with a zero byte appended
                    byte[] last = buffer.peekLast().key.get();
                    nextFrom = Arrays.copyOf(last, last.length + 1);
                }
            }
        }

        @Override
        public boolean hasNext() {
            fill();
            return !buffer.isEmpty();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.peek().key;
        }

        @Override
        public void close() {
            buffer.clear();
            exhausted = true;
        }
    }
}
