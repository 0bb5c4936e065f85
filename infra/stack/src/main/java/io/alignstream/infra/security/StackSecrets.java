package io.alignstream.infra.security;

import io.alignstream.infra.broker.BrokerSecurity;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.security.CredentialStore;
import io.alignstream.schemas.security.Role;
import io.alignstream.schemas.security.SecretHashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets of the secure stack in {@code <state dir>/secure/} (directory 0700, every file 0600),
 * made on first use and reused after:
 * <ul>
 *   <li>{@code ca.p12} — a local CA (EC P-256, 10 years); {@code ca.crt} its certificate (PEM);</li>
 *   <li>{@code broker.p12} — the broker's key and certificate signed by the CA, SAN
 *       {@code IP:127.0.0.1, DNS:localhost}, with the chain;</li>
 *   <li>{@code truststore.p12} — the CA certificate, for every client;</li>
 *   <li>{@code credentials.properties} — the store password and one random password per user:
 *       {@link #SERVICE_USERS}, {@link #ADMIN} (SCRAM-SHA-512) and {@link #BROKER} (the broker's own
 *       PLAIN login on its internal listeners);</li>
 *   <li>{@code clients/<user>.properties} — Kafka client settings (SASL_SSL, SCRAM-SHA-512, the
 *       truststore) per SCRAM user, rewritten on every load, e.g. for {@code --command-config};</li>
 *   <li>schema registry logins: {@code credentials.properties} also holds one random password per
 *       {@link #REGISTRY_USERS} entry ({@code registry.<user>}; added on load to secrets made before
 *       the registry was locked), {@code registry-users} the registry's users file
 *       ({@code <user>:write:pbkdf2-sha256:...}, hashes only, rewritten when it no longer matches the
 *       passwords) and {@code clients/<user>.registry.properties} the login a client sends
 *       ({@value #REGISTRY_LOGIN_KEY}{@code =<user>:<password>}), rewritten on every load.</li>
 * </ul>
 * Keys and certificates come from the JDK's {@code keytool} (a child process; passwords reach it
 * through its environment, never its command line) and {@link KeyStore}.
 */
public final class StackSecrets {
  /** The users that get SCRAM credentials and ACLs, one per service (the registry included). */
  public static final List<String> SERVICE_USERS = List.of("ingest", "scorer", "curator", "trainer", "analyzer",
      "registry");
  /** The operators' super user: the launcher's topic set-up and the command line. */
  public static final String ADMIN = "admin";
  /** The broker's own super user (inter-broker and controller listeners). */
  public static final String BROKER = "broker";
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  /**
   * The users that may write to the schema registry (role {@code write}): every service that
   * produces Avro (each registers its schemas on first use), and {@link #ADMIN} for the launcher's
   * catalogue and the command line ({@code produce}, {@code experiment}). Reads stay open.
   */
  public static final List<String> REGISTRY_USERS = List.of("ingest", "scorer", "curator", "trainer", "analyzer",
      ADMIN);
  /** The key of a registry login file, and the services' setting: {@code user:password}. */
  public static final String REGISTRY_LOGIN_KEY = "alignstream.registry.basic-auth";
  /**
   * PBKDF2 rounds of the registry's users file. The passwords are 192 random bits, so the rounds add
   * nothing against guessing; few keep each first login (one hash per user, then cached) cheap.
   */
  static final int REGISTRY_HASH_ITERATIONS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(StackSecrets.class);
  private static final String CREDENTIALS = "credentials.properties";
  private static final String STORE_PASSWORD = "store.password";
  private static final String REGISTRY_USERS_FILE = "registry-users";
  private static final String REGISTRY_PREFIX = "registry.";
  private static final String CREDENTIALS_COMMENT = "Passwords of the secure AlignStream stack: keep private";
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String storePassword;
  private final Map<String, String> passwords;
  private final Map<String, String> registryPasswords;

  private StackSecrets(Path dir, String storePassword, Map<String, String> passwords,
      Map<String, String> registryPasswords) {
    this.dir = dir;
    this.storePassword = storePassword;
    this.passwords = Map.copyOf(passwords);
    this.registryPasswords = Map.copyOf(registryPasswords);
  }

  /** Loads the secrets in {@code dir}, making them first when it does not exist yet. */
  public static synchronized StackSecrets ensure(Path dir) {
    Path absolute = dir.toAbsolutePath();
    try {
      if (!Files.exists(absolute.resolve(CREDENTIALS))) {
        generate(absolute);
      }
      StackSecrets secrets = load(absolute);
      secrets.writeClientFiles();
      secrets.writeRegistryFiles();
      return secrets;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the secure stack's secrets in " + absolute, e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  public Path keystore() {
    return dir.resolve("broker.p12");
  }

  /** The SCRAM users: every service user and the admin. */
  public List<String> scramUsers() {
    List<String> users = new ArrayList<>(SERVICE_USERS);
    users.add(ADMIN);
    return users;
  }

  /** A user's password (for SCRAM credentials and client logins). */
  public String password(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("No such stack user: " + user);
    }
    return password;
  }

  /** A {@link #REGISTRY_USERS} user's registry password (not its Kafka password). */
  public String registryPassword(String user) {
    String password = registryPasswords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("No schema registry user '" + user + "'; users: " + REGISTRY_USERS);
    }
    return password;
  }

  /** {@code user:password}, the value of {@value #REGISTRY_LOGIN_KEY} for a {@link #REGISTRY_USERS} user. */
  public String registryLogin(String user) {
    return user + ":" + registryPassword(user);
  }

  /** The registry's users file ({@code --auth-users-file}): {@code <user>:write:pbkdf2-sha256:...}, no password. */
  public Path registryUsersFile() {
    return dir.resolve(REGISTRY_USERS_FILE);
  }

  /** {@code clients/<user>.registry.properties}: the user's registry login ({@value #REGISTRY_LOGIN_KEY}). */
  public static Path registryLoginFile(Path clientsDir, String user) {
    return clientsDir.resolve(user + ".registry.properties");
  }

  /**
   * The registry login ({@code user:password}) in a client directory's login file, or empty when the
   * stack has none for the user (the file is missing).
   */
  public static Optional<String> readRegistryLogin(Path clientsDir, String user) {
    Path file = registryLoginFile(clientsDir, user);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the registry login in " + file, e);
    }
    return Optional.ofNullable(p.getProperty(REGISTRY_LOGIN_KEY)).filter(v -> !v.isBlank());
  }

  /** The broker's TLS and SASL settings. */
  public BrokerSecurity brokerSecurity() {
    return new BrokerSecurity(keystore(), truststore(), storePassword, BROKER, password(BROKER), List.of(ADMIN));
  }

  /** Client settings of one SCRAM user against the broker's SASL_SSL client listener. */
  public KafkaClientProperties client(String user, String bootstrapServers) {
    return new KafkaClientProperties(bootstrapServers, clientSecurity(user));
  }

  /** {@code clients/<user>.properties}: the user's Kafka client security settings. */
  public Path clientFile(String user) {
    return clientsDir(dir).resolve(user + ".properties");
  }

  /** The directory of the client settings files (named in the run file, never the passwords). */
  public static Path clientsDir(Path secureDir) {
    return secureDir.resolve("clients");
  }

  private Map<String, String> clientSecurity(String user) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("security.protocol", "SASL_SSL");
    s.put("sasl.mechanism", SCRAM_MECHANISM);
    s.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password(user) + "\";");
    s.put("ssl.truststore.location", truststore().toString());
    s.put("ssl.truststore.type", "PKCS12");
    s.put("ssl.truststore.password", storePassword);
    return s;
  }

  private void writeClientFiles() throws IOException {
    createPrivateDirectory(clientsDir(dir));
    for (String user : scramUsers()) {
      Properties p = new Properties();
      p.putAll(clientSecurity(user));
      writePrivate(clientFile(user), p, "Kafka client settings of the stack user '" + user + "'");
    }
  }

  /**
   * Writes each registry user's login file, and the registry's users file unless it still holds
   * exactly {@link #REGISTRY_USERS}, each with a hash of its current password.
   */
  private void writeRegistryFiles() throws IOException {
    for (String user : REGISTRY_USERS) {
      Properties p = new Properties();
      p.setProperty(REGISTRY_LOGIN_KEY, registryLogin(user));
      writePrivate(registryLoginFile(clientsDir(dir), user), p, "Schema registry login of the stack user '" + user
          + "'");
    }
    if (registryUsersFileMatches()) {
      return;
    }
    StringBuilder text = new StringBuilder("# Schema registry users of the secure AlignStream stack (--auth-users-file):\n"
        + "# name:role:pbkdf2-sha256:<iterations>:<salt>:<hash>. Made from credentials.properties; no password here.\n");
    for (String user : REGISTRY_USERS) {
      text.append(user).append(":write:")
          .append(SecretHashes.pbkdf2(registryPassword(user).toCharArray(), REGISTRY_HASH_ITERATIONS)).append('\n');
    }
    writePrivate(registryUsersFile(), text.toString());
    LOG.info("Wrote the schema registry's users {} (write role) to {}", REGISTRY_USERS, registryUsersFile());
  }

  private boolean registryUsersFileMatches() {
    if (!Files.exists(registryUsersFile())) {
      return false;
    }
    try {
      CredentialStore users = CredentialStore.of(List.of(), CredentialStore.readEntries(registryUsersFile()),
          registryUsersFile().toString());
      if (!new java.util.HashSet<>(users.userNames()).equals(new java.util.HashSet<>(REGISTRY_USERS))) {
        return false;
      }
      for (String user : REGISTRY_USERS) {
        if (users.user(user, registryPassword(user)).filter(u -> u.role() == Role.WRITE).isEmpty()) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("Rewriting the registry's users file: {}", e.getMessage());
      return false;
    }
  }

  private static StackSecrets load(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(CREDENTIALS))) {
      p.load(in);
    }
    Map<String, String> registryPasswords = new LinkedHashMap<>();
    boolean added = false;
    SecureRandom random = null;
    for (String user : REGISTRY_USERS) {
      String password = p.getProperty(REGISTRY_PREFIX + user);
      if (password == null || password.isBlank()) {
        // Secrets made before the registry was locked: add its passwords, keep everything else.
        random = random == null ? new SecureRandom() : random;
        password = randomPassword(random);
        p.setProperty(REGISTRY_PREFIX + user, password);
        added = true;
      }
      registryPasswords.put(user, password);
    }
    if (added) {
      writePrivate(dir.resolve(CREDENTIALS), p, CREDENTIALS_COMMENT);
      LOG.info("Added schema registry passwords for {} to {}", REGISTRY_USERS, dir.resolve(CREDENTIALS));
    }
    Map<String, String> passwords = new LinkedHashMap<>();
    for (String user : Stream.concat(SERVICE_USERS.stream(), Stream.of(ADMIN, BROKER)).toList()) {
      String password = p.getProperty("user." + user);
      if (password == null || password.isBlank()) {
        throw new IllegalStateException(dir.resolve(CREDENTIALS) + " has no password for '" + user
            + "'; delete " + dir + " to make new secrets");
      }
      passwords.put(user, password);
    }
    return new StackSecrets(dir, p.getProperty(STORE_PASSWORD), passwords, registryPasswords);
  }

  /** Makes everything in a private temporary directory, then moves it into place in one step. */
  private static void generate(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Path work = Files.createTempDirectory(dir.getParent(), ".secure-", PosixFilePermissions.asFileAttribute(OWNER_DIR));
    try {
      SecureRandom random = new SecureRandom();
      String storePassword = randomPassword(random);
      Map<String, String> env = Map.of("ALIGNSTREAM_STORE_PASSWORD", storePassword);
      String pass = ":env";
      keytool(work, env, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-dname", "CN=AlignStream local CA", "-validity", "3650",
          "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign",
          "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass" + pass, "ALIGNSTREAM_STORE_PASSWORD");
      keytool(work, env, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-validity", "825",
          "-keystore", "broker.p12", "-storetype", "PKCS12", "-storepass" + pass, "ALIGNSTREAM_STORE_PASSWORD");
      keytool(work, env, "-certreq", "-alias", "broker", "-keystore", "broker.p12",
          "-storepass" + pass, "ALIGNSTREAM_STORE_PASSWORD", "-file", "broker.csr");
      keytool(work, env, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass" + pass,
          "ALIGNSTREAM_STORE_PASSWORD", "-infile", "broker.csr", "-outfile", "broker.crt", "-rfc", "-validity", "825",
          "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "ku:c=digitalSignature",
          "-ext", "eku=serverAuth,clientAuth");
      assembleStores(work, storePassword.toCharArray());
      Files.delete(work.resolve("broker.csr"));
      Files.delete(work.resolve("broker.crt"));

      Properties credentials = new Properties();
      credentials.setProperty(STORE_PASSWORD, storePassword);
      for (String user : Stream.concat(SERVICE_USERS.stream(), Stream.of(ADMIN, BROKER)).toList()) {
        credentials.setProperty("user." + user, randomPassword(random));
      }
      for (String user : REGISTRY_USERS) {
        credentials.setProperty(REGISTRY_PREFIX + user, randomPassword(random));
      }
      writePrivate(work.resolve(CREDENTIALS), credentials, CREDENTIALS_COMMENT);
      try (Stream<Path> files = Files.list(work)) {
        for (Path f : files.toList()) {
          Files.setPosixFilePermissions(f, OWNER_FILE);
        }
      }
      Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Made a local CA, the broker's certificate and passwords for {} in {}", SERVICE_USERS, dir);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot assemble the key stores in " + work, e);
    } finally {
      if (Files.exists(work)) {
        try (Stream<Path> files = Files.list(work)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(work);
      }
    }
  }

  /** broker.p12 gets the signed certificate with its chain; truststore.p12 and ca.crt the CA's. */
  private static void assembleStores(Path work, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ca = read(work.resolve("ca.p12"), password);
    Certificate caCert = ca.getCertificate("ca");
    KeyStore broker = read(work.resolve("broker.p12"), password);
    Key key = broker.getKey("broker", password);
    Collection<? extends Certificate> signed;
    try (InputStream in = Files.newInputStream(work.resolve("broker.crt"))) {
      signed = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    List<Certificate> chain = new ArrayList<>(signed);
    chain.add(caCert);
    broker.setKeyEntry("broker", key, password, chain.toArray(Certificate[]::new));
    write(broker, work.resolve("broker.p12"), password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, password);
    trust.setCertificateEntry("ca", caCert);
    write(trust, work.resolve("truststore.p12"), password);
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    Files.writeString(work.resolve("ca.crt"), pem);
  }

  private static KeyStore read(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static void write(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
  }

  private static void keytool(Path workDir, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
            + new String(output, StandardCharsets.UTF_8).trim());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }

  /** 24 random bytes, URL-safe Base64: no quote, backslash, '$' or ';' to escape anywhere. */
  private static String randomPassword(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_DIR);
      Files.createDirectory(dir, attr);
    }
    Files.setPosixFilePermissions(dir, OWNER_DIR);
  }

  private static void writePrivate(Path file, Properties values, String comment) throws IOException {
    Path tmp = privateTemp(file);
    try (Writer out = Files.newBufferedWriter(tmp)) {
      values.store(out, comment);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Path tmp = privateTemp(file);
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** An empty owner-only (0600) file next to {@code file}, to move over it once written. */
  private static Path privateTemp(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    return tmp;
  }
}
