/**
 * Turning the Avro records of {@code dev.batpak.kafka.schemas} into bytes and back.
 *
 * <p>{@link dev.batpak.kafka.schemas.codec.RecordCodec} is the contract: encoding refuses a record
 * Avro could not write faithfully ({@link dev.batpak.kafka.schemas.codec.RecordEncodingException}),
 * and decoding is total: any byte array gives a record or a
 * {@link dev.batpak.kafka.schemas.codec.MalformedRecordException}, never another exception and
 * never an allocation larger than the input justifies. {@link dev.batpak.kafka.schemas.codec.Codecs}
 * holds one codec per record; {@link dev.batpak.kafka.schemas.codec.SchemaCatalog} names every
 * top-level schema and its released version.
 */
package dev.batpak.kafka.schemas.codec;
