/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static io.tr31.terminal.KeySets.replaceOnce;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.SealedPayload;
import io.tr31.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Server → JSON → terminal, and every refusal of the acceptance list, each on its own. */
class KeySetInstallerTest {
  private IssuedKeySet issued;
  private String json;

  @BeforeEach
  void issue() throws Exception {
    issued = KeySets.seedExample(1);
    json = issued.json();
  }

  @AfterEach
  void destroy() {
    issued.destroy();
  }

  private static Tr31Exception refused(String body, ErrorCode code, Slot slot) {
    return refused(KeySets.installer(), body, code, slot);
  }

  private static Tr31Exception refused(
      KeySetInstaller installer, String body, ErrorCode code, Slot slot) {
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> installer.install(body));
    assertEquals(code, e.code(), e.getMessage());
    KeySets.assertKind(e);
    assertEquals(Optional.ofNullable(slot), KeySets.slotOf(e), e.getMessage());
    if (slot != null) {
      assertTrue(e.getMessage().contains("slot " + slot.jsonName()), e.getMessage());
    }
    return e;
  }

  @Test
  void roundTrip_serverIssuesTerminalInstalls_envelopeOpensOnServer() throws Exception {
    try (InstalledKeySet keys = KeySets.installer().install(json)) {
      assertEquals("ks-2025-01", keys.keySetId());
      assertEquals(KeySets.ISSUED, keys.issuedAt());
      assertEquals(KeySets.EXPIRES, keys.expiresAt());
      assertEquals("tpk-2025-01", keys.keyId(Slot.TPK));
      assertArrayEquals(issued.keyBytes(Slot.TPK), keys.tpk().keyBytes());
      assertArrayEquals(issued.keyBytes(Slot.TDK), keys.tdk().keyBytes());
      assertEquals("P0", keys.tpk().header().keyUsageCode());
      assertEquals("E", keys.tpk().header().modeOfUseCode());
      assertEquals("M7", keys.header(Slot.MAC).keyUsageCode());

      byte[] charge = "{\"amount\":1250,\"currency\":\"EUR\"}".getBytes(StandardCharsets.UTF_8);
      SealedPayload sealed = keys.payloadProtector().seal(charge, EnvelopeOptions.DEFAULTS);
      byte[] body = sealed.body().getBytes(StandardCharsets.US_ASCII);
      assertArrayEquals(charge, KeySets.serverOpens(issued, body, sealed.signature()));
    }
  }

  @Test
  void issue_response_hasTheSeedsShapeAndFieldOrder() {
    assertTrue(
        json.startsWith(
            "{\"key_set\":{\"key_set_id\":\"ks-2025-01\",\"issued_at\":"
                + "\"2025-12-13T14:25:30Z\",\"expires_at\":\"2026-12-13T14:25:30Z\"},\"transport\":"
                + "{\"format\":\"TR31\",\"encryption\":\"AES-256\",\"wrapped_under\":\"kek\"},\"keys\":"
                + "{\"tmk\":{\"key_id\":\"tmk-2025-01\",\"key_block\":\""),
        json);
    for (Slot s : Slot.values()) {
      assertTrue(json.contains("\"usage\":\"" + s.usage() + "\"}"), s.name());
      String kcv = issued.response().kcv(s).hex();
      assertTrue(json.contains("\"" + s.jsonName() + "\":\"" + kcv + "\""), s.name());
      assertEquals(6, kcv.length());
    }
  }

  @Test
  void issue_kcv_isAesEncryptionOfZerosFirstThreeBytes_forEverySlotIncludingMac() throws Exception {
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
    for (Slot s : Slot.values()) {
      aes.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          new javax.crypto.spec.SecretKeySpec(issued.keyBytes(s), "AES"));
      byte[] expected = java.util.Arrays.copyOf(aes.doFinal(new byte[16]), 3);
      assertEquals(Hex.encode(expected), issued.response().kcv(s).hex(), s.name());
    }
  }

  @Test
  void issue_headers_bindEachRoleAndTheMetadata() throws Exception {
    try (InstalledKeySet keys = KeySets.installer().install(json)) {
      assertEquals("D0000K1AD00N0000", template(keys, Slot.TMK));
      assertEquals("D0000K1AD00N0000", template(keys, Slot.KEK));
      assertEquals("D0000D0AB00N0000", template(keys, Slot.MSK));
      assertEquals("D0000P0AE00N0000", template(keys, Slot.TPK));
      assertEquals("D0000D0AB00N0000", template(keys, Slot.TDK));
      assertEquals("D0000M7HC00N0000", template(keys, Slot.MAC));
      String mac = keys.header(Slot.MAC).toString();
      assertTrue(mac.contains("HM0621"), mac);
      String tpk = keys.header(Slot.TPK).toString();
      assertTrue(tpk.contains("LB33tpk/ks-2025-01/tpk-2025-01/2026-12-13T14:25:30Z"), tpk);
      assertTrue(tpk.contains("TS1320251213142530Z"), tpk);
    }
  }

  private static String template(InstalledKeySet keys, Slot slot) {
    String h = keys.header(slot).toString();
    return h.charAt(0) + "0000" + h.substring(5, 12) + "0000";
  }

  /** The issued set's JSON with the key blocks of {@code a} and {@code b} swapped. */
  private String swapped(Slot a, Slot b) {
    KeySetResponse r = issued.response();
    return KeySets.withBlocks(r, Map.of(a, r.keyBlock(b), b, r.keyBlock(a))).toJson();
  }

  /** The issued set's JSON with {@code block} as the key block of {@code slot}. */
  private String withBlock(Slot slot, String block) {
    return KeySets.withBlocks(issued.response(), Map.of(slot, block)).toJson();
  }

  @Test
  void install_swappedMskAndTpkBlocks_refusedBySlotHeader() throws Exception {
    Tr31Exception e =
        refused(swapped(Slot.MSK, Slot.TPK), ErrorCode.KEYSET_SLOT_MISMATCH, Slot.MSK);
    assertTrue(e.getMessage().contains("key usage P0"), e.getMessage());
  }

  @Test
  void install_swappedMskAndTdkBlocks_refusedByTheSlotBoundInTheLabel() throws Exception {
    Tr31Exception e =
        refused(swapped(Slot.MSK, Slot.TDK), ErrorCode.KEYSET_SLOT_MISMATCH, Slot.MSK);
    assertTrue(e.getMessage().contains("another slot"), e.getMessage());
  }

  @Test
  void install_swappedTmkAndKekBlocks_refusedByTheZmk() throws Exception {
    refused(swapped(Slot.TMK, Slot.KEK), ErrorCode.KEYSET_UNWRAP_FAILED, Slot.TMK);
  }

  @Test
  void install_swappedKeyIdsBetweenSlots_refusedAsMetadata() {
    String s = replaceOnce(json, "\"tpk-2025-01\"", "\"X\"");
    s = replaceOnce(s, "\"tdk-2025-01\"", "\"tpk-2025-01\"");
    s = replaceOnce(s, "\"X\"", "\"tdk-2025-01\"");
    refused(s, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TPK);
  }

  @Test
  void install_tmkBlockFromAnotherKeySetUnderTheSameZmk_refusedByItsLabel() throws Exception {
    try (IssuedKeySet other =
        KeySets.issue(KeySets.issuer(2), "ks-2025-02", Duration.ofDays(365))) {
      String mixed = withBlock(Slot.TMK, other.response().keyBlock(Slot.TMK));
      refused(mixed, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TMK);
    }
  }

  @Test
  void install_tpkBlockFromAnotherKeySet_refusedByTheKek() throws Exception {
    try (IssuedKeySet other =
        KeySets.issue(KeySets.issuer(2), "ks-2025-01", Duration.ofDays(365))) {
      String mixed = withBlock(Slot.TPK, other.response().keyBlock(Slot.TPK));
      refused(mixed, ErrorCode.KEYSET_UNWRAP_FAILED, Slot.TPK);
    }
  }

  @Test
  void install_alteredKeyBlockMacCharacter_refusedAsUnwrapFailure() {
    String block = issued.response().keyBlock(Slot.TDK);
    char last = block.charAt(block.length() - 1);
    String altered = block.substring(0, block.length() - 1) + (last == '0' ? '1' : '0');
    refused(withBlock(Slot.TDK, altered), ErrorCode.KEYSET_UNWRAP_FAILED, Slot.TDK);
  }

  @Test
  void install_alteredKeyBlockHeader_refusedAsUnwrapFailure() {
    String block = issued.response().keyBlock(Slot.MAC);
    // Mode of use C -> G (generate only): still a well-formed M7 header, but not what was MACed.
    String altered = block.substring(0, 8) + "G" + block.substring(9);
    refused(withBlock(Slot.MAC, altered), ErrorCode.KEYSET_UNWRAP_FAILED, Slot.MAC);
  }

  @Test
  void install_truncatedKeyBlock_refusedAsMalformed() {
    String block = issued.response().keyBlock(Slot.KEK);
    String s = withBlock(Slot.KEK, block.substring(0, 40));
    Tr31Exception e = refused(s, ErrorCode.KEYSET_KEY_BLOCK_MALFORMED, Slot.KEK);
    assertTrue(e.getMessage().contains("OPTIONAL_BLOCK_TRUNCATED"), e.getMessage());
  }

  @Test
  void install_alteredKcv_refused() {
    String kcv = issued.response().kcv(Slot.MAC).hex();
    String other = (kcv.charAt(0) == 'A' ? "B" : "A") + kcv.substring(1);
    String s = replaceOnce(json, "\"mac\":\"" + kcv + "\"", "\"mac\":\"" + other + "\"");
    refused(s, ErrorCode.KEYSET_KCV_MISMATCH, Slot.MAC);
  }

  @Test
  void install_lowerCaseKcv_isAccepted() throws Exception {
    String kcv = issued.response().kcv(Slot.TDK).hex();
    String s =
        replaceOnce(json, "\"tdk\":\"" + kcv + "\"", "\"tdk\":\"" + kcv.toLowerCase() + "\"");
    KeySets.installer().install(s).destroy();
  }

  @Test
  void install_wrongZmk_refusedAtTheTmk() {
    KeySetInstaller wrong = KeySets.installer(KeySets.OTHER_ZMK, KeySets.AT_ISSUE);
    refused(wrong, json, ErrorCode.KEYSET_UNWRAP_FAILED, Slot.TMK);
  }

  @Test
  void install_expiredSet_refused() {
    Clock atExpiry = Clock.fixed(KeySets.EXPIRES, ZoneOffset.UTC);
    refused(KeySets.installer(atExpiry), json, ErrorCode.KEYSET_EXPIRED, null);
  }

  @Test
  void install_oneSecondBeforeExpiry_isAccepted() throws Exception {
    Clock last = Clock.fixed(KeySets.EXPIRES.minusSeconds(1), ZoneOffset.UTC);
    KeySets.installer(last).install(json).destroy();
  }

  @Test
  void install_clockOneSecondBehindTheIssuer_isAcceptedWithTheDefaultAllowance() throws Exception {
    // Issue 12, F7: a terminal clock a second behind the issuer refused a fresh set.
    Clock behind = Clock.fixed(KeySets.ISSUED.minusSeconds(1), ZoneOffset.UTC);
    try (InstalledKeySet keys = KeySets.installer(behind).install(json)) {
      assertEquals(KeySets.ISSUED, keys.issuedAt());
    }
    Clock fiveMinutes = Clock.fixed(KeySets.ISSUED.minusSeconds(300), ZoneOffset.UTC);
    KeySets.installer(fiveMinutes).install(json).destroy();
  }

  @Test
  void install_configuredAllowance_movesTheStartOnlyAndZeroIsTheExactWindow() throws Exception {
    Clock behind = Clock.fixed(KeySets.ISSUED.minusSeconds(1), ZoneOffset.UTC);
    KeySetInstaller exact =
        KeySetInstaller.builder()
            .clock(behind)
            .notBeforeAllowance(Duration.ZERO)
            .build(KeySets.ZMK.clone());
    refused(exact, json, ErrorCode.KEYSET_NOT_YET_VALID, null);
    for (long s : new long[] {600, 3600}) {
      KeySetInstaller.Builder b =
          KeySetInstaller.builder().notBeforeAllowance(Duration.ofSeconds(s));
      b.clock(Clock.fixed(KeySets.ISSUED.minusSeconds(s), ZoneOffset.UTC));
      b.build(KeySets.ZMK.clone()).install(json).destroy();
      b.clock(Clock.fixed(KeySets.ISSUED.minusSeconds(s + 1), ZoneOffset.UTC));
      refused(b.build(KeySets.ZMK.clone()), json, ErrorCode.KEYSET_NOT_YET_VALID, null);
      b.clock(Clock.fixed(KeySets.EXPIRES, ZoneOffset.UTC));
      refused(b.build(KeySets.ZMK.clone()), json, ErrorCode.KEYSET_EXPIRED, null);
    }
  }

  @Test
  void builder_allowanceOutsideZeroToOneHour_isIllegalArgument() {
    KeySetInstaller.Builder b = KeySetInstaller.builder();
    assertThrows(IllegalArgumentException.class, () -> b.notBeforeAllowance(Duration.ofNanos(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.notBeforeAllowance(KeySetInstaller.MAX_NOT_BEFORE_ALLOWANCE.plusNanos(1)));
    assertThrows(NullPointerException.class, () -> b.notBeforeAllowance(null));
    assertThrows(NullPointerException.class, () -> b.clock(null));
    assertEquals(Duration.ofMinutes(5), KeySetInstaller.DEFAULT_NOT_BEFORE_ALLOWANCE);
  }

  @Test
  void install_notYetValidSet_beyondTheDefaultAllowance_refused() {
    Clock before = Clock.fixed(KeySets.ISSUED.minusSeconds(301), ZoneOffset.UTC);
    refused(KeySets.installer(before), json, ErrorCode.KEYSET_NOT_YET_VALID, null);
  }

  @Test
  void install_alteredKeySetId_refusedAsMetadata() {
    String s = replaceOnce(json, "\"key_set_id\":\"ks-2025-01\"", "\"key_set_id\":\"ks-2025-02\"");
    refused(s, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TMK);
  }

  @Test
  void install_alteredKeyId_refusedAsMetadata() {
    String s = replaceOnce(json, "\"tdk-2025-01\"", "\"tdk-2025-99\"");
    refused(s, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TDK);
  }

  @Test
  void install_extendedExpiresAt_refusedAsMetadata() {
    String s = replaceOnce(json, "\"2026-12-13T14:25:30Z\"", "\"2036-12-13T14:25:30Z\"");
    refused(s, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TMK);
  }

  @Test
  void install_alteredIssuedAt_refusedAsMetadata() {
    String s = replaceOnce(json, "\"2025-12-13T14:25:30Z\"", "\"2025-12-13T14:25:29Z\"");
    Tr31Exception e = refused(s, ErrorCode.KEYSET_METADATA_MISMATCH, Slot.TMK);
    assertTrue(e.getMessage().contains("TS"), e.getMessage());
  }

  @Test
  void install_missingField_refused() {
    String s = replaceOnce(json, ",\"usage\":\"pin-encryption\"", "");
    refused(s, ErrorCode.KEYSET_MISSING_FIELD, Slot.TPK);
  }

  @Test
  void install_missingSlot_refused() {
    int start = json.indexOf(",\"tdk\":{");
    int end = json.indexOf('}', start) + 1;
    refused(
        json.substring(0, start) + json.substring(end), ErrorCode.KEYSET_MISSING_FIELD, Slot.TDK);
  }

  @Test
  void install_extraField_refused() {
    String s = replaceOnce(json, "\"wrapped_under\":\"kek\"", "\"wrapped_under\":\"kek\",\"x\":1");
    refused(s, ErrorCode.KEYSET_UNKNOWN_FIELD, null);
  }

  @Test
  void install_extraFieldInsideAKey_refusedNamingTheSlot() {
    String s =
        replaceOnce(
            json,
            "\"usage\":\"message-authentication\"",
            "\"usage\":\"message-authentication\",\"note\":\"x\"");
    refused(s, ErrorCode.KEYSET_UNKNOWN_FIELD, Slot.MAC);
  }

  @Test
  void install_duplicateJsonKey_refused() {
    String s =
        replaceOnce(
            json,
            "\"key_id\":\"kek-2025-01\"",
            "\"key_id\":\"kek-2025-01\",\"key_id\":\"kek-2025-01\"");
    refused(s, ErrorCode.KEYSET_DUPLICATE_FIELD, Slot.KEK);
  }

  @Test
  void install_duplicateSlotObject_refused() {
    int start = json.indexOf("\"tdk\":{");
    int end = json.indexOf('}', start) + 1;
    String tdk = json.substring(start, end);
    refused(replaceOnce(json, tdk, tdk + "," + tdk), ErrorCode.KEYSET_DUPLICATE_FIELD, Slot.TDK);
  }

  @Test
  void install_nonBase64KeyBlock_refused() {
    String b64 =
        Base64.getEncoder()
            .encodeToString(
                issued.response().keyBlock(Slot.MSK).getBytes(StandardCharsets.US_ASCII));
    refused(
        replaceOnce(json, b64, "*" + b64.substring(1)), ErrorCode.KEYSET_INVALID_BASE64, Slot.MSK);
  }

  @Test
  void install_keyBlockNotBase64ButRawAscii_refused() {
    String b64 =
        Base64.getEncoder()
            .encodeToString(
                issued.response().keyBlock(Slot.MSK).getBytes(StandardCharsets.US_ASCII));
    String raw = issued.response().keyBlock(Slot.MSK);
    refused(replaceOnce(json, b64, raw), ErrorCode.KEYSET_INVALID_BASE64, Slot.MSK);
  }

  @Test
  void install_wrongUsageString_refused() {
    String s = replaceOnce(json, "\"usage\":\"pin-encryption\"", "\"usage\":\"data-encryption\"");
    refused(s, ErrorCode.KEYSET_USAGE_MISMATCH, Slot.TPK);
  }

  @Test
  void install_wrongTransport_refused() {
    String s = replaceOnce(json, "\"encryption\":\"AES-256\"", "\"encryption\":\"AES-128\"");
    refused(s, ErrorCode.KEYSET_INVALID_TRANSPORT, null);
  }

  @Test
  void install_numberWhereAStringBelongs_refusedAsWrongType() {
    String s = replaceOnce(json, "\"key_id\":\"msk-2025-01\"", "\"key_id\":7");
    refused(s, ErrorCode.KEYSET_WRONG_TYPE, Slot.MSK);
  }

  @Test
  void install_failureAtTheLastSlot_leaksNoKeyMaterial() throws Exception {
    String kcv = issued.response().kcv(Slot.MAC).hex();
    String other = (kcv.charAt(0) == 'A' ? "B" : "A") + kcv.substring(1);
    Tr31Exception e =
        refused(
            replaceOnce(json, "\"mac\":\"" + kcv + "\"", "\"mac\":\"" + other + "\""),
            ErrorCode.KEYSET_KCV_MISMATCH,
            Slot.MAC);
    String message = e.getMessage();
    for (Slot s : Slot.values()) {
      assertFalse(message.contains(Hex.encode(issued.keyBytes(s))), s.name());
      assertFalse(message.contains(issued.response().keyBlock(s).substring(0, 20)), s.name());
    }
  }

  @Test
  void issue_givenKeys_areUsedAndKeyIdsFollowTheSeed() throws Exception {
    byte[] tpk = KeySets.bytes(32, 0x70);
    IssueRequest request = IssueRequest.builder().keySetId("ks-2025-07").key(Slot.TPK, tpk).build();
    try (IssuedKeySet set = KeySets.issuer(3).issue(request);
        InstalledKeySet keys = KeySets.installer().install(set.json())) {
      assertArrayEquals(tpk, keys.tpk().keyBytes());
      assertEquals("mac-2025-07", keys.keyId(Slot.MAC));
    }
  }

  @Test
  void issue_defaultKeySetId_isRandomAndValid() throws Exception {
    try (IssuedKeySet set = KeySets.issuer(4).issue(IssueRequest.builder().build())) {
      String id = set.response().keySetId();
      assertTrue(id.matches("ks-[0-9a-f]{8}"), id);
      assertEquals("tmk-" + id.substring(3), set.response().keyId(Slot.TMK));
    }
  }

  @Test
  void install_sameKeyInTwoSlots_refusedForKeySeparation() throws Exception {
    // A faulty server: the TDK block carries the MSK's key (correctly wrapped and bound).
    byte[] msk = KeySets.bytes(32, 0x30);
    try (IssuedKeySet faulty =
            KeySets.issuer(6)
                .issue(IssueRequest.builder().keySetId("ks-2025-01").key(Slot.MSK, msk).build());
        IssuedKeySet other =
            KeySets.issuer(6)
                .issue(IssueRequest.builder().keySetId("ks-2025-01").key(Slot.TDK, msk).build())) {
      // Same seed, same clock: identical TMK and KEK, so the other set's TDK block fits this set.
      String mixed =
          KeySets.withBlocks(
                  faulty.response(), Map.of(Slot.TDK, other.response().keyBlock(Slot.TDK)))
              .toJson()
              .replace(
                  "\"tdk\":\"" + faulty.response().kcv(Slot.TDK).hex() + "\"",
                  "\"tdk\":\"" + other.response().kcv(Slot.TDK).hex() + "\"");
      Tr31Exception e = refused(mixed, ErrorCode.KEYSET_DUPLICATE_KEY, Slot.TDK);
      assertTrue(e.getMessage().contains("same key as msk"), e.getMessage());
    }
  }

  @Test
  void issueRequest_sameKeyForTwoSlots_throwsIllegalArgument() {
    byte[] k = KeySets.bytes(32, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> IssueRequest.builder().key(Slot.TPK, k).key(Slot.TDK, k).build());
  }

  @Test
  void install_concurrentInstallsOfOneInstaller_allSucceed() throws Exception {
    KeySetInstaller installer = KeySets.installer();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  try (InstalledKeySet keys = installer.install(json)) {
                    return Hex.encode(keys.tdk().keyBytes());
                  }
                }));
      }
      for (java.util.concurrent.Future<String> f : results) {
        assertEquals(Hex.encode(issued.keyBytes(Slot.TDK)), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void destroyedIssuerInstallerAndIssuedSet_throwIllegalState() throws Exception {
    KeySetIssuer issuer = KeySets.issuer(10);
    KeySetInstaller installer = KeySets.installer();
    IssuedKeySet set = KeySets.issue(issuer, "ks-x", Duration.ofDays(1));
    issuer.destroy();
    installer.destroy();
    set.destroy();
    assertThrows(
        IllegalStateException.class, () -> KeySets.issue(issuer, "ks-y", Duration.ofDays(1)));
    assertThrows(IllegalStateException.class, () -> installer.install(json));
    assertThrows(IllegalStateException.class, () -> set.keyBytes(Slot.TMK));
    IssueRequest request = IssueRequest.builder().key(Slot.TPK, KeySets.bytes(32, 9)).build();
    request.destroy();
    assertThrows(IllegalStateException.class, () -> KeySets.issuer(11).issue(request));
  }

  @Test
  void prepare_zmkNot32Bytes_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class, () -> KeySets.installer(new byte[16], KeySets.AT_ISSUE));
    assertThrows(IllegalArgumentException.class, () -> KeySetInstaller.prepare(new byte[16]));
    Executable issuer = () -> KeySetIssuer.prepare(new byte[24]);
    assertThrows(IllegalArgumentException.class, issuer);
  }
}
