/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import javax.security.auth.Destroyable;

/**
 * A prepared master session key (MSK) that seals and opens {@code TR31-DATA} and {@code
 * TR31-DATA-CHUNKED} payload envelopes: AES-256-CBC, PKCS#7 padding, a fresh random 16-byte IV per
 * message (per chunk), upper-case hex.
 *
 * <pre>{@code
 * EnvelopeKey msk = EnvelopeKey.prepare(mskBytes);
 * MacKey mac = MacKey.prepare(macKeyBytes);
 * byte[] body = msk.seal(request).getBytes(StandardCharsets.US_ASCII);
 * String signature = mac.sign(body);                       // sent beside the body
 * byte[] reply = msk.open(responseBody, responseSignature, mac); // MAC first, then decrypt
 * byte[] config = msk.openUnauthenticated(configBody);     // unsigned in the seed API: malleable
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>{@link #open(byte[], String, MacKey, OpenOptions)} checks the body size, then verifies the
 *       HMAC-SHA256 over the exact body bytes in constant time, and only then parses and decrypts
 *       (Tink's {@code EncryptThenAuthenticate} order). A MAC failure ({@link
 *       ErrorCode#ENVELOPE_MAC_MISMATCH}) and a padding failure after a valid MAC ({@link
 *       ErrorCode#ENVELOPE_PADDING}) are different codes.
 *   <li>The {@code openUnauthenticated} methods exist because the seed API sends the config and
 *       terminal-parameters responses without a MAC. CBC without a MAC is MALLEABLE: whoever can
 *       change the body can flip chosen plaintext bits (through the IV or the previous ciphertext
 *       block), drop, reorder or repeat chunks with rewritten indices, and use the distinct padding
 *       error as a padding oracle to decrypt. Use them only where the transport (TLS) is what
 *       authenticates the response.
 *   <li>Sealing never reuses an IV: each message and chunk takes 16 bytes from the {@link
 *       SecureRandom}.
 *   <li>{@link #destroy()} drops the key and re-keys every pooled {@link javax.crypto.Cipher} with
 *       a constant key, whichever thread used it last (one in use at that moment is re-keyed when
 *       its operation, or its {@code seal} stream, ends). The JCE keeps copies the JVM gives no way
 *       to wipe, so zeroing is best effort. Plaintext temporaries (gzip buffers) are wiped in
 *       {@code finally}.
 *   <li>Immutable and thread-safe; concurrent calls take separate {@code Cipher} objects from this
 *       key's bounded pool.
 * </ul>
 *
 * <p>Standards: AES (FIPS 197), CBC (NIST SP 800-38A 6.2), PKCS#7 padding (RFC 5652 6.3), gzip (RFC
 * 1952); the wire format is the seed API's "MSK-protected API payloads" (src/docs/ENVELOPE.md).
 *
 * @since 0.1.0
 */
public final class EnvelopeKey implements Destroyable {
  /** The MSK length: AES-256. */
  public static final int KEY_BYTES = 32;

  /** The largest chunk size {@code sealChunked} accepts and a chunked open allows: 16 MiB. */
  public static final int MAX_CHUNK_BYTES = EnvelopeFormat.MAX_CHUNK_BYTES;

  private final AtomicBoolean destroyed = new AtomicBoolean();
  private final SecureRandom random;
  private volatile AesCbc key;

  private EnvelopeKey(AesCbc key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /**
   * Prepares a 32-byte MSK with a new {@link SecureRandom} for IVs. The array is copied; the caller
   * may wipe it afterwards.
   *
   * @param msk the master session key, {@link #KEY_BYTES} bytes; not {@code null}
   * @return the prepared key, which the caller destroys when done
   * @throws NullPointerException if {@code msk} is {@code null}
   * @throws IllegalArgumentException when {@code msk} is not 32 bytes
   */
  public static EnvelopeKey prepare(byte[] msk) {
    return prepare(msk, new SecureRandom());
  }

  /**
   * Prepares a 32-byte MSK that draws IVs from {@code random} (inject a seeded one only in tests).
   *
   * @param msk the master session key, {@link #KEY_BYTES} bytes; copied; not {@code null}
   * @param random the IV source, kept and shared by every thread that seals with this key, so it
   *     must be thread-safe; a predictable one makes IVs predictable; not {@code null}
   * @return the prepared key, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException when {@code msk} is not 32 bytes
   */
  public static EnvelopeKey prepare(byte[] msk, SecureRandom random) {
    Objects.requireNonNull(msk, "msk");
    Objects.requireNonNull(random, "random");
    if (msk.length != KEY_BYTES) {
      throw new IllegalArgumentException("MSK must be 32 bytes (AES-256), got " + msk.length);
    }
    return new EnvelopeKey(new AesCbc(msk), random);
  }

  /**
   * Seals {@code plaintext} as a one-line {@code TR31-DATA} body (fields in wire order).
   *
   * @param plaintext the payload (may be empty); only read; not {@code null}
   * @return the body: ASCII JSON with the hex ciphertext and a fresh random IV
   * @throws NullPointerException if {@code plaintext} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String seal(byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[AesCbc.BLOCK_BYTES];
    random.nextBytes(iv);
    byte[] ct = live().encrypt(iv, plaintext, 0, plaintext.length);
    // Written as ASCII bytes and turned into a (Latin-1 compact) String with one copy.
    byte[] prefix = EnvelopeFormat.SINGLE_PREFIX;
    byte[] middle = EnvelopeFormat.SINGLE_MIDDLE;
    byte[] suffix = EnvelopeFormat.SINGLE_SUFFIX;
    byte[] out =
        new byte[prefix.length + 2 * ct.length + middle.length + 2 * iv.length + suffix.length];
    int pos = 0;
    System.arraycopy(prefix, 0, out, pos, prefix.length);
    pos += prefix.length;
    Hex.encodeAsciiInto(ct, 0, ct.length, out, pos);
    pos += 2 * ct.length;
    System.arraycopy(middle, 0, out, pos, middle.length);
    pos += middle.length;
    Hex.encodeAsciiInto(iv, 0, iv.length, out, pos);
    pos += 2 * iv.length;
    System.arraycopy(suffix, 0, out, pos, suffix.length);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * Streams {@code plaintext} into a one-line {@code TR31-DATA} body on {@code body} in bounded
   * memory (the IV is chosen first, so the fields keep their wire order). Neither stream is closed.
   * Opening a single envelope needs the whole body in memory (Jackson holds a string value whole):
   * for payloads a terminal must process piecewise use {@link #sealChunked(InputStream,
   * OutputStream, int)}.
   *
   * @param plaintext the payload, read to its end; not {@code null}
   * @param body where the ASCII body is written; not {@code null}
   * @throws IOException when reading or writing fails (the body is then incomplete)
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void seal(InputStream plaintext, OutputStream body) throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(body, "body");
    SingleWriter.write(live(), random, plaintext, body);
  }

  /**
   * Gzips {@code plaintext}, then seals it as {@link #seal(byte[])} does; the compressed copy is
   * wiped.
   *
   * @param plaintext the payload; only read; not {@code null}
   * @return the body, whose inner payload is the gzip stream
   * @throws NullPointerException if {@code plaintext} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sealGzip(byte[] plaintext) {
    byte[] gz = Gzip.compress(Objects.requireNonNull(plaintext, "plaintext"));
    try {
      return seal(gz);
    } finally {
      Bytes.wipe(gz);
    }
  }

  /**
   * Seals {@code plaintext} as a one-line {@code TR31-DATA-CHUNKED} body.
   *
   * @param plaintext the payload (may be empty); only read; not {@code null}
   * @param chunkSizeBytes plaintext bytes per chunk, {@code 1..MAX_CHUNK_BYTES}
   * @return the body: ASCII JSON, each chunk with its own fresh random IV
   * @throws NullPointerException if {@code plaintext} is {@code null}
   * @throws IllegalArgumentException if {@code chunkSizeBytes} is out of range
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sealChunked(byte[] plaintext, int chunkSizeBytes) {
    Objects.requireNonNull(plaintext, "plaintext");
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(2 * plaintext.length + 128 * (plaintext.length / 1024 + 2));
    try {
      sealChunked(new ByteArrayInputStream(plaintext), out, chunkSizeBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams never fail
    }
    return new String(out.toByteArray(), StandardCharsets.US_ASCII);
  }

  /**
   * Gzips {@code plaintext}, then seals the gzip stream as {@link #sealChunked(byte[], int)}; the
   * compressed copy is wiped.
   *
   * @param plaintext the payload; only read; not {@code null}
   * @param chunkSizeBytes compressed bytes per chunk, {@code 1..MAX_CHUNK_BYTES}
   * @return the body, whose chunks carry the gzip stream
   * @throws NullPointerException if {@code plaintext} is {@code null}
   * @throws IllegalArgumentException if {@code chunkSizeBytes} is out of range
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String sealChunkedGzip(byte[] plaintext, int chunkSizeBytes) {
    byte[] gz = Gzip.compress(Objects.requireNonNull(plaintext, "plaintext"));
    try {
      return sealChunked(gz, chunkSizeBytes);
    } finally {
      Bytes.wipe(gz);
    }
  }

  /**
   * Streams {@code plaintext} into a {@code TR31-DATA-CHUNKED} body on {@code body}, holding one
   * chunk in memory. Neither stream is closed.
   *
   * @param plaintext the payload, read to its end; not {@code null}
   * @param body where the ASCII body is written; not {@code null}
   * @param chunkSizeBytes plaintext bytes per chunk, {@code 1..MAX_CHUNK_BYTES}
   * @throws IOException when reading or writing fails (the body is then incomplete)
   * @throws NullPointerException if a stream is {@code null}
   * @throws IllegalArgumentException if {@code chunkSizeBytes} is out of range
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void sealChunked(InputStream plaintext, OutputStream body, int chunkSizeBytes)
      throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    try (ChunkedWriter w = writer(body, chunkSizeBytes)) {
      Streams.copy(plaintext, w);
    }
  }

  /**
   * As {@link #sealChunked(InputStream, OutputStream, int)}, gzipping the stream first.
   *
   * @param plaintext the payload, read to its end; not {@code null}
   * @param body where the ASCII body is written; not {@code null}
   * @param chunkSizeBytes compressed bytes per chunk, {@code 1..MAX_CHUNK_BYTES}
   * @throws IOException when reading or writing fails (the body is then incomplete)
   * @throws NullPointerException if a stream is {@code null}
   * @throws IllegalArgumentException if {@code chunkSizeBytes} is out of range
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void sealChunkedGzip(InputStream plaintext, OutputStream body, int chunkSizeBytes)
      throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    try (GZIPOutputStream gz = new GZIPOutputStream(writer(body, chunkSizeBytes), 8192)) {
      Streams.copy(plaintext, gz);
    }
  }

  private ChunkedWriter writer(OutputStream body, int chunkSizeBytes) throws IOException {
    Objects.requireNonNull(body, "body");
    if (chunkSizeBytes < 1 || chunkSizeBytes > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("chunk size out of range: " + chunkSizeBytes);
    }
    return new ChunkedWriter(live(), random, body, chunkSizeBytes);
  }

  /**
   * {@link #open(byte[], String, MacKey, OpenOptions)} with {@link OpenOptions#defaults()}.
   *
   * @param body exactly the bytes received; not {@code null}
   * @param signatureHex the signature sent with the body, 64 hex digits; not {@code null}
   * @param macKey the HMAC key that signed the body; not {@code null}
   * @return the plaintext, from a body whose MAC verified
   * @throws EnvelopeException as {@link #open(byte[], String, MacKey, OpenOptions)}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after this key or {@code macKey} is destroyed
   */
  public byte[] open(byte[] body, String signatureHex, MacKey macKey) throws EnvelopeException {
    return open(body, signatureHex, macKey, OpenOptions.defaults());
  }

  /**
   * Authenticated open: checks the size, verifies {@code signatureHex} over exactly {@code body}
   * (the bytes as received, without a transport's trailing newline), and only then parses and
   * decrypts either format.
   *
   * @param body exactly the bytes received; not {@code null}
   * @param signatureHex the signature sent with the body, 64 hex digits in either case; not {@code
   *     null}
   * @param macKey the HMAC key that signed the body; not {@code null}
   * @param options gzip and size limits; not {@code null}
   * @return the plaintext, from a body whose MAC verified
   * @throws EnvelopeException before the MAC: {@link ErrorCode#ENVELOPE_TOO_LARGE}, {@link
   *     ErrorCode#ENVELOPE_SIGNATURE_MALFORMED}, {@link ErrorCode#ENVELOPE_MAC_MISMATCH}; after a
   *     valid MAC: {@link ErrorCode#ENVELOPE_JSON_SYNTAX}, {@link ErrorCode#ENVELOPE_WRONG_TYPE},
   *     {@link ErrorCode#ENVELOPE_DUPLICATE_FIELD}, {@link ErrorCode#ENVELOPE_UNKNOWN_FIELD},
   *     {@link ErrorCode#ENVELOPE_MISSING_FIELD}, {@link ErrorCode#ENVELOPE_UNKNOWN_FORMAT}, {@link
   *     ErrorCode#ENVELOPE_UNKNOWN_MODE}, {@link ErrorCode#ENVELOPE_INVALID_HEX}, {@link
   *     ErrorCode#ENVELOPE_ODD_HEX}, {@link ErrorCode#ENVELOPE_IV_LENGTH}, {@link
   *     ErrorCode#ENVELOPE_CIPHERTEXT_LENGTH}, a chunk code ({@link ErrorCode#ENVELOPE_CHUNK_SIZE},
   *     {@link ErrorCode#ENVELOPE_CHUNK_COUNT}, {@link ErrorCode#ENVELOPE_CHUNK_ORDER}, {@link
   *     ErrorCode#ENVELOPE_CHUNK_DUPLICATE}, {@link ErrorCode#ENVELOPE_CHUNK_LENGTH}, {@link
   *     ErrorCode#ENVELOPE_TOTAL_LENGTH}), {@link ErrorCode#ENVELOPE_PADDING}, and with gzip {@link
   *     ErrorCode#ENVELOPE_GZIP_CORRUPT} or {@link ErrorCode#ENVELOPE_DECOMPRESSED_TOO_LARGE}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after this key or {@code macKey} is destroyed
   */
  public byte[] open(byte[] body, String signatureHex, MacKey macKey, OpenOptions options)
      throws EnvelopeException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(macKey, "macKey");
    Objects.requireNonNull(options, "options");
    checkSize(body, options);
    macKey.verify(body, signatureHex);
    return Opener.open(live(), body, options);
  }

  /**
   * UNAUTHENTICATED, MALLEABLE open of a body that carries no MAC (the seed API's config and
   * terminal-parameters responses). See the class description for what this does not protect.
   *
   * @param body exactly the bytes received; not {@code null}
   * @param options gzip and size limits; not {@code null}
   * @return the plaintext; anyone who could change the body may have chosen parts of it
   * @throws EnvelopeException {@link ErrorCode#ENVELOPE_TOO_LARGE}, or any code {@link
   *     #open(byte[], String, MacKey, OpenOptions)} reports after a valid MAC (parse, padding,
   *     chunk and gzip codes)
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] openUnauthenticated(byte[] body, OpenOptions options) throws EnvelopeException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(options, "options");
    checkSize(body, options);
    return Opener.open(live(), body, options);
  }

  /**
   * {@link #openUnauthenticated(byte[], OpenOptions)} with the defaults. Malleable.
   *
   * @param body exactly the bytes received; not {@code null}
   * @return the plaintext; anyone who could change the body may have chosen parts of it
   * @throws EnvelopeException as {@link #openUnauthenticated(byte[], OpenOptions)}
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] openUnauthenticated(byte[] body) throws EnvelopeException {
    return openUnauthenticated(body, OpenOptions.defaults());
  }

  /**
   * {@link #openUnauthenticated(byte[], OpenOptions)} of a body held as text, with the defaults.
   * Malleable.
   *
   * @param body the body as received, encoded as UTF-8 before parsing; not {@code null}
   * @return the plaintext; anyone who could change the body may have chosen parts of it
   * @throws EnvelopeException as {@link #openUnauthenticated(byte[], OpenOptions)}
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] openUnauthenticated(String body) throws EnvelopeException {
    return openUnauthenticated(body.getBytes(StandardCharsets.UTF_8), OpenOptions.defaults());
  }

  /**
   * UNAUTHENTICATED, MALLEABLE streaming open: decrypts a {@code TR31-DATA-CHUNKED} body chunk by
   * chunk as it is read (one chunk in memory) and writes the plaintext to {@code plaintext}. A
   * {@code TR31-DATA} body, and the compressed stream when {@link OpenOptions#gzip()}, are held in
   * memory up to {@link OpenOptions#maxBodyBytes()}. On an exception the output may already hold
   * plaintext of earlier chunks: discard it. Neither stream is closed. For an authenticated open in
   * bounded memory, verify the stored body first with {@link MacKey#verify(InputStream, String)}.
   *
   * @param body the body as received, read to its end; not {@code null}
   * @param plaintext where the plaintext is written; not {@code null}
   * @param options gzip and size limits; not {@code null}
   * @throws EnvelopeException the codes of {@link #openUnauthenticated(byte[], OpenOptions)}; a
   *     chunked body is checked chunk by chunk, so the failure may come after earlier plaintext was
   *     written
   * @throws IOException when reading the body or writing the plaintext fails
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public void openUnauthenticated(InputStream body, OutputStream plaintext, OpenOptions options)
      throws EnvelopeException, IOException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(options, "options");
    Opener.open(live(), body, plaintext, options);
  }

  private static void checkSize(byte[] body, OpenOptions options) throws EnvelopeException {
    if (body.length > options.maxBodyBytes()) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_TOO_LARGE, -1, "body " + body.length);
    }
  }

  AesCbc live() {
    AesCbc k = key;
    if (k == null || destroyed.get()) {
      throw new IllegalStateException("EnvelopeKey has been destroyed");
    }
    return k;
  }

  /** Drops the key (best effort: see the class description). Idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      AesCbc k = key;
      key = null;
      k.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "EnvelopeKey[AES-256-CBC" + (destroyed.get() ? ", destroyed]" : "]");
  }
}
