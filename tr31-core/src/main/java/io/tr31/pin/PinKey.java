/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BlockCipher;
import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import io.tr31.keyblock.UnwrappedKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A PIN encryption key, prepared from an authenticated key block, that enciphers, deciphers and
 * translates ISO 9564-1 PIN blocks (formats 0, 1, 3 and 4: {@link PinFormat}).
 *
 * <p>What the key may do is what its key block's header says, enforced before any PIN is touched
 * (each refusal a {@link Tr31PolicyException}):
 *
 * <ul>
 *   <li>key usage {@code P0} only ({@link ErrorCode#PIN_KEY_USAGE}): a data key ({@code D0}) or a
 *       key-encryption key ({@code K1}) never touches a PIN;
 *   <li>mode of use {@code E} enciphers only (the terminal), {@code D} deciphers only, {@code B}
 *       both; a translation deciphers under this key and enciphers under the target key ({@link
 *       ErrorCode#PIN_KEY_MODE});
 *   <li>algorithm {@code A} (AES) for format 4, {@code T} (TDES) for formats 0, 1 and 3 ({@link
 *       ErrorCode#PIN_KEY_ALGORITHM}).
 * </ul>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>PINs are {@code char[]} of the digits {@code 0}-{@code 9}, never a {@code String}: a
 *       deciphered PIN is a fresh array the caller wipes; every temporary holding digits is wiped
 *       before a method returns. No message, exception or {@link #toString()} contains a PIN, a
 *       PAN or key material.
 *   <li>Decipher checks the block in full (control field, PIN length, PIN digits, fill and,
 *       through them, the PAN) and reports any failure after decryption as one {@link
 *       Tr31VerificationException} with {@link ErrorCode#PIN_BLOCK_VERIFICATION_FAILED}, so the
 *       error is no oracle on the deciphered block. Formats 0, 1 and 3 have little redundancy: a
 *       wrong PAN or an altered block can decode to another PIN (src/docs/SECURITY.md); format 4
 *       cannot in practice.
 *   <li>Translation never lets a PAN-bound block (0, 3, 4) become a format 1 block ({@link
 *       ErrorCode#PIN_TRANSLATION_REFUSED}): the result would verify against any account.
 *   <li>Random fill (formats 1, 3, 4) comes from the {@link SecureRandom} given to {@link
 *       #from(UnwrappedKey, SecureRandom)}.
 *   <li>The key is copied from the {@link UnwrappedKey} (which the caller still destroys); {@link
 *       #destroy()} (or {@link #close()}) drops this copy. Thread-safe; use after destroy throws
 *       {@link IllegalStateException}.
 * </ul>
 *
 * @since 0.2.0
 */
public final class PinKey implements Destroyable, AutoCloseable {
  private final BlockCipher cipher;
  private final boolean mayEncipher;
  private final boolean mayDecipher;
  private final SecureRandom random;
  private final Lifecycle lifecycle = Lifecycle.shared("PIN key");

  private PinKey(KeyBlockKeys.Checked checked, SecureRandom random) {
    this.cipher = checked.cipher;
    this.mayEncipher = checked.mayEncipher;
    this.mayDecipher = checked.mayDecipher;
    this.random = random;
  }

  /**
   * Prepares the PIN key held by an unwrapped key block, with a fresh {@link SecureRandom} for the
   * random fill. The installed key set's TPK (usage {@code P0}, AES, mode {@code E}) gives the
   * terminal its format 4 encipherer this way.
   *
   * @param key a key from an authenticated key block; only read (the caller still destroys it)
   * @return the prepared key; the caller destroys it
   * @throws Tr31Exception a {@link Tr31PolicyException} with {@link ErrorCode#PIN_KEY_USAGE},
   *     {@link ErrorCode#PIN_KEY_MODE}, {@link ErrorCode#PIN_KEY_ALGORITHM} or {@link
   *     ErrorCode#DEGENERATE_TDES_KEY}, or a {@link Tr31FormatException} with {@link
   *     ErrorCode#INVALID_KEY_LENGTH} for a key length its algorithm does not allow
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalStateException if {@code key} was destroyed
   */
  public static PinKey from(UnwrappedKey key) throws Tr31Exception {
    return from(key, new SecureRandom());
  }

  /**
   * As {@link #from(UnwrappedKey)}, with the source of the random fill.
   *
   * @param key a key from an authenticated key block; only read (the caller still destroys it)
   * @param random the source of the random fill of formats 1, 3 and 4; not {@code null}
   * @return the prepared key; the caller destroys it
   * @throws Tr31Exception as {@link #from(UnwrappedKey)}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException if {@code key} was destroyed
   */
  public static PinKey from(UnwrappedKey key, SecureRandom random) throws Tr31Exception {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(random, "random");
    return new PinKey(KeyBlockKeys.check(key), random);
  }

  /**
   * Enciphers a PIN into a PIN block.
   *
   * @param format the PIN block format; not {@code null}
   * @param pin 4 to 12 characters {@code 0}-{@code 9}; only read (the caller wipes it)
   * @param pan the primary account number for formats 0, 3 (13-19 digits) and 4 (1-19 digits);
   *     {@code null} for format 1, which binds no PAN
   * @return the enciphered block: 8 bytes (formats 0, 1, 3) or 16 bytes (format 4)
   * @throws Tr31Exception a {@link Tr31PolicyException} ({@link ErrorCode#PIN_KEY_MODE} unless the
   *     mode is {@code E} or {@code B}, {@link ErrorCode#PIN_KEY_ALGORITHM}) before the PIN is
   *     read, then a {@link Tr31FormatException} with {@link ErrorCode#PAN_INVALID} or {@link
   *     ErrorCode#PIN_INVALID}
   * @throws NullPointerException if {@code format} or {@code pin} is {@code null}, or {@code pan}
   *     for a PAN-bound format
   * @throws IllegalArgumentException if a PAN is given for format 1
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use is held for its scope: destroy() waits for it
  public byte[] encipher(PinFormat format, char[] pin, CharSequence pan) throws Tr31Exception {
    Objects.requireNonNull(pin, "pin");
    requirePan(format, pan);
    try (Lifecycle.Use use = lifecycle.use()) {
      checkEncipher(format);
      return encipherInto(format, pin, ClearBlocks.panBuffer(format, pan));
    }
  }

  /**
   * Deciphers a PIN block and checks it in full.
   *
   * @param format the PIN block format the block claims; not {@code null}
   * @param pinBlock the enciphered block (untrusted): 8 bytes for formats 0, 1, 3, 16 for format
   *     4; only read
   * @param pan the PAN the block must be bound to (formats 0, 3, 4); {@code null} for format 1
   * @return the PIN as a fresh array of 4 to 12 characters {@code 0}-{@code 9}; the caller wipes it
   * @throws Tr31Exception a {@link Tr31PolicyException} ({@link ErrorCode#PIN_KEY_MODE} unless the
   *     mode is {@code D} or {@code B}, {@link ErrorCode#PIN_KEY_ALGORITHM}); a {@link
   *     Tr31FormatException} ({@link ErrorCode#PIN_BLOCK_LENGTH}, {@link ErrorCode#PAN_INVALID})
   *     before decryption; after it, any failure is one {@link Tr31VerificationException} with
   *     {@link ErrorCode#PIN_BLOCK_VERIFICATION_FAILED}
   * @throws NullPointerException if {@code format} or {@code pinBlock} is {@code null}, or {@code
   *     pan} for a PAN-bound format
   * @throws IllegalArgumentException if a PAN is given for format 1
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use is held for its scope: destroy() waits for it
  public char[] decipher(PinFormat format, byte[] pinBlock, CharSequence pan)
      throws Tr31Exception {
    Objects.requireNonNull(pinBlock, "pinBlock");
    requirePan(format, pan);
    try (Lifecycle.Use use = lifecycle.use()) {
      checkDecipher(format);
      return decipherChecked(format, pinBlock, pan);
    }
  }

  /**
   * Translates a PIN block from this key and format to another key and format (for example format
   * 4 under a terminal's TPK to format 0 under a zone PIN key) without the PIN leaving this method.
   *
   * <p>Refused before decryption: a translation from a PAN-bound format (0, 3, 4) to format 1
   * ({@link ErrorCode#PIN_TRANSLATION_REFUSED}), because it would drop the PAN binding.
   *
   * @param fromFormat the format of {@code pinBlock}; not {@code null}
   * @param pinBlock the block enciphered under this key (untrusted); only read
   * @param pan the account's PAN when either format is PAN-bound, else {@code null}; the same PAN
   *     binds the source and the result
   * @param to the key to encipher the result under (mode {@code E} or {@code B}); may be this key
   * @param toFormat the format of the result; not {@code null}
   * @return the block enciphered under {@code to}
   * @throws Tr31Exception a {@link Tr31PolicyException} ({@link ErrorCode#PIN_KEY_MODE}, {@link
   *     ErrorCode#PIN_KEY_ALGORITHM}, {@link ErrorCode#PIN_TRANSLATION_REFUSED}), a {@link
   *     Tr31FormatException} ({@link ErrorCode#PIN_BLOCK_LENGTH}, {@link ErrorCode#PAN_INVALID}),
   *     or the one {@link Tr31VerificationException} of {@link #decipher}
   * @throws NullPointerException if an argument other than {@code pan} is {@code null}, or {@code
   *     pan} when a format is PAN-bound
   * @throws IllegalArgumentException if a PAN is given when neither format is PAN-bound
   * @throws IllegalStateException after either key's {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use is held for its scope: destroy() waits for it
  public byte[] translate(
      PinFormat fromFormat, byte[] pinBlock, CharSequence pan, PinKey to, PinFormat toFormat)
      throws Tr31Exception {
    Objects.requireNonNull(fromFormat, "fromFormat");
    Objects.requireNonNull(pinBlock, "pinBlock");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(toFormat, "toFormat");
    boolean panBound = fromFormat.panBound() || toFormat.panBound();
    requirePan(panBound, pan);
    try (Lifecycle.Use use = lifecycle.use();
        Lifecycle.Use target = to.lifecycle.use()) {
      checkDecipher(fromFormat);
      to.checkEncipher(toFormat);
      if (fromFormat.panBound() && !toFormat.panBound()) {
        throw new Tr31PolicyException(ErrorCode.PIN_TRANSLATION_REFUSED, null);
      }
      byte[] buf = ClearBlocks.panBuffer(toFormat, pan); // PAN_INVALID before decryption
      char[] pin = null;
      try {
        pin = decipherChecked(fromFormat, pinBlock, pan);
        return to.encipherInto(toFormat, pin, buf);
      } finally {
        Bytes.wipe(buf);
        if (pin != null) {
          Arrays.fill(pin, '\0');
        }
      }
    }
  }

  /**
   * Enciphers {@code pin} (checked here: PIN_INVALID) with the PAN field in {@code buf} ({@link
   * ClearBlocks#panBuffer}): {@code E(PIN block XOR PAN field)}, or {@code E(E(PIN field) XOR PAN
   * field)} for format 4 (ISO 9564-1 9.4.3), in one cipher call. Wipes {@code buf}; runs inside
   * this key's {@link Lifecycle#use()}.
   */
  private byte[] encipherInto(PinFormat format, char[] pin, byte[] buf) throws Tr31FormatException {
    byte[] field = null;
    try {
      ClearBlocks.checkPin(pin);
      field = ClearBlocks.encode(format, pin, random);
      cipher.encryptXor(field, 0, format.aes(), buf);
      return Arrays.copyOfRange(buf, field.length, buf.length);
    } finally {
      Bytes.wipe(field, buf);
    }
  }

  /**
   * Deciphers and checks the block in full: every failure after decryption is the one
   * verification error. Runs inside this key's {@link Lifecycle#use()}.
   *
   * @return the PIN; the caller wipes it
   */
  private char[] decipherChecked(PinFormat format, byte[] pinBlock, CharSequence pan)
      throws Tr31Exception {
    int size = format.blockBytes();
    if (pinBlock.length != size) {
      throw new Tr31FormatException(ErrorCode.PIN_BLOCK_LENGTH, -1);
    }
    byte[] buf = ClearBlocks.panBuffer(format, pan); // PAN_INVALID before decryption
    try {
      // D(C) XOR PAN field, or D(D(C) XOR PAN field) for format 4: one cipher call.
      cipher.decryptXor(pinBlock, 0, format.aes(), buf);
      char[] pin = ClearBlocks.decode(format, buf, size);
      if (pin == null) {
        throw new Tr31VerificationException(ErrorCode.PIN_BLOCK_VERIFICATION_FAILED);
      }
      return pin;
    } finally {
      Bytes.wipe(buf);
    }
  }

  private void checkEncipher(PinFormat format) throws Tr31PolicyException {
    if (!mayEncipher) {
      throw new Tr31PolicyException(ErrorCode.PIN_KEY_MODE, "the key may not encipher");
    }
    checkAlgorithm(format);
  }

  private void checkDecipher(PinFormat format) throws Tr31PolicyException {
    if (!mayDecipher) {
      throw new Tr31PolicyException(ErrorCode.PIN_KEY_MODE, "the key may not decipher");
    }
    checkAlgorithm(format);
  }

  private void checkAlgorithm(PinFormat format) throws Tr31PolicyException {
    if (format.aes() != (cipher.algorithm() == BlockCipher.Algorithm.AES)) {
      throw new Tr31PolicyException(
          ErrorCode.PIN_KEY_ALGORITHM,
          format.aes() ? "format 4 needs an AES key" : "formats 0, 1 and 3 need a TDES key");
    }
  }

  private static void requirePan(PinFormat format, CharSequence pan) {
    requirePan(Objects.requireNonNull(format, "format").panBound(), pan);
  }

  private static void requirePan(boolean panBound, CharSequence pan) {
    if (panBound) {
      Objects.requireNonNull(pan, "pan");
    } else if (pan != null) {
      throw new IllegalArgumentException("format 1 binds no PAN: pass null");
    }
  }

  /** Drops this copy of the key (best effort on the JVM); idempotent. */
  @Override
  public void destroy() {
    lifecycle.destroy(cipher::destroy);
  }

  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }
}
