package io.alignstream.schemas.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API keys and users a service accepts, stored only as hashes (see {@link SecretHashes}).
 * Entries are {@code name:role:hash}: API keys {@code ci:write:sha256:<64 hex>}, users
 * {@code alice:read:pbkdf2-sha256:<iterations>:<salt>:<hash>}. A successful password check is
 * remembered (by a SHA-256 of name and password, at most {@value #VERIFIED_CACHE} entries) so a
 * browser's repeated Basic header costs one PBKDF2 run, not one per request. Thread-safe.
 *
 * <p>Parse errors name the source and the entry's position but never the entry: a mistyped entry may
 * be the secret itself.
 */
public final class CredentialStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final int VERIFIED_CACHE = 1024;

  private record ApiKey(Principal principal, byte[] sha256) {}

  private record User(Principal principal, SecretHashes.Pbkdf2 hash) {}

  private final List<ApiKey> apiKeys;
  private final Map<String, User> users;
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();
  /** Checked for unknown user names, so their answer takes as long as a wrong password's. */
  private final SecretHashes.Pbkdf2 decoy;

  private CredentialStore(List<ApiKey> apiKeys, Map<String, User> users) {
    this.apiKeys = List.copyOf(apiKeys);
    this.users = Map.copyOf(users);
    int iterations = users.values().stream().mapToInt(u -> u.hash().iterations()).max().orElse(1);
    this.decoy = SecretHashes.Pbkdf2.parse(SecretHashes.pbkdf2("decoy".toCharArray(), iterations));
  }

  /** Accepts nothing. */
  public static CredentialStore empty() {
    return new CredentialStore(List.of(), Map.of());
  }

  /**
   * @param apiKeys {@code name:role:sha256:<hex>} entries
   * @param users {@code name:role:pbkdf2-sha256:...} entries
   * @param source names the origin in error messages, e.g. the config key
   * @throws IllegalArgumentException for a malformed entry or a name used twice
   */
  public static CredentialStore of(List<String> apiKeys, List<String> users, String source) {
    List<ApiKey> keys = new ArrayList<>();
    Map<String, User> byName = new LinkedHashMap<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < apiKeys.size(); i++) {
      String[] parts = split(apiKeys.get(i), source + " API key", i, apiKeys.size());
      String hash = parts[2];
      if (!hash.startsWith(SecretHashes.SHA256_PREFIX)
          || !SHA256_HEX.matcher(hash.substring(SecretHashes.SHA256_PREFIX.length())).matches()) {
        throw malformed(source + " API key", i, apiKeys.size(), "name:role:sha256:<64 hex digits>");
      }
      if (!names.add("key:" + parts[0])) {
        throw new IllegalArgumentException(source + ": API key name '" + parts[0] + "' is used twice");
      }
      keys.add(new ApiKey(new Principal(parts[0], role(parts[1], source + " API key", i, apiKeys.size()), "api-key"),
          HexFormat.of().parseHex(hash.substring(SecretHashes.SHA256_PREFIX.length()))));
    }
    for (int i = 0; i < users.size(); i++) {
      String[] parts = split(users.get(i), source + " user", i, users.size());
      SecretHashes.Pbkdf2 hash;
      try {
        hash = SecretHashes.Pbkdf2.parse(parts[2]);
      } catch (IllegalArgumentException e) {
        throw malformed(source + " user", i, users.size(), "name:role:" + e.getMessage());
      }
      if (byName.containsKey(parts[0])) {
        throw new IllegalArgumentException(source + ": user name '" + parts[0] + "' is used twice");
      }
      byName.put(parts[0], new User(new Principal(parts[0], role(parts[1], source + " user", i, users.size()), "basic"), hash));
    }
    return new CredentialStore(keys, byName);
  }

  /** The entries of a file: one per line; blank lines and lines starting with {@code #} are skipped. */
  public static List<String> readEntries(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read credentials file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  public boolean isEmpty() {
    return apiKeys.isEmpty() && users.isEmpty();
  }

  public boolean hasApiKeys() {
    return !apiKeys.isEmpty();
  }

  public boolean hasUsers() {
    return !users.isEmpty();
  }

  public List<String> apiKeyNames() {
    return apiKeys.stream().map(k -> k.principal().name()).toList();
  }

  public List<String> userNames() {
    return List.copyOf(users.keySet());
  }

  /** The key's principal when {@code presented} hashes to a configured key; every key is compared. */
  public Optional<Principal> apiKey(String presented) {
    byte[] hash = SecretHashes.sha256Bytes(presented);
    Principal found = null;
    for (ApiKey key : apiKeys) {
      if (MessageDigest.isEqual(key.sha256(), hash) && found == null) {
        found = key.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Whether checking this name and password would be fast (already verified once). */
  public boolean isVerified(String name, String password) {
    return verified.containsKey(cacheKey(name, password));
  }

  /** The user's principal when the password matches the stored PBKDF2 hash (slow on first use). */
  public Optional<Principal> user(String name, String password) {
    String cacheKey = cacheKey(name, password);
    Principal cached = verified.get(cacheKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    User user = users.get(name);
    if (user == null) {
      decoy.matches(password);
      return Optional.empty();
    }
    if (!user.hash().matches(password)) {
      return Optional.empty();
    }
    if (verified.size() >= VERIFIED_CACHE) {
      verified.clear();
    }
    verified.put(cacheKey, user.principal());
    return Optional.of(user.principal());
  }

  private static String cacheKey(String name, String password) {
    return SecretHashes.sha256(name + '\u0000' + password);
  }

  private static String[] split(String entry, String what, int index, int count) {
    String[] parts = entry.trim().split(":", 3);
    if (parts.length != 3 || !NAME.matcher(parts[0]).matches()) {
      throw malformed(what, index, count, "name:role:hash with a name of letters, digits, '.', '_', '@', '-'");
    }
    return parts;
  }

  private static Role role(String text, String what, int index, int count) {
    try {
      return Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what, index, count, "name:role:hash with role read or write");
    }
  }

  private static IllegalArgumentException malformed(String what, int index, int count, String expected) {
    return new IllegalArgumentException(what + " entry " + (index + 1) + " of " + count + " is not " + expected
        + " (the entry is not shown: it may hold a secret)");
  }
}
