package io.alignstream.schemas.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user and password a client sends with HTTP Basic, e.g. to a schema registry whose writes need a
 * login (Confluent's {@code basic.auth.user.info}). {@link #toString()} never shows the password.
 */
public record BasicCredentials(String user, String password) {
  public BasicCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty() || user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name must be non-empty and without ':'");
    }
  }

  /**
   * Parses {@code user:password} (the password may contain ':').
   *
   * @throws IllegalArgumentException without repeating the text, which holds a secret
   */
  public static BasicCredentials parse(String userInfo) {
    int colon = userInfo == null ? -1 : userInfo.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("Basic credentials must look like user:password (value not shown)");
    }
    return new BasicCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
  }

  /** The {@code Authorization} header value. */
  public String header() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + ", password=***]";
  }
}
