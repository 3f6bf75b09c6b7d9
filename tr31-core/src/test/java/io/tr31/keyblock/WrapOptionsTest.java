/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WrapOptions}: defaults, builder and description. */
class WrapOptionsTest {
  @Test
  void defaults_obfuscatedNoKcvsLegacyRefused_andSayWhatTheyAre() {
    WrapOptions d = WrapOptions.defaults();
    assertEquals(Optional.empty(), d.keyKcv());
    assertEquals(Optional.empty(), d.kbpkKcv());
    assertEquals(KeyLengthPolicy.OBFUSCATED, d.keyLengthPolicy());
    assertEquals(LegacyVersions.REFUSE, d.legacyVersions());
    assertEquals(
        "WrapOptions[kc=null, kp=null, keyLength=OBFUSCATED, legacy=REFUSE]", d.toString());
  }

  @Test
  void builder_setsEveryOption_andRefusesNull() {
    WrapOptions o =
        WrapOptions.builder()
            .keyKcv(KcvMethod.CMAC)
            .kbpkKcv(KcvMethod.LEGACY)
            .keyLengthPolicy(KeyLengthPolicy.EXACT)
            .legacyVersions(LegacyVersions.ALLOW_DEPRECATED)
            .build();
    assertEquals(Optional.of(KcvMethod.CMAC), o.keyKcv());
    assertEquals(Optional.of(KcvMethod.LEGACY), o.kbpkKcv());
    assertEquals(
        "WrapOptions[kc=CMAC, kp=LEGACY, keyLength=EXACT, legacy=ALLOW_DEPRECATED]", o.toString());
    WrapOptions.Builder b = WrapOptions.builder();
    assertThrows(NullPointerException.class, () -> b.keyKcv(null));
    assertThrows(NullPointerException.class, () -> b.kbpkKcv(null));
    assertThrows(NullPointerException.class, () -> b.keyLengthPolicy(null));
    assertThrows(NullPointerException.class, () -> b.legacyVersions(null));
  }
}
