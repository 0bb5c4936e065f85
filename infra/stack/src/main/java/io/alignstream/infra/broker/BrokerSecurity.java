package io.alignstream.infra.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS and SASL for the broker (the {@code secure} stack). Listeners, all on 127.0.0.1 and all
 * SASL_SSL: {@code CLIENT} (SCRAM-SHA-512, for every client; credentials live in the KRaft metadata),
 * {@code INTERNAL} (inter-broker) and {@code CONTROLLER} (both PLAIN for the broker's own user,
 * whose password is only in the broker's 0600 server.properties, so they work before any SCRAM
 * credential exists). {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}.
 *
 * @param keystore PKCS12 with the broker's key and its certificate chain (SAN 127.0.0.1, localhost)
 * @param truststore PKCS12 with the CA that signed it
 * @param storePassword of both stores (and of the key)
 * @param brokerUser the broker's own principal (a super user)
 * @param superUsers principals besides the broker's that bypass ACLs, e.g. {@code admin}
 */
public record BrokerSecurity(Path keystore, Path truststore, String storePassword, String brokerUser,
    String brokerPassword, List<String> superUsers) {

  public BrokerSecurity {
    superUsers = List.copyOf(superUsers);
  }

  /** Never shows the passwords. */
  @Override
  public String toString() {
    return "BrokerSecurity[keystore=" + keystore + ", truststore=" + truststore + ", brokerUser=" + brokerUser
        + ", superUsers=" + superUsers + "]";
  }
}
