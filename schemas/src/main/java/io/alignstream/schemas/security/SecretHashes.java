package io.alignstream.schemas.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored forms of secrets: {@code sha256:<64 hex>} for API keys (long random strings, so a fast
 * hash is enough) and {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>} for passwords
 * (people choose them, so a slow salted hash). Comparisons take constant time.
 *
 * <p>{@link #main} prints both forms of a secret read from the console or standard input, e.g.
 * {@code java -cp schemas/target/classes io.alignstream.schemas.security.SecretHashes}.
 */
public final class SecretHashes {
  public static final String SHA256_PREFIX = "sha256:";
  public static final String PBKDF2_PREFIX = "pbkdf2-sha256:";
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretHashes() {}

  /** {@code sha256:<hex>} of the UTF-8 bytes of an API key. */
  public static String sha256(String secret) {
    return SHA256_PREFIX + HexFormat.of().formatHex(sha256Bytes(secret));
  }

  static byte[] sha256Bytes(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** A new salted {@code pbkdf2-sha256:...} hash of a password. */
  public static String pbkdf2(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PBKDF2_PREFIX + iterations + ":" + b64.encodeToString(salt) + ":"
        + b64.encodeToString(derive(password, salt, iterations, HASH_BITS));
  }

  /** A parsed {@code pbkdf2-sha256:...} hash; {@link #matches} derives and compares in constant time. */
  record Pbkdf2(int iterations, byte[] salt, byte[] hash) {
    /** @throws IllegalArgumentException with a message that never repeats the text */
    static Pbkdf2 parse(String encoded) {
      if (!encoded.startsWith(PBKDF2_PREFIX)) {
        throw new IllegalArgumentException("hash must start with " + PBKDF2_PREFIX);
      }
      String[] parts = encoded.substring(PBKDF2_PREFIX.length()).split(":", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("hash must be " + PBKDF2_PREFIX + "<iterations>:<salt>:<hash>");
      }
      int iterations;
      byte[] salt;
      byte[] hash;
      try {
        iterations = Integer.parseInt(parts[0]);
        salt = Base64.getDecoder().decode(parts[1]);
        hash = Base64.getDecoder().decode(parts[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hash has a bad iteration count or base64 salt/hash");
      }
      if (iterations < 1 || salt.length < 8 || hash.length < 16) {
        throw new IllegalArgumentException("hash needs >= 1 iteration, >= 8 salt bytes, >= 16 hash bytes");
      }
      return new Pbkdf2(iterations, salt, hash);
    }

    boolean matches(String password) {
      char[] chars = password.toCharArray();
      try {
        return MessageDigest.isEqual(hash, derive(chars, salt, iterations, hash.length * 8));
      } finally {
        Arrays.fill(chars, '\0');
      }
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Reads one secret (without echo on a console) and prints its stored forms; never prints the secret. */
  public static void main(String[] args) throws IOException {
    int iterations = args.length == 2 && args[0].equals("--iterations") ? Integer.parseInt(args[1]) : DEFAULT_ITERATIONS;
    Console console = System.console();
    char[] secret;
    if (console != null) {
      secret = console.readPassword("Secret: ");
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      secret = line == null ? new char[0] : line.toCharArray();
    }
    if (secret == null || secret.length == 0) {
      System.out.println("No secret given.");
      System.exit(2);
    }
    System.out.println("api key  (alignstream.http.auth.api-keys = NAME:ROLE:...): " + sha256(new String(secret)));
    System.out.println("password (alignstream.http.auth.users    = NAME:ROLE:...): " + pbkdf2(secret, iterations));
    Arrays.fill(secret, '\0');
  }
}
