/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.keyblock.KeyBlockUnwrapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.pin.PinFormat;
import io.tr31.pin.PinKey;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The installed set after install: unwrap-only TMK and KEK, caller-owned TPK and TDK copies, the
 * validity window enforced on every key access, and destruction.
 */
class InstalledKeySetTest {
  private IssuedKeySet issued;
  private KeySets.SettableClock clock;
  private InstalledKeySet keys;

  @BeforeEach
  void install() throws Exception {
    issued = KeySets.seedExample(21);
    clock = new KeySets.SettableClock(KeySets.ISSUED);
    keys = KeySets.installer(clock).install(issued.json());
  }

  @AfterEach
  void destroy() {
    keys.destroy();
    issued.destroy();
  }

  /** A block the server wraps later under its copy of {@code parent}, with a slot's header. */
  private String serverWraps(Slot parent, Slot template, byte[] key) throws Exception {
    return KeySets.serverWraps(issued, parent, template.headerTemplate(), key);
  }

  @Test
  void pinKey_isTheTpkEncipherOnly_theServersCopyDeciphersItsBlocks() throws Exception {
    char[] pin = "1234".toCharArray();
    String pan = "4111111111111111";
    byte[] block;
    try (PinKey terminal = keys.pinKey()) {
      block = terminal.encipher(PinFormat.ISO_4, pin, pan);
      Tr31Exception refused =
          assertThrows(Tr31Exception.class, () -> terminal.decipher(PinFormat.ISO_4, block, pan));
      assertEquals(ErrorCode.PIN_KEY_MODE, refused.code()); // header P0 A E: encipher only
    }
    byte[] storage = KeySets.bytes(32, 0x70);
    byte[] tpk = issued.keyBytes(Slot.TPK);
    try (KeyBlockProtectionKey server = KeyBlockProtectionKey.aes(storage)) {
      String serverCopy =
          server.wrap(
              KeyBlockHeader.parse("D0000P0AD00N0000", Profile.STRICT), tpk, WrapOptions.defaults());
      try (UnwrappedKey k = server.unwrap(serverCopy, Profile.STRICT);
          PinKey host = PinKey.from(k)) {
        assertArrayEquals(pin, host.decipher(PinFormat.ISO_4, block, pan));
      }
    }
    clock.set(KeySets.EXPIRES);
    assertEquals(
        ErrorCode.KEYSET_EXPIRED, assertThrows(Tr31Exception.class, keys::pinKey).code());
  }

  @Test
  void kek_unwrapsANewWorkingKeyTheServerWrapsLater() throws Exception {
    byte[] next = KeySets.bytes(32, 0x50);
    String block = serverWraps(Slot.KEK, Slot.TDK, next);
    try (UnwrappedKey tdk = keys.kek().unwrap(block)) {
      assertArrayEquals(next, tdk.keyBytes());
      assertEquals("D0", tdk.header().keyUsageCode());
    }
    try (UnwrappedKey tdk = keys.kek().unwrap(block, Profile.LENIENT)) {
      assertArrayEquals(next, tdk.keyBytes());
    }
  }

  @Test
  void tmk_unwrapsANewKekAsAnUnwrapOnlyViewButNotABlockUnderTheKek() throws Exception {
    byte[] next = KeySets.bytes(32, 0x60);
    String newKek = serverWraps(Slot.TMK, Slot.KEK, next);
    try (KeyBlockUnwrapper kek = keys.tmk().unwrapProtectionKey(newKek)) {
      assertEquals("K1", kek.header().keyUsageCode());
    }
    String underKek = serverWraps(Slot.KEK, Slot.TDK, next);
    assertThrows(io.tr31.Tr31VerificationException.class, () -> keys.tmk().unwrap(underKek));
  }

  @Test
  void tmkAndKek_areUnwrapOnlyViews_noWrapNoKeyBytes_closingThemLeavesTheSetsKeys()
      throws Exception {
    Set<String> methods =
        Arrays.stream(KeyBlockUnwrapper.class.getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertTrue(methods.contains("unwrap"), methods.toString());
    for (String forbidden : List.of("wrap", "keyBytes", "kcv", "getEncoded")) {
      assertFalse(methods.contains(forbidden), forbidden);
    }
    KeyBlockUnwrapper tmk = keys.tmk();
    KeyBlockUnwrapper kek = keys.kek();
    assertSame(keys.header(Slot.TMK), tmk.header());
    assertSame(keys.header(Slot.KEK), kek.header());
    assertEquals("D", kek.header().modeOfUseCode());
    assertEquals("N", kek.header().exportability().code());
    String block = serverWraps(Slot.KEK, Slot.TDK, KeySets.bytes(32, 0x50));
    // A view of a key the set owns cannot destroy it: closing the view ends the view only.
    kek.close();
    assertTrue(kek.isDestroyed());
    assertThrows(IllegalStateException.class, () -> kek.unwrap(block));
    try (KeyBlockUnwrapper again = keys.kek();
        UnwrappedKey tdk = again.unwrap(block)) {
      assertArrayEquals(KeySets.bytes(32, 0x50), tdk.keyBytes());
    }
    tmk.close();
    keys.tmk().unwrapProtectionKey(issued.response().keyBlock(Slot.KEK)).close();
  }

  @Test
  void tpkAndTdk_closingTheReturnedKey_leavesTheSetUsable() throws Exception {
    try (UnwrappedKey tpk = keys.tpk();
        UnwrappedKey tdk = keys.tdk()) {
      assertEquals("P0", tpk.header().keyUsageCode());
      assertEquals("E", tpk.header().modeOfUseCode());
      assertEquals("D0", tdk.header().keyUsageCode());
    }
    try (UnwrappedKey tpk = keys.tpk();
        UnwrappedKey tdk = keys.tdk()) {
      assertArrayEquals(issued.keyBytes(Slot.TPK), tpk.keyBytes());
      assertArrayEquals(issued.keyBytes(Slot.TDK), tdk.keyBytes());
    }
  }

  @Test
  void tpk_eachCallReturnsANewKeyTheCallerOwns() throws Exception {
    UnwrappedKey first = keys.tpk();
    UnwrappedKey second = keys.tpk();
    assertNotSame(first, second);
    first.destroy();
    assertFalse(second.isDestroyed());
    assertArrayEquals(issued.keyBytes(Slot.TPK), second.keyBytes());
    second.destroy();
  }

  @Test
  void everyKeyAccessor_atExpiresAt_throwsExpired_metadataStaysReadable() throws Exception {
    KeyBlockUnwrapper kept = keys.kek();
    String block = serverWraps(Slot.KEK, Slot.TDK, KeySets.bytes(32, 0x50));
    clock.set(KeySets.EXPIRES);
    for (Executable access : accessors()) {
      Tr31Exception e = assertThrows(Tr31Exception.class, access);
      assertEquals(ErrorCode.KEYSET_EXPIRED, e.code());
    }
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> kept.unwrap(block));
    assertEquals(ErrorCode.KEYSET_EXPIRED, e.code());
    assertEquals("ks-2025-01", keys.keySetId());
    assertEquals(KeySets.EXPIRES, keys.expiresAt());
    assertEquals(issued.response().kcv(Slot.MSK), keys.kcv(Slot.MSK));
  }

  @Test
  void everyKeyAccessor_oneSecondBeforeExpiry_works() throws Throwable {
    clock.set(KeySets.EXPIRES.minusSeconds(1));
    for (Executable access : accessors()) {
      access.execute();
    }
  }

  @Test
  void everyKeyAccessor_clockOneSecondBehindTheIssuer_worksWithTheDefaultAllowance()
      throws Throwable {
    clock.set(KeySets.ISSUED.minusSeconds(1));
    for (Executable access : accessors()) {
      access.execute();
    }
    assertTrue(keys.isValidAt(KeySets.ISSUED.minusSeconds(300)));
  }

  @Test
  void everyKeyAccessor_clockBeforeTheAllowance_throwsNotYetValid() throws Exception {
    KeyBlockUnwrapper kept = keys.tmk();
    clock.set(KeySets.ISSUED.minusSeconds(301));
    for (Executable access : accessors()) {
      Tr31Exception e = assertThrows(Tr31Exception.class, access);
      assertEquals(ErrorCode.KEYSET_NOT_YET_VALID, e.code());
    }
    assertThrows(Tr31Exception.class, () -> kept.unwrap("D0000"));
    clock.set(KeySets.ISSUED);
    assertEquals(issued.keyBytes(Slot.TDK).length, keys.tdk().keyLengthBytes());
  }

  private List<Executable> accessors() {
    return List.of(
        keys::tmk,
        keys::kek,
        keys::payloadProtector,
        () -> keys.tpk(),
        keys::pinKey,
        () -> keys.tdk());
  }

  @Test
  void isValidAt_isIssuedAtMinusTheAllowanceInclusiveToExpiresAtExclusive() {
    assertFalse(keys.isValidAt(KeySets.ISSUED.minusSeconds(300).minusNanos(1)));
    assertTrue(keys.isValidAt(KeySets.ISSUED.minusSeconds(300)));
    assertTrue(keys.isValidAt(KeySets.ISSUED));
    assertTrue(keys.isValidAt(KeySets.EXPIRES.minusNanos(1)));
    assertFalse(keys.isValidAt(KeySets.EXPIRES));
    keys.destroy();
    assertTrue(keys.isValidAt(KeySets.ISSUED));
  }

  @Test
  void destroy_destroysTheSetsKeys_andEveryAccessThrowsIllegalState() throws Exception {
    PayloadProtector payloads = keys.payloadProtector();
    KeyBlockUnwrapper tmk = keys.tmk();
    KeyBlockUnwrapper kek = keys.kek();
    UnwrappedKey tpk = keys.tpk();
    String block = serverWraps(Slot.KEK, Slot.TDK, KeySets.bytes(32, 0x50));
    assertFalse(keys.isDestroyed());
    payloads.close(); // a view: the set's keys stay
    assertFalse(payloads.isDestroyed());
    keys.payloadProtector().sign(new byte[0]);
    keys.close();
    assertTrue(keys.isDestroyed());
    assertTrue(payloads.isDestroyed());
    assertThrows(IllegalStateException.class, () -> payloads.sign(new byte[0]));
    assertThrows(IllegalStateException.class, () -> tmk.unwrap(block));
    assertThrows(IllegalStateException.class, () -> kek.unwrap(block));
    // Even outside the window, destruction is what a destroyed set reports.
    clock.set(KeySets.EXPIRES);
    assertThrows(IllegalStateException.class, () -> kek.unwrap(block));
    for (Executable access : accessors()) {
      assertThrows(IllegalStateException.class, access);
    }
    assertFalse(tpk.isDestroyed(), "the caller's copy is the caller's");
    tpk.destroy();
    assertEquals("ks-2025-01", keys.keySetId(), "the metadata stays readable");
    keys.destroy();
  }

  @Test
  void install_tmkEqualToTheZmk_refusedForKeySeparation() throws Exception {
    // A faulty server re-sent the ZMK as the TMK: a correct block under the ZMK, correctly bound.
    try (IssuedKeySet faulty = issueUnderZmkWithTmk(KeySets.ZMK)) {
      Tr31Exception e =
          assertThrows(Tr31Exception.class, () -> KeySets.installer().install(faulty.json()));
      assertEquals(ErrorCode.KEYSET_DUPLICATE_KEY, e.code());
      assertEquals(Slot.TMK, KeySets.slotOf(e).orElseThrow());
      assertTrue(e.getMessage().contains("same key as the ZMK"), e.getMessage());
    }
  }

  @Test
  void install_tmkNotEqualToTheZmk_isAcceptedByTheSameConstruction() throws Exception {
    try (IssuedKeySet fine = issueUnderZmkWithTmk(KeySets.bytes(32, 0x77));
        InstalledKeySet got = KeySets.installer().install(fine.json())) {
      assertEquals("ks-2025-01", got.keySetId());
    }
  }

  /**
   * A set whose TMK is {@code tmk}, with its TMK block wrapped under {@link KeySets#ZMK}: issued
   * under another ZMK (the issuer refuses its own ZMK as a key), then the TMK block re-wrapped.
   */
  private static IssuedKeySet issueUnderZmkWithTmk(byte[] tmk) throws Exception {
    KeySetIssuer other = KeySets.issuer(KeySets.OTHER_ZMK, 3);
    try (IssuedKeySet set =
        other.issue(IssueRequest.builder().keySetId("ks-2025-01").key(Slot.TMK, tmk).build())) {
      KeySetResponse r = set.response();
      KeyBlockHeader header =
          Slot.TMK
              .headerTemplate()
              .toBuilder()
              .optionalBlock(OptionalBlock.label(r.label(Slot.TMK)))
              .optionalBlock(OptionalBlock.timestamp(OptionalBlockId.TS, r.issuedAt()))
              .build();
      // wrap refuses the ZMK as a key (KEY_IS_KBPK): forge the faulty server's block
      String block =
          io.tr31.keyblock.ForgedBlocks.aesBlockEvenOfTheKbpk(
              KeySets.ZMK, header, tmk, WrapOptions.defaults());
      Map<Slot, byte[]> keys = new EnumMap<>(Slot.class);
      for (Slot s : Slot.values()) {
        keys.put(s, set.keyBytes(s));
      }
      return new IssuedKeySet(KeySets.withBlocks(r, Map.of(Slot.TMK, block)), keys);
    } finally {
      other.destroy();
    }
  }

  @Test
  void issue_givenKeyEqualToTheZmk_throwsIllegalArgument() {
    for (Slot s : List.of(Slot.TMK, Slot.KEK, Slot.MAC)) {
      IssueRequest request = IssueRequest.builder().key(s, KeySets.ZMK).build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> KeySets.issuer(5).issue(request));
      assertEquals("the key given for " + s + " is the ZMK", e.getMessage());
    }
  }

  @Test
  void seal_withTheInstalledMsk_opensOnTheServer() throws Exception {
    byte[] charge = "{\"amount\":1}".getBytes(StandardCharsets.UTF_8);
    SealedPayload sealed = keys.payloadProtector().seal(charge, EnvelopeOptions.DEFAULTS);
    byte[] body = sealed.body().getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(charge, KeySets.serverOpens(issued, body, sealed.signature()));
  }
}
