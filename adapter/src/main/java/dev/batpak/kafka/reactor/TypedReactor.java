package dev.batpak.kafka.reactor;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.read.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A reactor over typed payloads: it reacts to events of one {@link EventType}, decodes them,
 * and answers with values of another, which it encodes with that type's codec, kind and payload
 * version.
 *
 * @param <I> the input payload type
 * @param <O> the reaction payload type
 */
public final class TypedReactor<I, O> implements Reactor {

    /**
     * Decides the reactions to one decoded event.
     *
     * @param <I> the input payload type
     * @param <O> the reaction payload type
     */
    @FunctionalInterface
    public interface Handler<I, O> {

        /** The reactions to {@code source}, whose payload decoded to {@code input}. */
        List<Target<O>> react(StoredEvent source, I input);
    }

    /**
     * One typed reaction: the value and where it goes.
     *
     * @param coordinate where it is appended
     * @param value the payload value
     * @param <O> the payload type
     */
    public record Target<O>(Coordinate coordinate, O value) {

        /** Validates. */
        public Target {
            Objects.requireNonNull(coordinate, "coordinate");
            Objects.requireNonNull(value, "value");
        }
    }

    private final String name;
    private final EventType<I> input;
    private final EventType<O> output;
    private final Handler<I, O> handler;

    private TypedReactor(String name, EventType<I> input, EventType<O> output, Handler<I, O> handler) {
        this.name = ProjectionNames.validate(name);
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * A reactor named {@code name} from events of {@code input} to reactions of {@code output}.
     *
     * @throws dev.batpak.kafka.projection.ProjectionException if the name is invalid
     */
    public static <I, O> TypedReactor<I, O> of(String name, EventType<I> input, EventType<O> output,
            Handler<I, O> handler) {
        return new TypedReactor<>(name, input, output, handler);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<EventKind> relevantKinds() {
        return Set.of(input.kind());
    }

    @Override
    public List<Reaction> react(StoredEvent event) {
        List<Reaction> reactions = new ArrayList<>();
        for (Target<O> target : handler.react(event, input.decode(event))) {
            reactions.add(new Reaction(target.coordinate(), output.kind(), output.codec().encode(target.value()),
                    output.payloadVersion()));
        }
        return reactions;
    }
}
