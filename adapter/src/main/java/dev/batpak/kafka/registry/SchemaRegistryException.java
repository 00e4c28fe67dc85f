package dev.batpak.kafka.registry;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * A schema registry could not do what was asked, or could not be asked at all. The message says
 * which registry, which request, what the registry answered (HTTP status, its {@code error_code}
 * and its message) and what to do; {@link #reason()} classifies it and {@link #code()} is
 * {@code SCHEMA_REGISTRY_<reason>}.
 *
 * <p>Only {@link Reason#UNREACHABLE} and {@link Reason#SERVER_ERROR} are worth retrying later (the
 * client already retried them a bounded number of times); the others need a change: credentials,
 * configuration, or the schema.
 */
public final class SchemaRegistryException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The Confluent API's error code for "subject not found". */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** The Confluent API's error code for "version not found". */
    public static final int VERSION_NOT_FOUND = 40402;
    /** The Confluent API's error code for "schema not found". */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** The Confluent API's error code for "subject has no subject-level compatibility configured". */
    public static final int SUBJECT_CONFIG_NOT_FOUND = 40408;

    /** What went wrong. */
    public enum Reason {
        /** No answer: connection refused, DNS, TLS handshake, timeout, interrupted. */
        UNREACHABLE,
        /** HTTP 401: the registry wants (other) credentials. */
        UNAUTHORIZED,
        /** HTTP 403: the credentials may not do this. */
        FORBIDDEN,
        /** HTTP 404: no such subject, version or schema id. */
        NOT_FOUND,
        /** HTTP 409: the schema breaks the subject's compatibility level. */
        INCOMPATIBLE,
        /** HTTP 422 (or 400): the registry refused the schema or a parameter as invalid. */
        INVALID_REQUEST,
        /** HTTP 5xx or 429, after the bounded retries. */
        SERVER_ERROR,
        /** The registry answered something that is not the Confluent API's JSON. */
        BAD_RESPONSE,
        /** The client configuration is wrong (URL, credentials source, trust store, strategy, numbers). */
        INVALID_CONFIG
    }

    private final Reason reason;
    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    /**
     * Creates the exception.
     *
     * @param reason the class of failure
     * @param message the whole message: registry, request, answer, and what to do
     * @param httpStatus the HTTP status, or -1 when there was no answer
     * @param errorCode the registry's {@code error_code}, or -1 when it gave none
     * @param registryMessage the registry's own {@code message}, or empty
     * @param cause the underlying error, or {@code null}
     */
    public SchemaRegistryException(Reason reason, String message, int httpStatus, int errorCode, String registryMessage,
            Throwable cause) {
        super("SCHEMA_REGISTRY_" + Objects.requireNonNull(reason, "reason").name(), message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage == null ? "" : registryMessage;
    }

    /** A configuration error: nothing was sent. */
    static SchemaRegistryException invalidConfig(String message) {
        return new SchemaRegistryException(Reason.INVALID_CONFIG, message, -1, -1, "", null);
    }

    /** A configuration error with its cause: nothing was sent. */
    static SchemaRegistryException invalidConfig(String message, Throwable cause) {
        return new SchemaRegistryException(Reason.INVALID_CONFIG, message, -1, -1, "", cause);
    }

    /** The class of failure. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status the registry answered, or -1 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (for example {@value #SUBJECT_NOT_FOUND}), or -1. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, or empty. */
    public String registryMessage() {
        return registryMessage;
    }

    /** True when the registry might answer differently later (unreachable, 5xx, 429). */
    public boolean retriable() {
        return reason == Reason.UNREACHABLE || reason == Reason.SERVER_ERROR;
    }
}
