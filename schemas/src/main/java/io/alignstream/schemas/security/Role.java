package io.alignstream.schemas.security;

import java.util.Locale;

/**
 * What a credential may do: {@link #READ} (GET, HEAD, OPTIONS) or {@link #WRITE} (everything, reads
 * included). {@link #NONE} is a verified identity granted neither (a JWT without a configured role);
 * configured keys and users always have a role.
 */
public enum Role {
  NONE,
  READ,
  WRITE;

  /** Whether a holder of this role may make a request that needs {@code needed}. */
  public boolean allows(Role needed) {
    return this == WRITE || (this == READ && needed == READ);
  }

  /** {@code read} or {@code write} (case-insensitive); {@code admin} is a synonym of {@code write}. */
  static Role parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("read")) {
      return READ;
    }
    if (t.equals("write") || t.equals("admin")) {
      return WRITE;
    }
    throw new IllegalArgumentException("role must be read or write");
  }
}
