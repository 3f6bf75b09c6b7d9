/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.tr31.Tr31Exception;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.SealedPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Server → JSON → terminal under random keys, ids, times and clocks; any one-character change of
 * the JSON is refused or changes nothing; a block in another slot is refused; the window is exactly
 * {@code issued_at - allowance <= now < expires_at} (the default not-before allowance).
 */
class KeySetProperties {
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

  /** 9999-12-31T23:59:59Z minus the longest validity generated. */
  private static final long LATEST_ISSUE = 253402300799L - 20L * 365 * 86400;

  private static Gen<String> ids() {
    return in -> {
      int n = (int) in.next(Constraint.between(1, KeySetResponse.MAX_ID_CHARS));
      char[] c = new char[n];
      for (int i = 0; i < n; i++) {
        c[i] = ID_CHARS.charAt((int) in.next(Constraint.between(0, ID_CHARS.length() - 1)));
      }
      return new String(c);
    };
  }

  private static Map<Slot, byte[]> keys(long seed) {
    Random r = new Random(seed);
    Map<Slot, byte[]> keys = new EnumMap<>(Slot.class);
    for (Slot s : Slot.values()) {
      byte[] k = new byte[32];
      r.nextBytes(k);
      keys.put(s, k);
    }
    return keys;
  }

  @Test
  void roundTrip_randomKeysIdsTimesAndClocks_installsExactlyWhatWasIssued() {
    qt().withExamples(60)
        .forAll(
            ids().zip(ids(), (a, b) -> new String[] {a, b}),
            longs().between(0, LATEST_ISSUE),
            longs().between(1, 20L * 365 * 86400),
            longs().all())
        .checkAssert(
            (setAndTpkId, issuedSecond, validitySeconds, seed) -> {
              String setId = setAndTpkId[0];
              String tpkId = setAndTpkId[1];
              Instant issued = Instant.ofEpochSecond(issuedSecond);
              Map<Slot, byte[]> keys = keys(seed);
              IssueRequest.Builder b =
                  IssueRequest.builder()
                      .keySetId(setId)
                      .keyId(Slot.TPK, tpkId)
                      .validity(Duration.ofSeconds(validitySeconds));
              keys.forEach(b::key);
              KeySetIssuer issuer =
                  KeySetIssuer.builder()
                      .random(KeySets.seeded(seed))
                      .clock(Clock.fixed(issued, ZoneOffset.UTC))
                      .build(KeySets.ZMK);
              Instant now = issued.plusSeconds(Math.floorMod(seed, validitySeconds));
              try (IssuedKeySet set = issuer.issue(b.build());
                  InstalledKeySet got =
                      KeySets.installer(Clock.fixed(now, ZoneOffset.UTC)).install(set.json())) {
                assertEquals(setId, got.keySetId());
                assertEquals(tpkId, got.keyId(Slot.TPK));
                assertEquals(issued, got.issuedAt());
                assertEquals(issued.plusSeconds(validitySeconds), got.expiresAt());
                assertArrayEquals(keys.get(Slot.TPK), got.tpk().keyBytes());
                assertArrayEquals(keys.get(Slot.TDK), got.tdk().keyBytes());
                for (Slot s : Slot.values()) {
                  assertEquals(KeySetKcv.compute(keys.get(s)), got.kcv(s), s.name());
                }
                byte[] m = Arrays.copyOf(keys.get(Slot.MSK), Math.floorMod(seed, 40));
                SealedPayload sealed = got.payloadProtector().seal(m, EnvelopeOptions.DEFAULTS);
                byte[] body = sealed.body().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertArrayEquals(m, KeySets.serverOpens(set, body, sealed.signature()));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void anyOneCharacterChange_isRefusedOrInstallsTheSameSet() throws Exception {
    try (IssuedKeySet set = KeySets.seedExample(7)) {
      String json = set.json();
      KeySetInstaller installer = KeySets.installer();
      qt().withExamples(400)
          .forAll(integers().between(0, json.length() - 1), integers().between(0x20, 0x7E))
          .checkAssert(
              (pos, ch) -> {
                String changed = json.substring(0, pos) + (char) (int) ch + json.substring(pos + 1);
                try (InstalledKeySet got = installer.install(changed)) {
                  assertEquals(set.response().keySetId(), got.keySetId());
                  assertEquals(set.response().issuedAt(), got.issuedAt());
                  assertEquals(set.response().expiresAt(), got.expiresAt());
                  for (Slot s : Slot.values()) {
                    assertEquals(set.response().keyId(s), got.keyId(s), s.name());
                    assertEquals(set.response().kcv(s), got.kcv(s), s.name());
                  }
                  assertArrayEquals(set.keyBytes(Slot.TPK), got.tpk().keyBytes());
                  assertArrayEquals(set.keyBytes(Slot.TDK), got.tdk().keyBytes());
                } catch (Tr31Exception refused) {
                  // refused: fine
                }
              });
    }
  }

  @Test
  void twoBlocksSwappedBetweenAnyTwoSlots_areRefused() throws Exception {
    try (IssuedKeySet set = KeySets.seedExample(8)) {
      KeySetResponse r = set.response();
      KeySetInstaller installer = KeySets.installer();
      qt().withExamples(60)
          .forAll(integers().between(0, 5), integers().between(1, 5))
          .checkAssert(
              (a, shift) -> {
                Slot x = Slot.values()[a];
                Slot y = Slot.values()[(a + shift) % 6];
                String swapped =
                    KeySets.withBlocks(r, Map.of(x, r.keyBlock(y), y, r.keyBlock(x))).toJson();
                try {
                  installer.install(swapped).destroy();
                  throw new AssertionError(x + " and " + y + " swapped but installed");
                } catch (Tr31Exception refused) {
                  assertEquals(
                      x.ordinal() < y.ordinal() ? x : y,
                      KeySets.slotOf(refused).orElseThrow(),
                      refused.getMessage());
                }
              });
    }
  }

  @Test
  void validityWindow_isIssuedAtMinusTheAllowanceInclusiveToExpiresAtExclusive() throws Exception {
    Instant start = KeySets.ISSUED.minus(KeySetInstaller.DEFAULT_NOT_BEFORE_ALLOWANCE);
    try (IssuedKeySet set = KeySets.seedExample(9)) {
      String json = set.json();
      qt().withExamples(80)
          .forAll(integers().between(0, 2), longs().between(-3, 3), longs().between(-86400, 86400))
          .checkAssert(
              (anchor, near, far) -> {
                Instant base = anchor == 0 ? start : anchor == 1 ? KeySets.ISSUED : KeySets.EXPIRES;
                long offset = Math.abs(far) < 10 ? far : near;
                Instant now = base.plusSeconds(offset);
                boolean inside = !now.isBefore(start) && now.isBefore(KeySets.EXPIRES);
                try {
                  KeySets.installer(Clock.fixed(now, ZoneOffset.UTC)).install(json).destroy();
                  assertEquals(true, inside, "installed at " + now);
                } catch (Tr31Exception e) {
                  assertEquals(false, inside, "refused at " + now + ": " + e.getMessage());
                }
              });
    }
  }
}
