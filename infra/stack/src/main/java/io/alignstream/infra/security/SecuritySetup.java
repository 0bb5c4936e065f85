package io.alignstream.infra.security;

import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a secure broker in line with {@link StackSecrets} and {@link AccessControl}, through a super
 * user's admin client: upserts the SCRAM-SHA-512 credential of every stack user (idempotent; a new
 * password in the secrets takes effect), creates the table's ACLs and deletes ACLs of stack users
 * that the table no longer has (a changed topic prefix), so the table is the whole truth.
 */
public final class SecuritySetup {
  private static final Logger LOG = LoggerFactory.getLogger(SecuritySetup.class);
  // Kafka's default and minimum: every login costs this many PBKDF2 rounds on both sides.
  private static final int ITERATIONS = 4096;

  private SecuritySetup() {}

  /** @return the number of ACL bindings created and deleted */
  public static Result apply(Admin admin, StackSecrets secrets, TopicCatalogue catalogue, Duration timeout) {
    try {
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (String user : secrets.scramUsers()) {
        upserts.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512,
            ITERATIONS), secrets.password(user)));
      }
      await(admin.alterUserScramCredentials(upserts).all(), timeout);

      Set<AclBinding> wanted = AccessControl.bindings(catalogue);
      Set<String> principals = secrets.scramUsers().stream().map(u -> "User:" + u).collect(Collectors.toSet());
      Collection<AclBinding> existing = await(admin.describeAcls(AclBindingFilter.ANY).values(), timeout);
      List<AclBindingFilter> stale = existing.stream()
          .filter(b -> principals.contains(b.entry().principal()) && !wanted.contains(b))
          .map(AclBinding::toFilter).toList();
      if (!stale.isEmpty()) {
        await(admin.deleteAcls(stale).all(), timeout);
      }
      List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
      if (!missing.isEmpty()) {
        await(admin.createAcls(missing).all(), timeout);
      }
      LOG.info("SCRAM credentials for {}; ACLs: {} created, {} deleted, {} in force", secrets.scramUsers(),
          missing.size(), stale.size(), wanted.size());
      return new Result(missing.size(), stale.size());
    } catch (ExecutionException e) {
      throw new IllegalStateException("Setting up the broker's users and ACLs failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Setting up the broker's users and ACLs took over " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while setting up the broker's users and ACLs", e);
    }
  }

  /** What {@link #apply} changed. */
  public record Result(int created, int deleted) {}

  private static <T> T await(KafkaFuture<T> future, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
