/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Destruction, state and {@code toString} of the issuer, the installer, the request and the set.
 */
class KeySetLifecycleTest {
  @Test
  void issuedSet_close_wipesItsCopiesAndKeepsThePublicData() throws Exception {
    IssuedKeySet set = KeySets.seedExample(51);
    String json = set.json();
    assertFalse(set.isDestroyed());
    set.close();
    assertTrue(set.isDestroyed());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> set.keyBytes(Slot.MAC));
    assertEquals("IssuedKeySet was destroyed", e.getMessage());
    assertEquals(json, set.json());
    assertEquals("ks-2025-01", set.keySetId());
    assertEquals("tmk-2025-01", set.keyId(Slot.TMK));
    set.destroy();
    assertTrue(set.isDestroyed());
  }

  @Test
  void issueRequest_close_isObservable_andToStringShowsNoKey() {
    IssueRequest r =
        IssueRequest.builder()
            .keySetId("ks-7")
            .validity(Duration.ofDays(2))
            .key(Slot.TDK, KeySets.bytes(32, 0x41))
            .build();
    assertFalse(r.toString().contains(io.tr31.internal.Hex.encode(KeySets.bytes(32, 0x41))));
    assertEquals("ks-7", r.keySetId().orElseThrow());
    assertEquals(Duration.ofDays(2), r.validity());
    assertFalse(r.isDestroyed());
    assertTrue(r.key(Slot.TDK).isPresent());
    r.close();
    assertTrue(r.isDestroyed());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.key(Slot.TDK));
    assertEquals("IssueRequest was destroyed", e.getMessage());
  }

  @Test
  void issueRequestBuilder_buildingAgain_forgetsTheKeysOfTheFirstBuild() {
    IssueRequest.Builder b = IssueRequest.builder().key(Slot.TPK, KeySets.bytes(32, 0x42));
    IssueRequest first = b.build();
    IssueRequest second = b.build();
    assertTrue(first.key(Slot.TPK).isPresent());
    assertTrue(second.key(Slot.TPK).isEmpty());
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
      assertNotEquals(a.keySetId(), b.keySetId());
      assertNotEquals("ks-00000000", a.keySetId());
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
    assertEquals("KeySetIssuer was destroyed", e.getMessage());
    issuer.destroy();
  }

  @Test
  void installer_destroyed_refusesBeforeParsing() throws Exception {
    KeySetInstaller installer = KeySets.installer();
    assertFalse(installer.isDestroyed());
    KeySetResponse parsed;
    try (IssuedKeySet set = KeySets.seedExample(54)) {
      parsed = KeySetResponse.parse(set.json());
    }
    installer.destroy();
    assertTrue(installer.isDestroyed());
    for (org.junit.jupiter.api.function.Executable install :
        new org.junit.jupiter.api.function.Executable[] {
          () -> installer.install("not json"),
          () -> installer.install(new byte[] {'x'}),
          () -> installer.install(parsed)
        }) {
      IllegalStateException e = assertThrows(IllegalStateException.class, install);
      assertEquals("KeySetInstaller was destroyed", e.getMessage());
    }
    installer.destroy();
  }
}
