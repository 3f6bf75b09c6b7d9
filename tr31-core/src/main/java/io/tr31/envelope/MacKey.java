/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A prepared HMAC-SHA256 key (the terminal's MAC key) that signs and verifies envelope bodies.
 *
 * <p>The seed API signs the charge, activate and refund request and response bodies and sends an
 * HMAC over the empty body with cancel responses ({@code sign(new byte[0])}). The MAC always covers
 * the EXACT body bytes as sent or received, never re-serialised JSON (the nimbus-jose-jwt rule):
 * sign the bytes you put on the wire, verify the bytes you took off it.
 *
 * <p>Signatures are written as 64 upper-case hex digits and read in either case.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>{@link #verify} compares with {@link MessageDigest#isEqual} (constant time for equal
 *       lengths), returns nothing and throws on mismatch, so a {@code false} cannot be ignored
 *       (Tink's {@code verifyMac}). Only full 32-byte tags are accepted; a malformed signature is
 *       refused before any MAC is computed.
 *   <li>Keys shorter than 16 bytes are refused (RFC 2104 section 3 recommends at least the hash
 *       output length; 16 bytes is Tink's floor).
 *   <li>{@link #destroy()} drops the key and re-keys every pooled {@link javax.crypto.Mac},
 *       whichever thread used it last, with a constant key (a {@code Mac} in use at that moment is
 *       re-keyed when its operation ends). The JCE {@code SecretKeySpec} and the replaced arrays
 *       inside the providers are copies the JVM gives no way to wipe: zeroing is best effort.
 *   <li>Immutable and thread-safe: concurrent calls take separate {@code Mac} objects from this
 *       key's bounded pool.
 * </ul>
 *
 * <p>Standard: HMAC per RFC 2104 / FIPS 198-1 with SHA-256 (FIPS 180-4).
 *
 * @since 0.1.0
 */
public final class MacKey implements Destroyable {
  /** Length of a signature in bytes (64 hex digits). */
  public static final int SIGNATURE_BYTES = HmacSha256.TAG_BYTES;

  /** Shortest accepted key. */
  public static final int MIN_KEY_BYTES = 16;

  private final AtomicBoolean destroyed = new AtomicBoolean();
  private volatile HmacSha256 hmac;

  private MacKey(HmacSha256 hmac) {
    this.hmac = hmac;
  }

  /**
   * Prepares an HMAC-SHA256 key. The array is copied; the caller may wipe it afterwards.
   *
   * @param key the HMAC key, at least {@link #MIN_KEY_BYTES} bytes; not {@code null}
   * @return the prepared key, which the caller destroys when done
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
   */
  public static MacKey prepare(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("HMAC key must be at least 16 bytes");
    }
    return new MacKey(new HmacSha256(new SecretKeySpec(key, HmacSha256.ALGORITHM)));
  }

  /**
   * Signs a body.
   *
   * @param body exactly the bytes that go on the wire (may be empty); not {@code null}
   * @return the HMAC-SHA256 of {@code body} as 64 upper-case hex digits
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sign(byte[] body) {
    Objects.requireNonNull(body, "body");
    return Hex.encode(live().compute(body, 0, body.length));
  }

  /**
   * Signs everything a stream yields, in bounded memory. The stream is read to its end, not closed.
   *
   * @param body the bytes that go on the wire; not {@code null}
   * @return the HMAC-SHA256 of the stream's bytes as 64 upper-case hex digits
   * @throws IOException when reading {@code body} fails
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sign(InputStream body) throws IOException {
    return Hex.encode(tag(body));
  }

  /**
   * Verifies {@code signatureHex} over exactly {@code body}.
   *
   * @param body exactly the bytes taken off the wire; not {@code null}
   * @param signatureHex the received signature, 64 hex digits in either case; not {@code null}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws EnvelopeException {@link ErrorCode#ENVELOPE_SIGNATURE_MALFORMED} when the signature is
   *     not 64 hex digits, {@link ErrorCode#ENVELOPE_MAC_MISMATCH} when it does not verify
   */
  public void verify(byte[] body, String signatureHex) throws EnvelopeException {
    Objects.requireNonNull(body, "body");
    HmacSha256 h = live();
    byte[] expected = parseSignature(signatureHex);
    compare(h.compute(body, 0, body.length), expected);
  }

  /**
   * Verifies {@code signatureHex} over everything {@code body} yields, in bounded memory. Use it
   * for a two-pass authenticated open of a large body kept in a file: verify the file, then open it
   * again with {@link EnvelopeKey#openUnauthenticated(InputStream, java.io.OutputStream,
   * OpenOptions)} (the file must not change between the passes).
   *
   * @param body the bytes taken off the wire, read to the end and not closed; not {@code null}
   * @param signatureHex the received signature, 64 hex digits in either case, checked before the
   *     stream is read; not {@code null}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws EnvelopeException as {@link #verify(byte[], String)}
   * @throws IOException when reading {@code body} fails
   */
  public void verify(InputStream body, String signatureHex) throws EnvelopeException, IOException {
    byte[] expected = parseSignature(signatureHex);
    compare(tag(body), expected);
  }

  private byte[] tag(InputStream body) throws IOException {
    Objects.requireNonNull(body, "body");
    return live().compute(body);
  }

  private static void compare(byte[] actual, byte[] expected) throws EnvelopeException {
    try {
      if (!MessageDigest.isEqual(actual, expected)) {
        throw new EnvelopeException(ErrorCode.ENVELOPE_MAC_MISMATCH);
      }
    } finally {
      Bytes.wipe(actual, expected);
    }
  }

  /** Decodes a 64-digit signature in either case; public shape checks only. */
  static byte[] parseSignature(String signatureHex) throws EnvelopeException {
    Objects.requireNonNull(signatureHex, "signatureHex");
    if (signatureHex.length() != 2 * SIGNATURE_BYTES) {
      throw new EnvelopeException(
          ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, -1, "length " + signatureHex.length());
    }
    try {
      return Hex.decode(signatureHex, 0, signatureHex.length(), true);
    } catch (Tr31FormatException e) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, e.offset(), null);
    }
  }

  HmacSha256 live() {
    HmacSha256 h = hmac;
    if (h == null || destroyed.get()) {
      throw new IllegalStateException("MacKey has been destroyed");
    }
    return h;
  }

  /** Drops the key (best effort: see the class description). Idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      HmacSha256 h = hmac;
      hmac = null;
      h.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "MacKey[HMAC-SHA256" + (destroyed.get() ? ", destroyed]" : "]");
  }
}
