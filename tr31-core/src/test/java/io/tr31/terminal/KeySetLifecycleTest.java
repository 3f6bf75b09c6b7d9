/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.envelope.PayloadProtector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Destruction, state and {@code toString} of the issuer, the installer, the request and the set.
 */
class KeySetLifecycleTest {
  @Test
  void issuedSet_close_destroysItsPreparedKeysAndCopies() throws Exception {
    IssuedKeySet set = KeySets.seedExample(51);
    PayloadProtector payloads = set.payloadProtector();
    assertFalse(set.isDestroyed());
    assertEquals("IssuedKeySet[ks-2025-01]", set.toString());
    set.close();
    assertTrue(set.isDestroyed());
    assertTrue(payloads.isDestroyed());
    assertThrows(IllegalStateException.class, () -> payloads.sign(new byte[0]));
    assertThrows(IllegalStateException.class, set::payloadProtector);
    assertThrows(IllegalStateException.class, () -> set.keyBytes(Slot.MAC));
    assertEquals("IssuedKeySet[ks-2025-01, destroyed]", set.toString());
    set.destroy();
    assertTrue(set.isDestroyed());
  }

  @Test
  void issueRequest_destroy_isObservable_andToStringShowsNoKey() {
    IssueRequest r =
        IssueRequest.builder()
            .keySetId("ks-7")
            .validity(Duration.ofDays(2))
            .key(Slot.TDK, KeySets.bytes(32, 0x41))
            .build();
    assertEquals("IssueRequest[keySetId=ks-7, validity=PT48H, given keys=[TDK]]", r.toString());
    assertFalse(r.isDestroyed());
    assertTrue(r.key(Slot.TDK).isPresent());
    r.destroy();
    assertTrue(r.isDestroyed());
    assertThrows(IllegalStateException.class, () -> r.key(Slot.TDK));
  }

  @Test
  void issueRequestBuilder_buildingAgain_forgetsTheKeysOfTheFirstBuild() {
    IssueRequest.Builder b = IssueRequest.builder().key(Slot.TPK, KeySets.bytes(32, 0x42));
    IssueRequest first = b.build();
    IssueRequest second = b.build();
    assertTrue(first.key(Slot.TPK).isPresent());
    assertTrue(second.key(Slot.TPK).isEmpty());
    assertTrue(second.toString().endsWith("given keys=[]]"), second.toString());
  }

  @Test
  void issueRequest_derivedKeyIds_areCutToSixtyFourCharacters() {
    IssueRequest r = IssueRequest.builder().build();
    String sixtyOne = "k".repeat(61);
    assertEquals("tmk-" + "k".repeat(60), r.keyId(Slot.TMK, sixtyOne));
    assertEquals(64, r.keyId(Slot.TMK, "ks-" + "k".repeat(61)).length());
    assertEquals("tmk-" + "k".repeat(60), r.keyId(Slot.TMK, "ks-" + "k".repeat(61)));
    assertEquals("tmk-2025-01", r.keyId(Slot.TMK, "ks-2025-01"));
  }

  @Test
  void issuer_defaultKeySetIds_areDrawnFresh() throws Exception {
    KeySetIssuer issuer = KeySets.issuer(52);
    try (IssuedKeySet a = issuer.issue(IssueRequest.builder().build());
        IssuedKeySet b = issuer.issue(IssueRequest.builder().build())) {
      assertNotEquals(a.response().keySetId(), b.response().keySetId());
      assertNotEquals("ks-00000000", a.response().keySetId());
    }
  }

  @Test
  void issuer_destroyed_refusesBeforeReadingTheRequest() {
    KeySetIssuer issuer = KeySets.issuer(53);
    issuer.destroy();
    assertTrue(issuer.isDestroyed());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> issuer.issue(IssueRequest.builder().build()));
    assertEquals("KeySetIssuer destroyed", e.getMessage());
    issuer.destroy();
  }

  @Test
  void installer_destroyed_refusesBeforeParsing() throws Exception {
    KeySetInstaller installer = KeySets.installer();
    assertFalse(installer.isDestroyed());
    assertEquals("KeySetInstaller[ZMK AES-256]", installer.toString());
    KeySetResponse parsed;
    try (IssuedKeySet set = KeySets.seedExample(54)) {
      parsed = KeySetResponse.parse(set.json());
    }
    installer.destroy();
    assertTrue(installer.isDestroyed());
    assertEquals("KeySetInstaller[ZMK AES-256, destroyed]", installer.toString());
    for (org.junit.jupiter.api.function.Executable install :
        new org.junit.jupiter.api.function.Executable[] {
          () -> installer.install("not json"),
          () -> installer.install(new byte[] {'x'}),
          () -> installer.install(parsed)
        }) {
      IllegalStateException e = assertThrows(IllegalStateException.class, install);
      assertEquals("KeySetInstaller destroyed", e.getMessage());
    }
    installer.destroy();
  }
}
