/**
 * Schema registry governance: the Confluent wire format, a client for the Confluent REST API, and
 * the codecs that use them.
 *
 * <ul>
 *   <li>{@link dev.batpak.kafka.registry.SchemaRegistry} (HTTP: {@link dev.batpak.kafka.registry.SchemaRegistryClient};
 *       in memory and {@code mock://}: {@link dev.batpak.kafka.registry.InMemorySchemaRegistry}) registers and
 *       fetches schemas, checks compatibility and sets compatibility levels, against any registry that speaks
 *       the Confluent API (Confluent, Apicurio's {@code /apis/ccompat/v7}, Karapace, Redpanda).</li>
 *   <li>{@link dev.batpak.kafka.registry.ConfluentAvroSerializer} and
 *       {@link dev.batpak.kafka.registry.ConfluentAvroDeserializer} are ordinary Kafka serdes, configured by
 *       name with the same keys as Confluent's ({@link dev.batpak.kafka.registry.RegistryConfig}).</li>
 *   <li>{@link dev.batpak.kafka.registry.RecordCodecs} picks the framing of batpak's own records from
 *       configuration; its codecs read both framings.</li>
 *   <li>{@link dev.batpak.kafka.registry.RegisteredAvroCodec} makes typed event payloads carry their schema id.</li>
 * </ul>
 */
package dev.batpak.kafka.registry;
