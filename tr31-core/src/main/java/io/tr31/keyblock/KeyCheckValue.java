/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BlockCipher;
import io.tr31.internal.Bytes;
import io.tr31.internal.Cmac;
import io.tr31.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key check value: the method that produced it and its bytes (ANSI X9.24-1:2017 Annex A).
 *
 * <p>{@link KcvMethod#LEGACY}: the leftmost 1-3 bytes of the key's encryption of one all-zero
 * block. {@link KcvMethod#CMAC}: the leftmost 1-5 bytes of the CMAC (NIST SP 800-38B) of one
 * all-zero block, which X9.24-1 specifies for AES keys. Both are computed for AES and TDES keys
 * (2-key TDES used as K1K2K1, parity bits ignored) and single DES keys (as K1K1K1).
 *
 * <p>Different systems report different lengths of the same value (openemv reports 5 CMAC bytes,
 * AWS Payment Cryptography the first 3): {@link #matches(KeyAlgorithm, byte[])} and {@link
 * #verify(KeyAlgorithm, byte[])} compute the key's KCV at this value's length.
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. A KCV is public by design ({@link #hex()}); it is still compared in
 * constant time ({@link MessageDigest#isEqual}). A KCV confirms which key is present; with at most 5 bytes it is not an integrity check of the key. Key arguments are only
 * read; internal copies are wiped (best effort on the JVM).
 *
 * @since 0.1.0
 */
public final class KeyCheckValue {
  private final KcvMethod method;
  private final byte[] value;

  private KeyCheckValue(KcvMethod method, byte[] value) {
    this.method = method;
    this.value = value;
  }

  /**
   * A KCV with known bytes (copied).
   *
   * @param method how the value was computed; not {@code null}
   * @param value the KCV bytes, 1 to the method's maximum (3 legacy, 5 CMAC) (copied); not {@code null}
   * @return the check value
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the length is not 1 to the method's maximum (3 legacy, 5 CMAC)
   */
  public static KeyCheckValue of(KcvMethod method, byte[] value) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(value, "value");
    checkLength(method, value.length);
    return new KeyCheckValue(method, value.clone());
  }

  /**
   * Parses upper-case hex KCV bytes, e.g. from a {@code KC} optional block after its method prefix.
   *
   * @param method how the value was computed; not {@code null}
   * @param hex the KCV in upper-case hex, 1 to the method's maximum (3 legacy, 5 CMAC) bytes; not {@code
   *     null}
   * @return the check value
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_HEX}, {@link ErrorCode#LOWERCASE_HEX} or
   *     {@link ErrorCode#ODD_HEX_LENGTH} (offsets relative to {@code hex}), or {@link
   *     ErrorCode#INVALID_OPTIONAL_BLOCK_DATA} if the length is not allowed for the method
   */
  static KeyCheckValue parseHex(KcvMethod method, CharSequence hex)
      throws Tr31FormatException {
    Objects.requireNonNull(method, "method");
    byte[] b = Hex.decode(hex);
    if (b.length < 1 || b.length > method.maxLengthBytes()) {
      throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, -1, "KCV length");
    }
    return new KeyCheckValue(method, b);
  }

  /**
   * Computes the KCV of {@code key}.
   *
   * @param algorithm AES, TDES or DES
   * @param key the key: AES 16/24/32 bytes, TDES 16/24 bytes, DES 8 bytes (only read)
   * @param method how to compute it
   * @param lengthBytes how many leftmost bytes to keep, 1 to the method's maximum (3 legacy, 5 CMAC)
   * @return the check value, {@code lengthBytes} long
   * @throws NullPointerException if {@code algorithm}, {@code key} or {@code method} is {@code
   *     null}
   * @throws Tr31PolicyException {@link ErrorCode#UNSUPPORTED_OPERATION} for HMAC and
   *     asymmetric algorithms, which have no X9.24-1 KCV
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_LENGTH} when the key's length does not
   *     fit the algorithm (the key may come from untrusted input)
   * @throws IllegalArgumentException if {@code lengthBytes} is not allowed for the method
   */
  public static KeyCheckValue compute(
      KeyAlgorithm algorithm, byte[] key, KcvMethod method, int lengthBytes)
      throws Tr31PolicyException, Tr31FormatException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(method, "method");
    checkLength(method, lengthBytes);
    checkKey(algorithm, key);
    byte[] full = fullLength(algorithm, key, method);
    try {
      return new KeyCheckValue(method, Arrays.copyOf(full, lengthBytes));
    } finally {
      Bytes.wipe(full);
    }
  }

  /**
   * The KCV of a key whose algorithm and length are known to fit ({@link #compute} checked them, or
   * the caller prepared a KBPK from it), at the method's full length: a fresh array.
   *
   * @throws IllegalArgumentException if the algorithm has no KCV or the length does not fit it
   */
  static byte[] fullLength(KeyAlgorithm algorithm, byte[] key, KcvMethod method) {
    BlockCipher cipher = cipherFor(algorithm, key);
    byte[] full = null;
    try {
      byte[] zeros = new byte[cipher.blockSizeBytes()];
      if (method == KcvMethod.LEGACY) {
        // X9.24-1:2017 A.2: encrypt one all-zero block.
        full = new byte[zeros.length];
        cipher.encryptEcb(zeros, 0, zeros.length, full, 0);
      } else {
        // X9.24-1:2017 A.3: CMAC of one all-zero block (a complete block: subkey K1). The
        // finally below destroys the cipher; the CMAC's subkeys are wiped with it.
        Cmac cmac = new Cmac(cipher);
        try {
          full = cmac.mac(zeros);
        } finally {
          cmac.destroy();
        }
      }
      return Arrays.copyOf(full, method.maxLengthBytes());
    } finally {
      cipher.destroy();
      Bytes.wipe(full);
    }
  }

  /**
   * Whether X9.24-1 defines a KCV for keys of an algorithm.
   *
   * @param algorithm the key's algorithm
   * @return {@code true} for AES, TDES and DES; {@code false} for HMAC and asymmetric keys
   */
  static boolean isDefinedFor(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm.AES
        || algorithm == KeyAlgorithm.TDES
        || algorithm == KeyAlgorithm.DES;
  }

  /** The checks of {@link #compute} on the key: an algorithm with a KCV, a length it allows. */
  private static void checkKey(KeyAlgorithm algorithm, byte[] key)
      throws Tr31PolicyException, Tr31FormatException {
    boolean lengthOk;
    switch (algorithm) {
      case AES:
        lengthOk = BlockCipher.Algorithm.AES.permitsKeyLengthBytes(key.length);
        break;
      case TDES:
        lengthOk = BlockCipher.Algorithm.TDES.permitsKeyLengthBytes(key.length);
        break;
      case DES:
        lengthOk = key.length == 8;
        break;
      default:
        throw new Tr31PolicyException(
            ErrorCode.UNSUPPORTED_OPERATION, "no key check value for algorithm " + algorithm);
    }
    if (!lengthOk) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_KEY_LENGTH, -1, "no KCV for this key length with " + algorithm);
    }
  }

  /**
   * The block cipher under {@code key} (copied into the cipher, never kept): DES is expanded to
   * K1K1K1 (TDES with one key). The caller checked algorithm and length ({@link #checkKey}).
   */
  private static BlockCipher cipherFor(KeyAlgorithm algorithm, byte[] key) {
    switch (algorithm) {
      case AES:
        return BlockCipher.aes(key);
      case TDES:
        return BlockCipher.tdes(key);
      case DES:
        byte[] k1k1k1 = BlockCipher.singleDesAsTdes(key);
        try {
          return BlockCipher.tdes(k1k1k1);
        } finally {
          Bytes.wipe(k1k1k1);
        }
      default:
        throw new IllegalArgumentException("no key check value for algorithm " + algorithm);
    }
  }

  private static void checkLength(KcvMethod method, int lengthBytes) {
    if (lengthBytes < 1 || lengthBytes > method.maxLengthBytes()) {
      throw new IllegalArgumentException(
          "KCV length must be 1 to " + method.maxLengthBytes() + " bytes for " + method);
    }
  }

  /**
   * Whether {@code key} has this KCV: computes the KCV of {@code key} with this method and length
   * and compares in constant time. Returns {@code false} when this KCV has fewer than {@link
   * #MIN_COMPARED_BYTES} bytes: a 1-byte value would accept one key in 256.
   *
   * @param algorithm the key's algorithm: AES, TDES or DES; not {@code null}
   * @param key the candidate key (only read); not {@code null}
   * @return whether the key's KCV equals this one
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31PolicyException {@link ErrorCode#UNSUPPORTED_OPERATION} for algorithms without
   *     a KCV
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_LENGTH} when the key's length does not
   *     fit the algorithm
   */
  public boolean matches(KeyAlgorithm algorithm, byte[] key)
      throws Tr31PolicyException, Tr31FormatException {
    if (value.length < MIN_COMPARED_BYTES) {
      return false;
    }
    KeyCheckValue actual = compute(algorithm, key, method, value.length);
    return MessageDigest.isEqual(actual.value, value);
  }

  /**
   * Like {@link #matches(KeyAlgorithm, byte[])}, but throws on mismatch so that it cannot be
   * ignored.
   *
   * @param algorithm the key's algorithm: AES, TDES or DES; not {@code null}
   * @param key the candidate key (only read); not {@code null}
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31VerificationException {@link ErrorCode#KCV_MISMATCH} if the key does not have this
   *     KCV, or this KCV is shorter than {@link #MIN_COMPARED_BYTES}
   * @throws Tr31PolicyException {@link ErrorCode#UNSUPPORTED_OPERATION} for algorithms without
   *     a KCV
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_LENGTH} when the key's length does not
   *     fit the algorithm
   */
  public void verify(KeyAlgorithm algorithm, byte[] key)
      throws Tr31VerificationException, Tr31PolicyException, Tr31FormatException {
    if (!matches(algorithm, key)) {
      throw new Tr31VerificationException(ErrorCode.KCV_MISMATCH);
    }
  }

  /**
   * The fewest bytes {@link #matches(KeyAlgorithm, byte[])} compares: a 1-byte "match" would
   * accept one key in 256. X9.24-1 KCVs are 2-3 bytes (legacy) and up to 5 bytes (CMAC); AWS Payment
   * Cryptography reports 3-byte CMAC KCVs.
   */
  public static final int MIN_COMPARED_BYTES = 2;

  /**
   * Whether {@code other} has the same method and the shorter of the two values equals the
   * same-length prefix of the longer (constant time for that prefix). Returns {@code false} when
   * the shorter value has fewer than {@link #MIN_COMPARED_BYTES} bytes.
   *
   * @param other the KCV to compare with; not {@code null}
   * @return whether both name the same key, as far as their common prefix can tell
   * @throws NullPointerException if {@code other} is {@code null}
   */
  boolean matches(KeyCheckValue other) {
    Objects.requireNonNull(other, "other");
    if (method != other.method) {
      return false;
    }
    int n = Math.min(value.length, other.value.length);
    if (n < MIN_COMPARED_BYTES) {
      return false;
    }
    return MessageDigest.isEqual(Arrays.copyOf(value, n), Arrays.copyOf(other.value, n));
  }

  /** {@return the method that computed this KCV} */
  public KcvMethod method() {
    return method;
  }

  /** {@return a fresh copy of the KCV bytes} */
  byte[] bytes() {
    return value.clone();
  }

  /** {@return the number of KCV bytes} */
  int lengthBytes() {
    return value.length;
  }

  /** {@return the KCV bytes in upper-case hex} */
  public String hex() {
    return Hex.encode(value);
  }

  /** Equal when method and bytes are equal (constant-time comparison of the bytes). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyCheckValue)) {
      return false;
    }
    KeyCheckValue other = (KeyCheckValue) o;
    return method == other.method && MessageDigest.isEqual(value, other.value);
  }

  /** From the bytes only (equal values have equal bytes; the method seldom tells them apart). */
  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

}
