/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.tr31.Tr31Exception;
import io.tr31.testing.Gens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * The canonical single-envelope fast path accepts only bodies the full (Jackson) parser accepts,
 * with the same IV and ciphertext: checked on sealed bodies with one byte overwritten.
 */
class EnvelopeFastPathProperties {
  private static final PayloadProtector KEY =
      PayloadProtector.create(new byte[32], new byte[32], new SecureRandom());

  /** A byte likely to matter: hex digits of both cases, JSON punctuation, space, high bytes. */
  private static Gen<Integer> interestingByte() {
    byte[] pool = "0aF\"{}:, \\g".getBytes(StandardCharsets.US_ASCII);
    return in -> {
      int i = (int) in.next(Constraint.between(0, pool.length));
      return i == pool.length ? 0xC3 : pool[i] & 0xFF;
    };
  }

  @Test
  void fastPathAccepts_onlyWhatTheFullParserAccepts_withTheSameValues() {
    qt().forAll(Gens.bytes(0, 40), Gens.bytes(4), interestingByte())
        .check(
            (plaintext, where, b) -> {
              byte[] body =
                  KEY.seal(plaintext, EnvelopeOptions.DEFAULTS)
                      .body()
                      .getBytes(StandardCharsets.US_ASCII);
              int at = Math.floorMod(ByteBuffer.wrap(where).getInt(), body.length + 1);
              if (at < body.length) {
                body[at] = (byte) (int) b;
              }
              ParsedEnvelope fast = new ParsedEnvelope();
              if (!EnvelopeFormat.parseCanonicalSingle(body, fast)) {
                return true;
              }
              ParsedEnvelope full = new ParsedEnvelope();
              try {
                EnvelopeParser.parse(
                    body,
                    EnvelopeOptions.DEFAULT_MAX_BODY_BYTES,
                    full,
                    (index, iv, ct, offset) -> {
                      throw new AssertionError("no chunks in a single envelope");
                    });
              } catch (Tr31Exception e) {
                return false;
              }
              return !full.chunked
                  && Arrays.equals(fast.iv, full.iv)
                  && Arrays.equals(fast.ciphertext, full.ciphertext);
            });
  }

  @Test
  void sealedBody_takesTheFastPath() {
    ParsedEnvelope env = new ParsedEnvelope();
    assertTrue(
        EnvelopeFormat.parseCanonicalSingle(
            KEY.seal(new byte[100], EnvelopeOptions.DEFAULTS)
                .body()
                .getBytes(StandardCharsets.US_ASCII),
            env));
  }
}
