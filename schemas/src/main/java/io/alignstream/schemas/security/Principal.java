package io.alignstream.schemas.security;

/**
 * Who made a request, once a credential checked out: the configured name (never the secret), its
 * role and the scheme it came by ({@code api-key} or {@code basic}).
 */
public record Principal(String name, Role role, String scheme) {}
