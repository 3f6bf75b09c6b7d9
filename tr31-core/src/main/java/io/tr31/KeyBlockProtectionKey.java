package io.tr31;

import io.tr31.header.KeyAlgorithm;
import io.tr31.header.KeyBlockVersion;
import io.tr31.internal.Binding;
import io.tr31.internal.Bytes;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.kcv.KcvMethod;
import io.tr31.kcv.KeyCheckValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Destroyable;

/**
 * A prepared key block protection key (KBPK): wraps and unwraps key blocks.
 *
 * <p>Preparing derives the key block encryption and authentication keys (KBEK, KBAK; ANSI
 * X9.143:2022 clause 7.3, SP 800-108 counter mode with AES-CMAC) and their cipher subkeys once;
 * {@link #wrap} and {@link #unwrap} then do only the per-block work.
 *
 * <pre>{@code
 * KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, kbpkBytes);
 * String block = kbpk.wrap(header, keyBytes);
 * try (UnwrappedKey key = kbpk.unwrap(block)) { ... }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Unwrap order (X9.143 clause 7.3 and our stricter rule): parse and check the header and
 *       lengths (public data) → decrypt → verify the MAC in constant time → only then read the key
 *       length field and padding, and compare {@code KC}/{@code KP} check values in constant time.
 *       Every failure from decryption onwards throws {@link Tr31VerificationException} with one
 *       fixed message.
 *   <li>Wrap refuses key lengths its header algorithm does not allow and key usage × algorithm ×
 *       mode of use combinations outside {@link io.tr31.header.KeyAttributePolicy}; padding comes
 *       from the {@link SecureRandom} given at preparation.
 *   <li>Immutable and thread-safe: one instance may serve any number of threads.
 *   <li>{@link #destroy()} wipes the derived keys this object holds; the caller's array is never
 *       kept. Zeroing is best effort on the JVM (the JDK's key objects and the garbage collector
 *       may hold copies). Use after destroy throws {@link IllegalStateException}.
 *   <li>{@link #toString()} names the algorithm only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeyBlockProtectionKey implements Destroyable {
  private final KeyAlgorithm algorithm;
  private final int lengthBytes;
  private final Binding versionD;
  private final byte[] kcvLegacy;
  private final byte[] kcvCmac;
  private final SecureRandom random;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  private KeyBlockProtectionKey(KeyAlgorithm algorithm, byte[] key, SecureRandom random)
      throws Tr31Exception {
    this.algorithm = algorithm;
    this.lengthBytes = key.length;
    this.random = random;
    this.versionD = algorithm == KeyAlgorithm.AES ? KeyDerivationBinding.versionD(key) : null;
    this.kcvLegacy = KeyCheckValue.compute(algorithm, key, KcvMethod.LEGACY, 3).bytes();
    this.kcvCmac = KeyCheckValue.compute(algorithm, key, KcvMethod.CMAC, 5).bytes();
  }

  /**
   * Prepares a KBPK with a fresh {@link SecureRandom} for padding.
   *
   * @param algorithm {@link KeyAlgorithm#AES} (16, 24 or 32 bytes; versions D and E) or {@link
   *     KeyAlgorithm#TDES} (16 or 24 bytes; versions A, B, C)
   * @param key the KBPK; copied, never kept
   * @throws Tr31UnsupportedException {@link ErrorCode#INVALID_KBPK_LENGTH} when the length does not
   *     fit the algorithm, {@link ErrorCode#UNSUPPORTED_OPERATION} for other algorithms
   */
  public static KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, byte[] key)
      throws Tr31Exception {
    return prepare(algorithm, key, new SecureRandom());
  }

  /**
   * Prepares a KBPK that draws padding from {@code random} (inject a seeded source in tests).
   *
   * @see #prepare(KeyAlgorithm, byte[])
   */
  public static KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, byte[] key, SecureRandom random)
      throws Tr31Exception {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(random, "random");
    switch (algorithm) {
      case AES:
        if (key.length != 16 && key.length != 24 && key.length != 32) {
          throw new Tr31UnsupportedException(
              ErrorCode.INVALID_KBPK_LENGTH, "an AES KBPK has 16, 24 or 32 bytes, not " + key.length);
        }
        break;
      case TDES:
        if (key.length != 16 && key.length != 24) {
          throw new Tr31UnsupportedException(
              ErrorCode.INVALID_KBPK_LENGTH, "a TDES KBPK has 16 or 24 bytes, not " + key.length);
        }
        break;
      default:
        throw new Tr31UnsupportedException(
            ErrorCode.UNSUPPORTED_OPERATION, "a KBPK is AES or TDES, not " + algorithm);
    }
    return new KeyBlockProtectionKey(algorithm, key, random);
  }

  /** The KBPK's algorithm. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The KBPK's length in bytes. */
  public int keyLengthBytes() {
    return lengthBytes;
  }

  /** Wraps {@code key} under this KBPK with {@link WrapOptions#defaults()}. */
  public String wrap(KeyBlockHeader header, byte[] key) throws Tr31Exception {
    return wrap(header, key, WrapOptions.defaults());
  }

  /**
   * Wraps {@code key} into a key block with the given header.
   *
   * <p>The header's length field, and any {@code PB} block, are recomputed; {@code KC}/{@code KP}
   * blocks are added when the options ask for them.
   *
   * @throws Tr31Exception {@link ErrorCode#INVALID_KEY_LENGTH} when the header algorithm does not
   *     allow the key's length; {@link ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES}; {@link
   *     ErrorCode#WRONG_KBPK_FOR_VERSION} or {@link ErrorCode#UNSUPPORTED_VERSION} for the version
   */
  public String wrap(KeyBlockHeader header, byte[] key, WrapOptions options) throws Tr31Exception {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    checkNotDestroyed();
    Binding binding = bindingFor(header.version());
    return KeyBlockWriter.write(
        binding,
        header,
        key,
        options,
        new KeyBlockWriter.Kbpk(
            algorithm.securityStrengthBits(lengthBytes), kcvLegacy, kcvCmac, random));
  }

  /** Unwraps a key block under the {@link Profile#STRICT} profile. */
  public UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return unwrap(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key block.
   *
   * @throws Tr31FormatException the block is malformed (before any decryption)
   * @throws Tr31UnsupportedException the version is not supported or needs another KBPK type
   * @throws Tr31VerificationException authentication or any post-decryption check failed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(profile, "profile");
    checkNotDestroyed();
    return unwrap(KeyBlock.parse(keyBlock, profile), profile);
  }

  /** Unwraps an already parsed key block. */
  UnwrappedKey unwrap(KeyBlock parsed, Profile profile) throws Tr31Exception {
    checkNotDestroyed();
    Binding binding = bindingFor(parsed.header().version());
    return KeyBlockReader.read(binding, parsed, profile, kcvLegacy, kcvCmac);
  }

  /**
   * Refuses versions whose cryptography is not implemented, before any KBPK is looked at, so the
   * error names the real obstacle.
   */
  static void requireSupported(KeyBlockVersion version) throws Tr31UnsupportedException {
    if (version != KeyBlockVersion.D) {
      throw new Tr31UnsupportedException(
          ErrorCode.UNSUPPORTED_VERSION, "version " + version.id() + " is not supported yet");
    }
  }

  private Binding bindingFor(KeyBlockVersion version) throws Tr31Exception {
    requireSupported(version);
    switch (version) {
      case D:
        if (versionD == null) {
          throw new Tr31UnsupportedException(
              ErrorCode.WRONG_KBPK_FOR_VERSION,
              "version D needs an AES KBPK (16, 24 or 32 bytes), this KBPK is " + algorithm);
        }
        return versionD;
      default:
        throw new Tr31UnsupportedException(
            ErrorCode.UNSUPPORTED_VERSION, "version " + version.id() + " is not supported yet");
    }
  }

  private void checkNotDestroyed() {
    if (destroyed.get()) {
      throw new IllegalStateException("KBPK destroyed");
    }
  }

  /** Wipes the derived keys. Best effort on the JVM; idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      if (versionD != null) {
        versionD.destroy();
      }
      Bytes.wipe(kcvLegacy, kcvCmac);
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "KeyBlockProtectionKey[" + algorithm + "-" + (lengthBytes * 8) + "]";
  }
}
