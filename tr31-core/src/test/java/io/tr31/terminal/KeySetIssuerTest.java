/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.Tr31Exception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeySetIssuerTest {
  @Test
  void defaultIssuer_issuesASetTheInstallerAcceptsNow() throws Exception {
    KeySetIssuer issuer = KeySetIssuer.prepare(KeySets.ZMK.clone());
    assertFalse(issuer.isDestroyed());
    try (IssuedKeySet set = KeySets.issue(issuer, "ks-test-01", Duration.ofDays(1))) {
      KeySetInstaller installer =
          KeySets.installer(
              KeySets.ZMK.clone(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
      InstalledKeySet installed = installer.install(set.json());
      assertEquals("ks-test-01", installed.keySetId());
      installed.destroy();
    }
    issuer.destroy();
    assertTrue(issuer.isDestroyed());
    assertThrows(
        IllegalStateException.class, () -> KeySets.issue(issuer, "ks-test-02", Duration.ofDays(1)));
  }

  @Test
  void installer_afterExpiryOfADefaultSet_refuses() throws Exception {
    KeySetIssuer issuer = KeySetIssuer.prepare(KeySets.ZMK.clone());
    try (IssuedKeySet set = KeySets.issue(issuer, "ks-test-03", Duration.ofDays(1))) {
      Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
      KeySetInstaller installer = KeySets.installer(KeySets.ZMK.clone(), later);
      assertThrows(Tr31Exception.class, () -> installer.install(set.json()));
    }
  }
}
