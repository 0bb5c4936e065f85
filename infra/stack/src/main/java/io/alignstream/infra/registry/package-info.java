/**
 * A Confluent-compatible Schema Registry for AVRO schemas: the REST API v1 with Confluent's status
 * and error codes, served by the JDK's HTTP server, with all state kept in a {@link
 * io.alignstream.infra.registry.SchemaLog} (a compacted Kafka topic in production) so that ids and
 * versions survive restarts. Entry points: {@link io.alignstream.infra.registry.RegistryMain} and
 * {@link io.alignstream.infra.registry.SchemaRegistryServer}.
 */
package io.alignstream.infra.registry;
