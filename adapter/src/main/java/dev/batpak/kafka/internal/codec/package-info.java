/**
 * Kafka serializers and deserializers for the batpak records, over the codecs of
 * {@code dev.batpak.kafka.schemas.codec}.
 *
 * <p>Deserializers produce {@link dev.batpak.kafka.internal.codec.Decoded} values instead of
 * throwing, so a consumer or a Streams task sees a garbage record as data ({@code Malformed}, with
 * the reason and the raw bytes) and keeps running. Every class has a public no-arg constructor and
 * can be named in {@code key.serializer} / {@code value.deserializer} configuration.
 */
package dev.batpak.kafka.internal.codec;
