/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.Tr31Exception;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.WrapOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Test fixtures: fixed ZMK, the seed's issue time, deterministic randomness, JSON surgery. */
final class KeySets {
  static final Instant ISSUED = Instant.parse("2025-12-13T14:25:30Z");
  static final Instant EXPIRES = Instant.parse("2026-12-13T14:25:30Z");
  static final Clock AT_ISSUE = Clock.fixed(ISSUED, ZoneOffset.UTC);
  static final byte[] ZMK = bytes(32, 0x20);
  static final byte[] OTHER_ZMK = bytes(32, 0x21);

  private KeySets() {}

  static byte[] bytes(int n, int start) {
    return io.tr31.testing.Gens.counting(n, start);
  }

  static SecureRandom seeded(long seed) {
    return io.tr31.testing.FixedRandom.seeded(seed);
  }

  static KeySetIssuer issuer(long seed) {
    return issuer(ZMK, seed);
  }

  static KeySetIssuer issuer(byte[] zmk, long seed) {
    return KeySetIssuer.builder().random(seeded(seed)).clock(AT_ISSUE).build(zmk);
  }

  /** Issues a set with generated keys, {@code id} and {@code validity}. */
  static IssuedKeySet issue(KeySetIssuer issuer, String id, Duration validity) {
    try (IssueRequest r = IssueRequest.builder().keySetId(id).validity(validity).build()) {
      return issuer.issue(r);
    }
  }

  static KeySetInstaller installer() {
    return installer(AT_ISSUE);
  }

  static KeySetInstaller installer(Clock clock) {
    return installer(ZMK, clock);
  }

  static KeySetInstaller installer(byte[] zmk, Clock clock) {
    return KeySetInstaller.builder().clock(clock).build(zmk);
  }

  /** The slot a refusal names in its message ({@code (slot tpk...}), if any. */
  static Optional<Slot> slotOf(Tr31Exception e) {
    for (Slot s : Slot.values()) {
      if (e.getMessage().contains("(slot " + s.jsonName())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Fails unless {@code e} is the exception type of its code's kind. */
  static void assertKind(Tr31Exception e) {
    Class<?> expected;
    switch (e.code().kind()) {
      case FORMAT:
        expected = io.tr31.Tr31FormatException.class;
        break;
      case POLICY:
        expected = io.tr31.Tr31PolicyException.class;
        break;
      default:
        expected = io.tr31.Tr31VerificationException.class;
        break;
    }
    if (e.getClass() != expected) {
      throw new AssertionError(e.code() + " thrown as " + e.getClass().getSimpleName());
    }
  }

  /** The seed's example set: ks-2025-01, issued 2025-12-13T14:25:30Z, valid 365 days. */
  static IssuedKeySet seedExample(long seed) throws Exception {
    return issue(issuer(seed), "ks-2025-01", Duration.ofDays(365));
  }

  /** A block the server wraps later under its copy of {@code parent}'s key, with {@code header}. */
  static String serverWraps(IssuedKeySet issued, Slot parent, KeyBlockHeader header, byte[] key)
      throws Exception {
    KeyBlockProtectionKey p =
        KeyBlockProtectionKey.aes(issued.keyBytes(parent));
    try {
      return p.wrap(header, key, WrapOptions.defaults());
    } finally {
      p.destroy();
    }
  }

  /** The server opens with its own MSK and MAC key, prepared from its key store's copies. */
  static byte[] serverOpens(IssuedKeySet set, byte[] body, String signature) throws Exception {
    byte[] m = set.keyBytes(Slot.MSK);
    byte[] h = set.keyBytes(Slot.MAC);
    try (PayloadProtector server = PayloadProtector.create(m, h)) {
      return server.open(body, signature, EnvelopeOptions.DEFAULTS);
    } finally {
      java.util.Arrays.fill(m, (byte) 0);
      java.util.Arrays.fill(h, (byte) 0);
    }
  }

  /** A copy of {@code r} with the given key blocks replaced. */
  static KeySetResponse withBlocks(KeySetResponse r, Map<Slot, String> replaced) {
    Map<Slot, String> ids = new EnumMap<>(Slot.class);
    Map<Slot, String> blocks = new EnumMap<>(Slot.class);
    Map<Slot, io.tr31.keyblock.KeyCheckValue> kcvs = new EnumMap<>(Slot.class);
    for (Slot s : Slot.values()) {
      ids.put(s, r.keyId(s));
      blocks.put(s, replaced.getOrDefault(s, r.keyBlock(s)));
      kcvs.put(s, r.kcv(s));
    }
    return new KeySetResponse(r.keySetId(), r.issuedAt(), r.expiresAt(), ids, blocks, kcvs);
  }

  /** A clock a test moves, to use an installed set at several times. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Replaces exactly one occurrence of {@code from}; fails the test if there is not exactly one.
   */
  static String replaceOnce(String json, String from, String to) {
    int i = json.indexOf(from);
    if (i < 0 || json.indexOf(from, i + 1) >= 0) {
      throw new AssertionError("expected exactly one " + from);
    }
    return json.substring(0, i) + to + json.substring(i + from.length());
  }
}
