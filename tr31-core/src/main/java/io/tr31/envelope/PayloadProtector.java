/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Hex;
import io.tr31.internal.Lifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The terminal's (or the server's) master session key and MAC key as one object that protects API
 * payloads the way the seed API does ("MSK-protected API payloads"): {@link #seal} encrypts a
 * payload into a {@code TR31-DATA} or {@code TR31-DATA-CHUNKED} body (AES-256-CBC, PKCS#7, a fresh
 * random IV per message and per chunk, upper-case hex) and signs the body (HMAC-SHA256), {@link
 * #open} verifies the signature, then decrypts.
 *
 * <pre>{@code
 * try (PayloadProtector keys = PayloadProtector.create(mskBytes, macKeyBytes)) {
 *   SealedPayload request = keys.seal(chargeJson, EnvelopeOptions.DEFAULTS);
 *   // send request.body() and request.signature()
 *   byte[] reply = keys.open(responseBody, responseSignature, EnvelopeOptions.DEFAULTS);
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>{@link #open} checks the body size, then verifies the HMAC-SHA256 over the exact body bytes
 *       in constant time, and only then parses and decrypts (Tink's {@code EncryptThenAuthenticate}
 *       order). A MAC failure ({@link ErrorCode#ENVELOPE_MAC_MISMATCH}) and a padding failure after
 *       a valid MAC ({@link ErrorCode#ENVELOPE_PADDING}) are different codes of {@link
 *       Tr31VerificationException}; malformed input is {@link Tr31FormatException} with the byte
 *       offset where the parser could tell.
 *   <li>The {@code openUnauthenticated} methods exist because the seed API sends the config and
 *       terminal-parameters responses without a MAC. CBC without a MAC is MALLEABLE: whoever can
 *       change the body can flip chosen plaintext bits, drop, reorder or repeat chunks, and use the
 *       distinct padding error as a padding oracle to decrypt. Use them only where the transport
 *       (TLS) authenticates the response.
 *   <li>The signature covers the body only: an authentic body can be replayed, or reflected to the
 *       other endpoint or direction. The integrator binds a nonce, a timestamp and the direction
 *       inside the JSON (src/docs/SECURITY.md, "Replay and reflection").
 *   <li>Sealing never reuses an IV: each message and chunk takes 16 bytes from the {@link
 *       SecureRandom}.
 *   <li>{@link #destroy()} (or {@link #close()}) waits for the cryptographic calls running, drops
 *       both keys and re-keys every pooled {@code Cipher} and {@code Mac} with a constant key; a
 *       streamed operation fails at its next step. Use after destroy throws {@link
 *       IllegalStateException}. The JCE keeps copies the JVM gives no way to wipe: zeroing is best
 *       effort. Plaintext temporaries (gzip buffers) are wiped in {@code finally}.
 *   <li>Keys shorter than 16 bytes are refused for HMAC (RFC 2104 section 3 recommends at least the
 *       hash output length; 16 bytes is Tink's floor); the MSK is exactly 32 bytes (AES-256).
 *   <li>Immutable and thread-safe; concurrent calls take separate JCE objects from bounded pools.
 * </ul>
 *
 * <p>Standards: AES (FIPS 197), CBC (NIST SP 800-38A 6.2), PKCS#7 padding (RFC 5652 6.3), HMAC (RFC
 * 2104, FIPS 198-1) with SHA-256 (FIPS 180-4), gzip (RFC 1952); the wire format is the seed API's
 * (src/docs/ENVELOPE.md).
 *
 * @since 1.0.0
 */
public final class PayloadProtector implements Destroyable, AutoCloseable {
  /** The MSK length: AES-256. */
  public static final int MSK_BYTES = 32;

  /** The shortest accepted MAC key. */
  public static final int MIN_MAC_KEY_BYTES = 16;

  private final Lifecycle life;
  private final AesCbc aes;
  private final HmacSha256 hmac;
  private final SecureRandom random;
  private final boolean owner;

  private PayloadProtector(
      Lifecycle life, AesCbc aes, HmacSha256 hmac, SecureRandom random, boolean owner) {
    this.life = life;
    this.aes = aes;
    this.hmac = hmac;
    this.random = random;
    this.owner = owner;
  }

  /**
   * Prepares the MSK and the MAC key, with a new {@link SecureRandom} for IVs. The arrays are
   * copied; the caller may wipe them afterwards.
   *
   * @param msk the master session key, {@link #MSK_BYTES} bytes; not {@code null}
   * @param macKey the HMAC-SHA256 key, at least {@link #MIN_MAC_KEY_BYTES} bytes; not {@code null}
   * @return the prepared keys, which the caller closes when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException when {@code msk} is not 32 bytes or {@code macKey} is shorter
   *     than 16
   */
  public static PayloadProtector create(byte[] msk, byte[] macKey) {
    return create(msk, macKey, new SecureRandom());
  }

  /**
   * Prepares the MSK and the MAC key, drawing IVs from {@code random} (inject a seeded one only in
   * tests). The arrays are copied; the caller may wipe them afterwards.
   *
   * @param msk the master session key, {@link #MSK_BYTES} bytes; not {@code null}
   * @param macKey the HMAC-SHA256 key, at least {@link #MIN_MAC_KEY_BYTES} bytes; not {@code null}
   * @param random the IV source, shared by every thread that seals with these keys, so it must be
   *     thread-safe; a predictable one makes IVs predictable; not {@code null}
   * @return the prepared keys, which the caller closes when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException when {@code msk} is not 32 bytes or {@code macKey} is shorter
   *     than 16
   */
  public static PayloadProtector create(byte[] msk, byte[] macKey, SecureRandom random) {
    Objects.requireNonNull(msk, "msk");
    Objects.requireNonNull(macKey, "macKey");
    Objects.requireNonNull(random, "random");
    if (msk.length != MSK_BYTES) {
      throw new IllegalArgumentException("MSK must be 32 bytes (AES-256), got " + msk.length);
    }
    if (macKey.length < MIN_MAC_KEY_BYTES) {
      throw new IllegalArgumentException("HMAC key must be at least 16 bytes");
    }
    Lifecycle life = Lifecycle.shared("PayloadProtector");
    return new PayloadProtector(
        life, new AesCbc(msk, life), new HmacSha256(macKey, life), random, true);
  }

  /**
   * A view of these keys for code that must use them but not end their life (a key set hands out
   * its keys this way): the same keys and operations, but its {@link #close()} and {@link
   * #destroy()} do nothing. It fails with {@link IllegalStateException} once the owner is
   * destroyed.
   *
   * @return a view that cannot destroy the keys
   * @throws IllegalStateException after {@link #destroy()} of the owner
   */
  public PayloadProtector view() {
    life.check();
    return new PayloadProtector(life, aes, hmac, random, false);
  }

  /**
   * Seals and signs {@code plaintext} in memory.
   *
   * @param plaintext the payload (may be empty); only read; not {@code null}
   * @param options gzip and chunking ({@link EnvelopeOptions#DEFAULTS}: single, raw); not {@code
   *     null}
   * @return the one-line ASCII body and the signature over its bytes
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public SealedPayload seal(byte[] plaintext, EnvelopeOptions options) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(options, "options");
    byte[] body = Sealer.seal(aes, random, plaintext, options);
    String signature = Hex.encode(hmac.compute(body, 0, body.length));
    // The body is ASCII: one copy into a (Latin-1 compact) String.
    return new SealedPayload(new String(body, StandardCharsets.ISO_8859_1), signature);
  }

  /**
   * Seals everything {@code plaintext} yields into a body written to {@code body}, in bounded
   * memory (one buffer; chunked, one chunk), signing the bytes as they are written. Neither stream
   * is closed. Opening a single envelope needs the whole body in memory: for payloads a terminal
   * must process piecewise, choose {@link EnvelopeOptions.Builder#chunked(int)}.
   *
   * @param plaintext the payload, read to its end; not {@code null}
   * @param body where the ASCII body is written; on an exception it is incomplete; not {@code null}
   * @param options gzip and chunking; not {@code null}
   * @return the signature over the body written, 64 upper-case hex digits
   * @throws IOException when reading or writing fails
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String seal(InputStream plaintext, OutputStream body, EnvelopeOptions options)
      throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(options, "options");
    return Sealer.seal(aes, hmac, random, plaintext, body, options);
  }

  /**
   * Authenticated open: checks the size, verifies {@code signatureHex} over exactly {@code body}
   * (the bytes as received, without a transport's trailing newline), and only then parses and
   * decrypts either format.
   *
   * @param body exactly the bytes received; not {@code null}
   * @param signatureHex the signature sent with the body, 64 hex digits in either case; not {@code
   *     null}
   * @param options gzip and size limits; not {@code null}
   * @return the plaintext, from a body whose MAC verified
   * @throws Tr31FormatException before the MAC: {@link ErrorCode#ENVELOPE_TOO_LARGE}, {@link
   *     ErrorCode#ENVELOPE_SIGNATURE_MALFORMED}; after a valid MAC: a parse code ({@code
   *     ENVELOPE_JSON_SYNTAX} ... {@code ENVELOPE_CIPHERTEXT_LENGTH}), a chunk code ({@code
   *     ENVELOPE_CHUNK_*}, {@link ErrorCode#ENVELOPE_TOTAL_LENGTH}), and with gzip {@link
   *     ErrorCode#ENVELOPE_GZIP_CORRUPT} or {@link ErrorCode#ENVELOPE_DECOMPRESSED_TOO_LARGE}
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_MAC_MISMATCH}, or {@link
   *     ErrorCode#ENVELOPE_PADDING} after a valid MAC
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] open(byte[] body, String signatureHex, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(options, "options");
    checkSize(body, options);
    verify(body, signatureHex);
    return Opener.open(aes, body, options);
  }

  /**
   * UNAUTHENTICATED, MALLEABLE open of a body that carries no MAC (the seed API's config and
   * terminal-parameters responses). See the class description for what this does not protect.
   *
   * @param body exactly the bytes received; not {@code null}
   * @param options gzip and size limits; not {@code null}
   * @return the plaintext; anyone who could change the body may have chosen parts of it
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_TOO_LARGE}, or a parse, chunk or gzip
   *     code as {@link #open}
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_PADDING} (a padding oracle here)
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] openUnauthenticated(byte[] body, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(options, "options");
    checkSize(body, options);
    life.check();
    return Opener.open(aes, body, options);
  }

  /**
   * UNAUTHENTICATED, MALLEABLE streaming open: decrypts a {@code TR31-DATA-CHUNKED} body chunk by
   * chunk as it is read (one chunk in memory) and writes the plaintext to {@code plaintext}. A
   * {@code TR31-DATA} body, and the compressed stream with gzip, are held in memory up to the body
   * limit. On an exception the output may already hold plaintext of earlier chunks: discard it.
   * Neither stream is closed. For an authenticated open in bounded memory, first {@link
   * #verify(InputStream, String)} the stored body, then open the same unchanged bytes here.
   *
   * @param body the body as received, read to its end; not {@code null}
   * @param plaintext where the plaintext is written; not {@code null}
   * @param options gzip and size limits; not {@code null}
   * @throws Tr31FormatException the codes of {@link #openUnauthenticated(byte[], EnvelopeOptions)}
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_PADDING}, possibly after earlier
   *     chunks were written
   * @throws IOException when reading the body or writing the plaintext fails
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void openUnauthenticated(InputStream body, OutputStream plaintext, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(options, "options");
    life.check();
    Opener.open(aes, body, plaintext, options);
  }

  /**
   * Signs a body that is not an envelope: the seed API's cancel response carries an HMAC over the
   * empty body ({@code sign(new byte[0])}). {@link #seal} signs its own bodies.
   *
   * @param body exactly the bytes that go on the wire (may be empty); not {@code null}
   * @return the HMAC-SHA256 of {@code body} as 64 upper-case hex digits
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sign(byte[] body) {
    Objects.requireNonNull(body, "body");
    return Hex.encode(hmac.compute(body, 0, body.length));
  }

  /**
   * Verifies {@code signatureHex} over exactly {@code body}; returns normally only when it verifies
   * (so a {@code false} cannot be ignored).
   *
   * @param body exactly the bytes taken off the wire; not {@code null}
   * @param signatureHex the received signature, 64 hex digits in either case; not {@code null}
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_SIGNATURE_MALFORMED}, before any MAC is
   *     computed
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_MAC_MISMATCH}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void verify(byte[] body, String signatureHex)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.requireNonNull(body, "body");
    life.check();
    byte[] expected = HmacSha256.parseSignature(signatureHex);
    HmacSha256.compare(hmac.compute(body, 0, body.length), expected);
  }

  /**
   * Verifies {@code signatureHex} over everything {@code body} yields, in bounded memory: the first
   * pass of an authenticated open of a large body kept in a file (the second is {@link
   * #openUnauthenticated(InputStream, OutputStream, EnvelopeOptions)} of the same, unchanged
   * bytes).
   *
   * @param body the bytes taken off the wire, read to the end and not closed; not {@code null}
   * @param signatureHex the received signature, checked before the stream is read; not {@code null}
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_SIGNATURE_MALFORMED}
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_MAC_MISMATCH}
   * @throws IOException when reading {@code body} fails
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void verify(InputStream body, String signatureHex)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    Objects.requireNonNull(body, "body");
    life.check();
    byte[] expected = HmacSha256.parseSignature(signatureHex);
    HmacSha256.compare(hmac.compute(body), expected);
  }

  /**
   * Destroys both keys (best effort: see the class description), after the calls running end.
   * Idempotent. On a {@link #view()} it does nothing: only the owner ends the keys' life.
   */
  @Override
  public void destroy() {
    if (owner) {
      life.destroy(
          () -> {
            aes.destroy();
            hmac.destroy();
          });
    }
  }

  /** {@return whether the keys were destroyed (through the owner)} */
  @Override
  public boolean isDestroyed() {
    return life.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  /** The cipher (tests). */
  AesCbc aes() {
    return aes;
  }

  /** The MAC (tests). */
  HmacSha256 hmac() {
    return hmac;
  }

  private static void checkSize(byte[] body, EnvelopeOptions options) throws Tr31FormatException {
    if (body.length > options.maxBodyBytes()) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_TOO_LARGE, -1, "body " + body.length);
    }
  }
}
