package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.BatpakException;

/**
 * The sequencer application could not start, or stopped because of an error.
 *
 * <p>{@link #code()} says which: {@value #START_TIMEOUT} (Kafka Streams did not reach RUNNING in
 * time: is the broker reachable, is another instance holding the state directory?) or
 * {@value #FAILED} (a stream thread died; the cause says why, and the journal is still
 * consistent because the failed transaction was aborted).
 */
public final class SequencerException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Kafka Streams did not reach RUNNING within the start timeout. */
    public static final String START_TIMEOUT = "SEQUENCER_START_TIMEOUT";
    /** Kafka Streams stopped because of an error. */
    public static final String FAILED = "SEQUENCER_FAILED";

    /** Creates the exception with one of the codes above, a message saying what to do, and the cause. */
    public SequencerException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
