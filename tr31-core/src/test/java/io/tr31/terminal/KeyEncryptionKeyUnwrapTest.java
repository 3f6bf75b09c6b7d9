/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockUnwrapper;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 12, F3: a key-encryption key unwrapped through an installed set's TMK or KEK never comes
 * out as clear bytes; it comes out only as an unwrap-only {@link KeyBlockUnwrapper}.
 */
class KeyEncryptionKeyUnwrapTest {
  private static IssuedKeySet issued;
  private final KeySets.SettableClock clock = new KeySets.SettableClock(KeySets.ISSUED);
  private InstalledKeySet keys;

  @BeforeAll
  static void issue() throws Exception {
    issued = KeySets.seedExample(31);
  }

  @AfterAll
  static void destroyIssued() {
    issued.destroy();
  }

  @BeforeEach
  void install() throws Exception {
    keys = KeySets.installer(clock).install(issued.json());
  }

  @AfterEach
  void destroyInstalled() {
    keys.destroy();
  }

  private static String serverWraps(Slot parent, String header, byte[] key) throws Exception {
    return KeySets.serverWraps(issued, parent, KeyBlockHeader.parse(header, Profile.STRICT), key);
  }

  private static void assertCode(ErrorCode code, Executable e) {
    assertEquals(code, assertThrows(Tr31Exception.class, e).code());
  }

  @Test
  void tmk_unwrapOfTheSetsOwnKekBlock_neverYieldsTheKeksBytes() {
    String kekBlock = issued.response().keyBlock(Slot.KEK);
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> keys.tmk().unwrap(kekBlock));
    assertEquals("KEYSET_KEY_ENCRYPTION_KEY", e.code().name());
    assertEquals(
        "KEYSET_KEY_ENCRYPTION_KEY: key block holds a key-encryption key; it is not"
            + " handed out as bytes (usage K1)",
        e.getMessage());
    assertCode(
        ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, () -> keys.tmk().unwrap(kekBlock, Profile.LENIENT));
  }

  @Test
  void unwrap_everySymmetricKeyEncryptionUsageAndMode_isRefusedUnderTmkAndKek() throws Exception {
    byte[] k = KeySets.bytes(32, 0x70);
    for (String usage : List.of("K0", "K1", "K4")) {
      for (String mode : List.of("B", "D", "E", "N")) {
        String header = "D0000" + usage + "A" + mode + "00N0000";
        String underTmk = serverWraps(Slot.TMK, header, k);
        String underKek = serverWraps(Slot.KEK, header, k);
        assertCode(ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, () -> keys.tmk().unwrap(underTmk));
        assertCode(ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, () -> keys.kek().unwrap(underKek));
      }
    }
  }

  @Test
  void tmk_unwrapProtectionKey_ofTheKekBlock_unwrapsWhatTheSetsKekUnwraps() throws Exception {
    String tdkBlock = issued.response().keyBlock(Slot.TDK);
    try (KeyBlockUnwrapper kek =
            keys.tmk().unwrapProtectionKey(issued.response().keyBlock(Slot.KEK));
        UnwrappedKey tdk = kek.unwrap(tdkBlock)) {
      assertArrayEquals(issued.keyBytes(Slot.TDK), tdk.keyBytes());
      assertEquals(keys.header(Slot.KEK), kek.header());
    }
  }

  @Test
  void unwrapProtectionKey_tdesKek_isPreparedWithTheHeadersAlgorithm() throws Exception {
    byte[] tdesKek = KeySets.bytes(24, 0x11);
    byte[] data = KeySets.bytes(16, 0x31);
    KeyBlockProtectionKey server = KeyBlockProtectionKey.tdes(tdesKek);
    String versionB =
        server.wrap(
            KeyBlockHeader.parse("B0000D0TB00N0000", Profile.STRICT), data, WrapOptions.defaults());
    server.destroy();
    String block = serverWraps(Slot.TMK, "D0000K1TD00N0000", tdesKek);
    try (KeyBlockUnwrapper kek = keys.tmk().unwrapProtectionKey(block);
        UnwrappedKey key = kek.unwrap(versionB)) {
      assertEquals("T", kek.header().algorithm().code());
      assertArrayEquals(data, key.keyBytes());
    }
  }

  @Test
  void unwrappedProtectionKey_hasNoWrapAndNoKeyBytes() {
    Set<String> methods =
        Arrays.stream(KeyBlockUnwrapper.class.getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertTrue(
        methods.containsAll(List.of("unwrap", "unwrapProtectionKey", "close", "destroy")),
        methods.toString());
    for (String forbidden : List.of("wrap", "keyBytes", "kcv", "getEncoded")) {
      assertFalse(methods.contains(forbidden), forbidden);
    }
  }

  @Test
  void unwrapProtectionKey_workingKeyOrWrapOnlyKek_isRefused() throws Exception {
    byte[] k = KeySets.bytes(32, 0x71);
    String wrapOnly = serverWraps(Slot.TMK, "D0000K1AE00N0000", k);
    assertCode(
        ErrorCode.KEYSET_NOT_A_PROTECTION_KEY, () -> keys.tmk().unwrapProtectionKey(wrapOnly));
    String tdk = issued.response().keyBlock(Slot.TDK);
    assertCode(ErrorCode.KEYSET_NOT_A_PROTECTION_KEY, () -> keys.kek().unwrapProtectionKey(tdk));
  }

  @Test
  void nestedKek_followsTheSameRules_andTheSetsLifecycle() throws Exception {
    byte[] nextKek = KeySets.bytes(32, 0x72);
    byte[] grandchild = KeySets.bytes(32, 0x73);
    KeyBlockUnwrapper kek =
        keys.tmk().unwrapProtectionKey(serverWraps(Slot.TMK, "D0000K1AB00N0000", nextKek));
    KeyBlockProtectionKey server = KeyBlockProtectionKey.aes(nextKek);
    String kekUnderKek =
        server.wrap(
            KeyBlockHeader.parse("D0000K0AD00N0000", Profile.STRICT),
            grandchild,
            WrapOptions.defaults());
    String tdkUnderKek = server.wrap(Slot.TDK.headerTemplate(), grandchild, WrapOptions.defaults());
    server.destroy();

    assertCode(ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, () -> kek.unwrap(kekUnderKek));
    try (KeyBlockUnwrapper inner = kek.unwrapProtectionKey(kekUnderKek)) {
      assertEquals("K0", inner.header().keyUsageCode());
    }
    try (UnwrappedKey tdk = kek.unwrap(tdkUnderKek)) {
      assertArrayEquals(grandchild, tdk.keyBytes());
    }

    clock.set(KeySets.EXPIRES);
    assertCode(ErrorCode.KEYSET_EXPIRED, () -> kek.unwrap(tdkUnderKek));
    clock.set(KeySets.ISSUED);
    kek.close();
    assertTrue(kek.isDestroyed());
    assertThrows(IllegalStateException.class, () -> kek.unwrap(tdkUnderKek));

    KeyBlockUnwrapper again =
        keys.tmk().unwrapProtectionKey(serverWraps(Slot.TMK, "D0000K1AB00N0000", nextKek));
    keys.destroy();
    assertThrows(IllegalStateException.class, () -> again.unwrap(tdkUnderKek));
    again.close();
  }
}
