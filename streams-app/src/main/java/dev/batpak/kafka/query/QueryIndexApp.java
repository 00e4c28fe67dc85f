package dev.batpak.kafka.query;

import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.registry.SchemaRegistryException;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query index as its own Kafka Streams application next to a sequencer: the sequencer's
 * settings (bootstrap, exactly-once, state directory, overrides such as security and
 * {@code application.server}) with the application id {@code <sequencer id>-query}.
 *
 * <p>Its own application rather than a sub-topology of the sequencer's, so that a failure of the
 * index never stops sequencing, its tasks never count as sequencer lanes, and it can be reset and
 * rebuilt from the journal alone. A failed stream thread stops only this application (queries then
 * answer {@code QUERY_UNAVAILABLE} naming its state), except when the schema registry is
 * unreachable: then the thread is replaced and the record retried from the last commit.
 */
public final class QueryIndexApp implements AutoCloseable {

    /** The suffix of the application id. */
    public static final String APPLICATION_SUFFIX = "-query";
    /** How long {@link #close()} waits. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(QueryIndexApp.class);

    private final KafkaStreams streams;

    private QueryIndexApp(SequencerConfig config) {
        Properties props = SequencerApp.streamsProperties(config);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(config));
        RecordCodecs codecs = RecordCodecs.create(config.registryProperties(), config.store());
        this.streams = new KafkaStreams(QueryIndexTopology.build(config.store(), codecs), props);
        streams.setUncaughtExceptionHandler(thrown -> {
            if (registryOutage(thrown)) {
                LOG.warn("query index for store '{}': the schema registry is unreachable; retrying from the last"
                        + " commit", config.store(), thrown);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("query index for store '{}' stopped: a stream thread failed", config.store(), thrown);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** Starts (without waiting for RUNNING) the index of the store {@code config} sequences. */
    public static QueryIndexApp start(SequencerConfig config) {
        Objects.requireNonNull(config, "config");
        QueryIndexApp app = new QueryIndexApp(config);
        app.streams.start();
        return app;
    }

    /** The application id of the index beside the sequencer configured by {@code config}. */
    public static String applicationId(SequencerConfig config) {
        return config.applicationId() + APPLICATION_SUFFIX;
    }

    private static boolean registryOutage(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }

    /** The Kafka Streams instance, for its stores. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** Stops the index, waiting up to {@link #CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }
}
