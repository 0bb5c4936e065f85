package io.alignstream.schemas.security;

/**
 * Who made a request, once a credential checked out: the configured name (never the secret), its
 * role and the scheme it came by ({@code api-key}, {@code basic} or {@code jwt}, where the name is the
 * token's subject).
 */
public record Principal(String name, Role role, String scheme) {}
