/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WrapOptions}: defaults and builder; every departure from a default is a named call. */
class WrapOptionsTest {
  @Test
  void defaults_obfuscatedNoKcvsLegacyRefusedLibraryPadding() {
    WrapOptions d = WrapOptions.defaults();
    assertEquals(Optional.empty(), d.keyKcv());
    assertEquals(Optional.empty(), d.kbpkKcv());
    assertFalse(d.exactKeyLength());
    assertFalse(d.allowDeprecatedVersions());
    assertNull(d.paddingSource());
    assertSame(d, WrapOptions.defaults());
  }

  @Test
  void builder_setsEveryOption_andRefusesNull() {
    SecureRandom random = new SecureRandom();
    WrapOptions o =
        WrapOptions.builder()
            .keyKcv(KcvMethod.CMAC)
            .kbpkKcv(KcvMethod.LEGACY)
            .exactKeyLength()
            .allowDeprecatedVersions()
            .paddingSource(random)
            .build();
    assertEquals(Optional.of(KcvMethod.CMAC), o.keyKcv());
    assertEquals(Optional.of(KcvMethod.LEGACY), o.kbpkKcv());
    assertTrue(o.exactKeyLength());
    assertTrue(o.allowDeprecatedVersions());
    assertSame(random, o.paddingSource());
    WrapOptions copy = o.toBuilder().kbpkKcv(KcvMethod.CMAC).build();
    assertEquals(Optional.of(KcvMethod.CMAC), copy.kbpkKcv());
    assertEquals(Optional.of(KcvMethod.CMAC), copy.keyKcv());
    assertTrue(copy.exactKeyLength() && copy.allowDeprecatedVersions());
    assertSame(random, copy.paddingSource());
    WrapOptions.Builder b = WrapOptions.builder();
    assertThrows(NullPointerException.class, () -> b.keyKcv(null));
    assertThrows(NullPointerException.class, () -> b.kbpkKcv(null));
    assertThrows(NullPointerException.class, () -> b.paddingSource(null));
  }
}
