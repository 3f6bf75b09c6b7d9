/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.Views;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a KBPK made from an unwrapped {@code K0}/{@code K1}/{@code K4} key honours its
 * authenticated mode of use, and the core's unwrap-only view narrows authority, never widens it.
 */
class KeyBlockUnwrapperTest {
  private static final byte[] PARENT = bytes(32, 0x11);
  private static final byte[] CHILD = bytes(32, 0x5A);
  private static final byte[] WORKING = bytes(16, 0x77);

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + 7 * i);
    }
    return b;
  }

  private static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  /** The child KBPK as an unwrapped key of header {@code template}, under the parent. */
  private static UnwrappedKey child(KeyBlockProtectionKey parent, String template)
      throws Tr31Exception {
    return parent.unwrap(parent.wrap(header(template), CHILD, WrapOptions.defaults()));
  }

  private static ErrorCode code(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(Tr31Exception.class, e).code();
  }

  @Test
  void from_modeB_wrapsAndUnwraps() throws Exception {
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT);
        UnwrappedKey k = child(parent, "D0000K1AB00N0000");
        KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.from(k);
        UnwrappedKey back =
            kbpk.unwrap(kbpk.wrap(header("D0000D0AB00N0000"), WORKING, WrapOptions.defaults()))) {
      assertArrayEquals(WORKING, back.keyBytes());
    }
  }

  @Test
  void from_modeD_unwrapsOnly_wrapIsRefusedWithItsOwnCode() throws Exception {
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT);
        KeyBlockProtectionKey server = KeyBlockProtectionKey.aes(CHILD);
        UnwrappedKey k = child(parent, "D0000K1AD00N0000");
        KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.from(k)) {
      String block = server.wrap(header("D0000D0AB00N0000"), WORKING, WrapOptions.defaults());
      try (UnwrappedKey back = kbpk.unwrap(block)) {
        assertArrayEquals(WORKING, back.keyBytes());
      }
      assertEquals(
          ErrorCode.MODE_OF_USE_FORBIDS,
          code(() -> kbpk.wrap(header("D0000D0AB00N0000"), WORKING, WrapOptions.defaults())));
    }
  }

  @Test
  void from_modeE_wrapsOnly_unwrapIsRefusedWithItsOwnCode() throws Exception {
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT);
        KeyBlockProtectionKey server = KeyBlockProtectionKey.aes(CHILD);
        UnwrappedKey k = child(parent, "D0000K1AE00N0000");
        KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.from(k)) {
      String block = kbpk.wrap(header("D0000D0AB00N0000"), WORKING, WrapOptions.defaults());
      try (UnwrappedKey back = server.unwrap(block)) {
        assertArrayEquals(WORKING, back.keyBytes());
      }
      assertEquals(ErrorCode.MODE_OF_USE_FORBIDS, code(() -> kbpk.unwrap(block)));
    }
  }

  @Test
  void from_aWorkingKey_isNotAProtectionKey() throws Exception {
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT);
        UnwrappedKey data =
            parent.unwrap(parent.wrap(header("D0000D0AB00N0000"), CHILD, WrapOptions.defaults()))) {
      assertEquals(
          ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
          assertThrows(Tr31PolicyException.class, () -> KeyBlockProtectionKey.from(data)).code());
    }
  }

  @Test
  void from_aDestroyedKey_isUseAfterDestroy() throws Exception {
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT)) {
      UnwrappedKey k = child(parent, "D0000K1AB00N0000");
      k.destroy();
      assertThrows(IllegalStateException.class, () -> KeyBlockProtectionKey.from(k));
    }
  }

  @Test
  void view_runsItsOwnersGuardFirst_andHandsItToTheViewsItCreates() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    try (KeyBlockProtectionKey parent = KeyBlockProtectionKey.aes(PARENT);
        UnwrappedKey k = child(parent, "D0000K1AD00N0000");
        KeyBlockProtectionKey owned = KeyBlockProtectionKey.from(k)) {
      KeyBlockUnwrapper view =
          Views.<KeyBlockProtectionKey, KeyBlockUnwrapper>unwrapOnly()
              .view(owned, checks::incrementAndGet);
      assertSame(k.header(), view.header());
      KeyBlockProtectionKey server = KeyBlockProtectionKey.aes(CHILD);
      String kek = server.wrap(header("D0000K0AD00N0000"), PARENT, WrapOptions.defaults());
      String kekWrapOnly = server.wrap(header("D0000K0AE00N0000"), PARENT, WrapOptions.defaults());
      String data = server.wrap(header("D0000D0AB00N0000"), WORKING, WrapOptions.defaults());
      server.destroy();
      assertEquals(ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, code(() -> view.unwrap(kek)));
      assertEquals(
          ErrorCode.KEYSET_NOT_A_PROTECTION_KEY, code(() -> view.unwrapProtectionKey(kekWrapOnly)));
      assertEquals(2, checks.get());
      try (KeyBlockUnwrapper inner = view.unwrapProtectionKey(kek)) {
        assertEquals("K0", inner.header().keyUsageCode());
        inner.unwrap(data, Profile.STRICT).close(); // the inner KEK wraps nothing here: refused
      } catch (Tr31Exception expected) {
        assertEquals(ErrorCode.VERIFICATION_FAILED, expected.code()); // a block under another key
      }
      assertTrue(checks.get() >= 4, "the inner view ran the same guard");
      // Closing a view that does not own its key leaves the key to its owner.
      view.close();
      assertTrue(view.isDestroyed());
      assertFalse(owned.isDestroyed());
      assertThrows(IllegalStateException.class, () -> view.unwrap(data));
    }
  }

  @Test
  void keyEncryptionUsages_areExactlyTheKUsagesAndProprietary() {
    for (KeyUsage u : KeyUsage.values()) {
      boolean expected = u.code().startsWith("K") || u == KeyUsage.PROPRIETARY;
      assertEquals(expected, KeyBlockUnwrapper.isKeyEncryptionUsage(u), u.name());
    }
  }
}
