package io.alignstream.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.security.CredentialStore;
import io.alignstream.schemas.security.Principal;
import io.alignstream.schemas.security.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema registry's part of {@link StackSecrets}: passwords, the users file and the login files. */
class StackSecretsRegistryTest {
  @TempDir Path state;

  @Test
  void shouldWriteARegistryUsersFileOfWriteUsersWithHashesOnly() throws IOException {
    StackSecrets secrets = StackSecrets.ensure(state.resolve("secure"));
    Path usersFile = secrets.registryUsersFile();

    CredentialStore users = users(usersFile);
    assertThat(users.userNames()).containsExactlyInAnyOrderElementsOf(StackSecrets.REGISTRY_USERS)
        .contains("ingest", "scorer", "curator", "trainer", "analyzer", "admin");
    for (String user : StackSecrets.REGISTRY_USERS) {
      assertThat(users.user(user, secrets.registryPassword(user))).map(Principal::role).contains(Role.WRITE);
    }
    String text = Files.readString(usersFile);
    assertThat(text).doesNotContain(allPasswords(secrets.dir()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(usersFile))).isEqualTo("rw-------");
  }

  @Test
  void shouldGiveEachRegistryUserItsOwnPasswordAndAnOwnerOnlyLoginFile() throws IOException {
    StackSecrets secrets = StackSecrets.ensure(state.resolve("secure"));
    Path clients = StackSecrets.clientsDir(secrets.dir());

    assertThat(StackSecrets.REGISTRY_USERS.stream().map(secrets::registryPassword).distinct())
        .hasSize(StackSecrets.REGISTRY_USERS.size());
    for (String user : StackSecrets.REGISTRY_USERS) {
      assertThat(secrets.registryPassword(user)).isNotEqualTo(secrets.password(user));
      assertThat(StackSecrets.readRegistryLogin(clients, user)).contains(user + ":" + secrets.registryPassword(user));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          StackSecrets.registryLoginFile(clients, user)))).isEqualTo("rw-------");
    }
    assertThat(StackSecrets.readRegistryLogin(clients, "registry")).isEmpty();
  }

  @Test
  void shouldKeepRegistryPasswordsAndUsersFileOnTheNextStart() throws IOException {
    StackSecrets first = StackSecrets.ensure(state.resolve("secure"));
    String usersFile = Files.readString(first.registryUsersFile());

    StackSecrets again = StackSecrets.ensure(state.resolve("secure"));

    for (String user : StackSecrets.REGISTRY_USERS) {
      assertThat(again.registryPassword(user)).isEqualTo(first.registryPassword(user));
    }
    assertThat(Files.readString(again.registryUsersFile())).isEqualTo(usersFile);
  }

  @Test
  void shouldAddRegistryLoginsToSecretsMadeBeforeTheRegistryWasLocked() throws IOException {
    StackSecrets first = StackSecrets.ensure(state.resolve("secure"));
    Path credentials = first.dir().resolve("credentials.properties");
    Properties old = load(credentials);
    old.stringPropertyNames().stream().filter(k -> k.startsWith("registry.")).forEach(old::remove);
    try (var out = Files.newBufferedWriter(credentials)) {
      old.store(out, null);
    }
    Files.delete(first.registryUsersFile());

    StackSecrets upgraded = StackSecrets.ensure(state.resolve("secure"));

    for (String user : upgraded.scramUsers()) {
      assertThat(upgraded.password(user)).isEqualTo(first.password(user));
    }
    CredentialStore users = users(upgraded.registryUsersFile());
    for (String user : StackSecrets.REGISTRY_USERS) {
      assertThat(load(credentials).getProperty("registry." + user)).isEqualTo(upgraded.registryPassword(user));
      assertThat(users.user(user, upgraded.registryPassword(user))).isPresent();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
  }

  @Test
  void shouldRewriteAUsersFileThatNoLongerMatchesThePasswords() throws IOException {
    StackSecrets first = StackSecrets.ensure(state.resolve("secure"));
    Files.writeString(first.registryUsersFile(), "admin:read:"
        + io.alignstream.schemas.security.SecretHashes.pbkdf2("someone-else".toCharArray(), 1000) + "\n");

    StackSecrets again = StackSecrets.ensure(state.resolve("secure"));

    CredentialStore users = users(again.registryUsersFile());
    assertThat(users.userNames()).containsExactlyInAnyOrderElementsOf(StackSecrets.REGISTRY_USERS);
    assertThat(users.user("admin", again.registryPassword("admin"))).map(Principal::role).contains(Role.WRITE);
    assertThat(users.user("admin", "someone-else")).isEmpty();
  }

  private static CredentialStore users(Path file) {
    return CredentialStore.of(List.of(), CredentialStore.readEntries(file), file.toString());
  }

  private static String[] allPasswords(Path dir) throws IOException {
    Properties p = load(dir.resolve("credentials.properties"));
    return p.stringPropertyNames().stream().map(p::getProperty).toArray(String[]::new);
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }
}
