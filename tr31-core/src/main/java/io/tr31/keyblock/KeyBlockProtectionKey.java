/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;


import io.tr31.internal.Binding;
import io.tr31.internal.Bytes;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.internal.KeyFingerprint;
import io.tr31.internal.TdesKeys;
import io.tr31.internal.VariantBinding;
import io.tr31.internal.VersionEBinding;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.security.auth.Destroyable;

/**
 * A prepared key block protection key (KBPK): wraps and unwraps key blocks.
 *
 * <p>Preparing derives the key block encryption and authentication keys (KBEK, KBAK) of every
 * binding method the KBPK's algorithm serves, once; {@link #wrap} and {@link #unwrap} then do only
 * the per-block work and pick the binding by the header's version:
 *
 * <table class="striped">
 *   <caption>Which KBPK serves which version</caption>
 *   <thead><tr><th>KBPK</th><th>versions</th><th>binding</th></tr></thead>
 *   <tbody>
 *     <tr><td>TDES, 16 or 24 bytes</td><td>A, C, {@code 0}</td>
 *         <td>key variant (TR-31:2018 A.3.1; A and C deprecated by X9.143, {@code 0} Thales
 *         proprietary, lenient profile only)</td></tr>
 *     <tr><td>TDES, 16 or 24 bytes</td><td>B</td>
 *         <td>TDES-CMAC key derivation (TR-31:2018 A.3.3)</td></tr>
 *     <tr><td>AES, 16, 24 or 32 bytes</td><td>D</td>
 *         <td>AES-CMAC key derivation, CBC (X9.143 7.3)</td></tr>
 *     <tr><td>AES, 16, 24 or 32 bytes</td><td>E</td>
 *         <td>AES-CMAC key derivation, CTR (ISO 20038)</td></tr>
 *     <tr><td>single DES, 8 bytes ({@link #prepareSingleDesLegacy})</td><td>A, C, {@code 0}</td>
 *         <td>key variant; unwrap under {@link Profile#LENIENT} only, never wrap</td></tr>
 *     <tr><td>degenerate TDES, K1 = K2 or K2 = K3 ({@link KeyBlocks#prepareFor} with {@link
 *         Profile#LENIENT} only)</td><td>A, B, C, {@code 0}</td>
 *         <td>unwrap under {@link Profile#LENIENT} only, with a warning; never wrap</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>A version the KBPK cannot serve fails with {@link ErrorCode#WRONG_KBPK_FOR_VERSION} and a
 * message naming the KBPK the version needs.
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
 *   <li>Versions A, C and {@code 0}: the MAC (4 bytes, ISO 9797-1 MAC algorithm 1) covers the
 *       ciphertext and is verified before decrypting.
 *   <li>Degenerate TDES keys (K1 = K2, or K2 = K3 in a 3-key key, parity bits ignored: single DES
 *       in disguise, {@link io.tr31.internal.TdesKeys}) are refused as KBPKs by {@link #prepare}
 *       ({@link ErrorCode#DEGENERATE_TDES_KBPK}) and as keys by wrap and by strict unwrap ({@link
 *       ErrorCode#DEGENERATE_TDES_KEY}, on unwrap only once the block authenticated). A 3-key KBPK
 *       or key with K1 = K3 counts as 2-key (80-bit) strength for {@link
 *       ErrorCode#KBPK_TOO_WEAK}.
 *   <li>Wrap refuses key lengths its header algorithm does not allow and key usage × algorithm ×
 *       mode of use combinations outside {@link io.tr31.keyblock.KeyAttributePolicy}; padding comes
 *       from a {@link SecureRandom}: the library's own, or the one given at preparation. It writes
 *       A and C only with {@link LegacyVersions#ALLOW_DEPRECATED} and never writes the proprietary
 *       {@code 0}.
 *   <li>Side channels: the block ciphers are the JDK's. AES becomes AES-NI intrinsics once compiled
 *       ({@link KeyBlocks#warmUp()} compiles it before real keys are used); TDES and DES (versions
 *       A, B, C and {@code 0}) are table-based Java with no intrinsic, so their memory accesses
 *       depend on the key whatever the warm-up (a cache-timing exposure).
 *   <li>Immutable and thread-safe: one instance may serve any number of threads.
 *   <li>{@link #destroy()} wipes the derived keys this object holds; the caller's array is never
 *       kept. Zeroing is best effort on the JVM: the garbage collector may hold copies, and the JCE
 *       key schedules of the derived keys cannot be wiped, only dropped (destroy drops the ciphers
 *       of every thread at once). {@code destroy()} waits for the wraps and unwraps already
 *       running, so no operation ever computes with half-wiped keys; use after destroy throws
 *       {@link IllegalStateException}.
 *   <li>{@link #toString()} names the algorithm only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeyBlockProtectionKey implements Destroyable {
  private final KeyAlgorithm algorithm;
  private final int lengthBytes;

  /** The KBPK's strength from its actual parts ({@link KeyStrength}), for KBPK_TOO_WEAK. */
  private final int strengthBits;

  /**
   * A TDES KBPK with K1 = K2 or K2 = K3, prepared by {@link KeyBlocks#prepareFor} under the lenient
   * profile: it unwraps under {@link Profile#LENIENT} only and never wraps.
   */
  private final boolean degenerate;
  private final Binding variant;
  private final Binding versionB;
  private final Binding versionD;
  private final Binding versionE;
  private final byte[] kcvLegacy;
  private final byte[] kcvCmac;

  /** Lets wrap refuse this KBPK as the key to wrap (never the KBPK itself). */
  private final KeyFingerprint fingerprint;

  /** The caller's padding source, or {@code null} for the library's (buffered) one. */
  private final SecureRandom random;

  private final AtomicBoolean destroyed = new AtomicBoolean();

  /**
   * Operations hold the read lock, {@link #destroy()} the write lock: a destroy waits for the wraps
   * and unwraps already running, so none of them can compute with half-wiped derived keys (review
   * 3, finding 1: a wrap racing destroy could encrypt under an all-zero key).
   */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private KeyBlockProtectionKey(KeyAlgorithm algorithm, byte[] key, SecureRandom random)
      throws Tr31Exception {
    this(algorithm, key, random, null);
  }

  /**
   * @param only the one version a one-shot call needs (its binding alone is derived), or {@code
   *     null} for every version the KBPK's algorithm serves
   */
  private KeyBlockProtectionKey(
      KeyAlgorithm algorithm, byte[] key, SecureRandom random, KeyBlockVersion only)
      throws Tr31Exception {
    this.algorithm = algorithm;
    this.lengthBytes = key.length;
    this.strengthBits = KeyStrength.bits(algorithm, key);
    this.degenerate = algorithm == KeyAlgorithm.TDES && TdesKeys.isDegenerate(key);
    this.random = random;
    Binding[] slots = new Binding[SLOTS];
    byte[][] kcvs = new byte[2][];
    buildOrDestroy(slots, () -> derive(algorithm, key, only, slots, kcvs));
    this.variant = slots[VARIANT];
    this.versionB = slots[VERSION_B];
    this.versionD = slots[VERSION_D];
    this.versionE = slots[VERSION_E];
    this.kcvLegacy = kcvs[0];
    this.kcvCmac = kcvs[1];
    this.fingerprint = KeyFingerprint.of(key, algorithm != KeyAlgorithm.AES);
  }

  private static final int VARIANT = 0;
  private static final int VERSION_B = 1;
  private static final int VERSION_D = 2;
  private static final int VERSION_E = 3;
  private static final int SLOTS = 4;

  /** Derives the bindings into {@code slots}, one at a time, then the KBPK's KCVs. */
  private static void derive(
      KeyAlgorithm algorithm, byte[] key, KeyBlockVersion only, Binding[] slots, byte[][] kcvs)
      throws Tr31Exception {
    boolean aes = algorithm == KeyAlgorithm.AES;
    boolean tdes = algorithm == KeyAlgorithm.TDES;
    boolean variantWanted =
        only == null || only.bindingMethod() == KeyBlockVersion.BindingMethod.VARIANT;
    if (!aes && variantWanted) {
      slots[VARIANT] = VariantBinding.of(key);
    }
    KeyDerivationBinding derivation = null;
    if (aes && (only == null || only == KeyBlockVersion.D)) {
      derivation = KeyDerivationBinding.versionD(key);
      slots[VERSION_D] = derivation;
    } else if (tdes && (only == null || only == KeyBlockVersion.B)) {
      derivation = KeyDerivationBinding.versionB(key);
      slots[VERSION_B] = derivation;
    }
    if (aes && (only == null || only == KeyBlockVersion.E)) {
      slots[VERSION_E] = VersionEBinding.of(key);
    }
    if (derivation != null) {
      // X9.24-1 KCVs of the KBPK from the cipher the derivation already keyed (one key schedule
      // fewer): legacy = E(0), CMAC = CMAC(0 block); equal to KeyCheckValue.compute (tested).
      byte[] zeros = derivation.kbpkEncryptedZeros();
      byte[] cmac = derivation.kbpkCmacOfZeros();
      kcvs[0] = Arrays.copyOf(zeros, 3);
      kcvs[1] = Arrays.copyOf(cmac, 5);
      Bytes.wipe(zeros, cmac);
    } else {
      kcvs[0] = KeyCheckValue.compute(algorithm, key, KcvMethod.LEGACY, 3).bytes();
      kcvs[1] = KeyCheckValue.compute(algorithm, key, KcvMethod.CMAC, 5).bytes();
    }
  }

  /** A step of preparation that fills binding slots. */
  interface BuildStep {
    void run() throws Tr31Exception;
  }

  /**
   * Runs {@code step}; if it throws anything (a JCE provider failure surfaces as an unchecked
   * exception half-way through), destroys every binding it already put into {@code slots} and
   * rethrows: a failed preparation leaves no derived key keyed in a cipher.
   */
  static void buildOrDestroy(Binding[] slots, BuildStep step) throws Tr31Exception {
    try {
      step.run();
    } catch (Throwable t) {
      for (Binding b : slots) {
        if (b != null) {
          b.destroy();
        }
      }
      throw t;
    }
  }

  /**
   * Prepares a KBPK whose padding comes from the library's own {@link SecureRandom} (one shared
   * instance, drawn from once per wrap: nothing is drawn ahead).
   *
   * @param algorithm {@link KeyAlgorithm#AES} (16, 24 or 32 bytes; versions D and E) or {@link
   *     KeyAlgorithm#TDES} (16 or 24 bytes; versions A, B, C and {@code 0})
   * @param key the KBPK; copied, never kept
   * @return the prepared KBPK, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31PolicyException {@link ErrorCode#INVALID_KBPK_LENGTH} when the length does not
   *     fit the algorithm, {@link ErrorCode#DEGENERATE_TDES_KBPK} for a TDES key with K1 = K2 or K2
   *     = K3 (parity bits ignored; {@link KeyBlocks#prepareFor} with {@link Profile#LENIENT}
   *     prepares one to read legacy blocks), {@link ErrorCode#UNSUPPORTED_OPERATION} for other
   *     algorithms (a single-DES KBPK is prepared by {@link #prepareSingleDesLegacy(byte[])})
   */
  public static KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, byte[] key)
      throws Tr31Exception {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    checkPreparable(algorithm, key, Profile.STRICT);
    // Padding from the library's shared SecureRandom, one draw per wrap (internal.PaddingRandom).
    return new KeyBlockProtectionKey(algorithm, key, null);
  }

  /**
   * Prepares a KBPK that draws padding from {@code random} (inject a seeded source in tests).
   *
   * <p>The source only supplies padding, but with a predictable one two wraps of the same key
   * under the same header give the same key block: production code uses {@link
   * #prepare(KeyAlgorithm, byte[])}.
   *
   * @param algorithm {@link KeyAlgorithm#AES} (16, 24 or 32 bytes; versions D and E) or {@link
   *     KeyAlgorithm#TDES} (16 or 24 bytes; versions A, B, C and {@code 0})
   * @param key the KBPK; copied, never kept
   * @param random the source of every wrap's padding; kept and shared by all threads that wrap
   *     with this KBPK, so it must be thread-safe ({@link SecureRandom} instances are)
   * @return the prepared KBPK, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31PolicyException as {@link #prepare(KeyAlgorithm, byte[])}
   * @see #prepare(KeyAlgorithm, byte[])
   */
  public static KeyBlockProtectionKey prepare(
      KeyAlgorithm algorithm, byte[] key, SecureRandom random) throws Tr31Exception {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(random, "random");
    checkPreparable(algorithm, key, Profile.STRICT);
    return new KeyBlockProtectionKey(algorithm, key, random);
  }

  /**
   * The length and algorithm checks of {@link #prepare}, shared with {@link KeyBlocks}: a
   * degenerate TDES KBPK passes under the lenient profile only (it then reads, never wraps).
   */
  private static void checkPreparable(KeyAlgorithm algorithm, byte[] key, Profile profile)
      throws Tr31PolicyException {
    switch (algorithm) {
      case AES:
        if (key.length != 16 && key.length != 24 && key.length != 32) {
          throw new Tr31PolicyException(
              ErrorCode.INVALID_KBPK_LENGTH,
              "an AES KBPK has 16, 24 or 32 bytes, not " + key.length);
        }
        break;
      case TDES:
        if (key.length != 16 && key.length != 24) {
          throw new Tr31PolicyException(
              ErrorCode.INVALID_KBPK_LENGTH,
              "a TDES KBPK has 16 or 24 bytes, not "
                  + key.length
                  + (key.length == 8
                      ? " (a single-DES KBPK: prepareSingleDesLegacy, lenient profile only)"
                      : ""));
        }
        if (profile != Profile.LENIENT && TdesKeys.isDegenerate(key)) {
          throw degenerateKbpk();
        }
        break;
      default:
        throw new Tr31PolicyException(
            ErrorCode.UNSUPPORTED_OPERATION,
            "a KBPK is AES or TDES, not "
                + algorithm
                + (algorithm == KeyAlgorithm.DES ? " (see prepareSingleDesLegacy)" : ""));
    }
  }

  /** The refusal of a degenerate TDES KBPK; names no key part. */
  private static Tr31PolicyException degenerateKbpk() {
    return new Tr31PolicyException(
        ErrorCode.DEGENERATE_TDES_KBPK,
        "a TDES KBPK needs K1 != K2 and K2 != K3 (parity bits ignored); this one computes single"
            + " DES (KeyBlocks.prepareFor with the lenient profile reads legacy blocks under it)");
  }

  /**
   * For {@link KeyBlocks}: a KBPK checked for {@code profile} (a degenerate TDES KBPK passes under
   * the lenient profile only) that derives only the binding of {@code only}, or every binding when
   * {@code only} is {@code null} (a one-shot unwrap of a D block need not derive E's keys).
   * Otherwise the checks of {@link #prepare(KeyAlgorithm, byte[])}.
   */
  static KeyBlockProtectionKey prepareFor(
      KeyAlgorithm algorithm, byte[] key, Profile profile, KeyBlockVersion only)
      throws Tr31Exception {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(profile, "profile");
    checkPreparable(algorithm, key, profile);
    return new KeyBlockProtectionKey(algorithm, key, null, only);
  }

  /**
   * Prepares a single-DES KBPK (8 bytes) for reading legacy key blocks of versions A, C and {@code
   * 0}: a documented field deviation (older hosts and HSMs; psec and openemv accept it), not
   * X9.143.
   *
   * <p>The result unwraps A, C and {@code 0} under {@link Profile#LENIENT} only (the strict profile
   * refuses with {@link ErrorCode#INVALID_KBPK_LENGTH}), serves no other version and never wraps:
   * single DES offers 56-bit security. Use it to migrate such blocks, e.g. with {@link Rewrap}.
   *
   * <h4>Security</h4>
   *
   * Same guarantees as {@link #prepare}; single DES is broken by exhaustive search, so a block read
   * this way is only as confidential as a 56-bit key made it.
   *
   * @param key 8 bytes (parity ignored); copied, never kept
   * @return the prepared single-DES KBPK, which the caller destroys when done
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws Tr31PolicyException {@link ErrorCode#INVALID_KBPK_LENGTH} for any other length
   */
  public static KeyBlockProtectionKey prepareSingleDesLegacy(byte[] key) throws Tr31Exception {
    Objects.requireNonNull(key, "key");
    if (key.length != 8) {
      throw new Tr31PolicyException(
          ErrorCode.INVALID_KBPK_LENGTH, "a single-DES KBPK has 8 bytes, not " + key.length);
    }
    return new KeyBlockProtectionKey(KeyAlgorithm.DES, key, null);
  }

  /** {@return the KBPK's algorithm: AES, TDES, or DES for {@link #prepareSingleDesLegacy}} */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** {@return the KBPK's length in bytes (still answers after {@link #destroy()})} */
  public int keyLengthBytes() {
    return lengthBytes;
  }

  /**
   * Whether this KBPK can serve key blocks of a version: an AES KBPK serves D and E, a TDES KBPK A,
   * B, C and {@code 0}, a single-DES KBPK A, C and {@code 0} (unwrap only, lenient only).
   *
   * @param version the key block version; not {@code null}
   * @return {@code true} if {@link #wrap} or {@link #unwrap} would pick a binding for it; other
   *     rules (deprecated and proprietary versions, the profile) still apply
   * @throws NullPointerException if {@code version} is {@code null}
   */
  public boolean serves(KeyBlockVersion version) {
    Objects.requireNonNull(version, "version");
    return bindingOrNull(version) != null;
  }

  /**
   * Wraps {@code key} under this KBPK with {@link WrapOptions#defaults()}.
   *
   * @param header the header of the key block to write; not {@code null}
   * @param key the key to wrap (only read); not {@code null}
   * @return the key block text
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception as {@link #wrap(KeyBlockHeader, byte[], WrapOptions)}
   */
  public String wrap(KeyBlockHeader header, byte[] key) throws Tr31Exception {
    return wrap(header, key, WrapOptions.defaults());
  }

  /**
   * Wraps {@code key} into a key block with the given header.
   *
   * <p>The header's length field, and any {@code PB} block, are recomputed; {@code KC}/{@code KP}
   * blocks are added when the options ask for them.
   *
   * @param header the header of the key block to write; not {@code null}
   * @param key the key to wrap (only read): its length must fit the header's algorithm; not {@code
   *     null}
   * @param options KCV blocks, key length obfuscation and legacy versions; not {@code null}
   * @return the key block text: header, payload hex and MAC hex, upper case
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception {@link ErrorCode#INVALID_KEY_LENGTH} when the header algorithm does not
   *     allow the key's length; {@link ErrorCode#KBPK_TOO_WEAK} when the key is stronger than this
   *     KBPK; {@link ErrorCode#KEY_IS_KBPK} when the key is this KBPK itself (compared in constant
   *     time through a salted fingerprint, the KBPK is not kept; a TDES or DES key as the DES key
   *     it is, whatever this KBPK's algorithm); {@link
   *     ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES} (or another code of a strict {@link
   *     KeyBlockHeader#parse}) when the header is not one a strict reader accepts; {@link
   *     ErrorCode#INVALID_OPTIONAL_BLOCK_DATA} when a {@code KC}/{@code KP} block given in the
   *     header does not match the key it names; {@link ErrorCode#TOO_MANY_OPTIONAL_BLOCKS} when the
   *     key block would exceed 9999 characters; {@link ErrorCode#WRONG_KBPK_FOR_VERSION} when this
   *     KBPK cannot serve the version; {@link ErrorCode#UNSUPPORTED_OPERATION} for A or C without
   *     {@link LegacyVersions#ALLOW_DEPRECATED}, for the proprietary {@code 0}, for a single-DES
   *     KBPK and for a KCV on a key whose algorithm has none
   */
  public String wrap(KeyBlockHeader header, byte[] key, WrapOptions options) throws Tr31Exception {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      checkNotDestroyed();
      return wrapLocked(header, key, options);
    } finally {
      running.unlock();
    }
  }

  private String wrapLocked(KeyBlockHeader header, byte[] key, WrapOptions options)
      throws Tr31Exception {
    KeyBlockVersion version = header.version();
    if (version.isProprietary()) {
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION,
          "version "
              + version.id()
              + " is proprietary: read under the lenient profile, never written");
    }
    if (version.isDeprecated()
        && options.legacyVersions() != LegacyVersions.ALLOW_DEPRECATED) {
      // X9.143 deprecates the variant binding: writing it is an explicit, visible choice.
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION,
          "version "
              + version.id()
              + " is deprecated by X9.143; wrap it only with LegacyVersions.ALLOW_DEPRECATED");
    }
    if (algorithm == KeyAlgorithm.DES) {
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION, "a single-DES KBPK is for reading legacy blocks only");
    }
    if (degenerate) {
      throw degenerateKbpk(); // wrap writes strict X9.143 only
    }
    Binding binding = bindingFor(version);
    return KeyBlockWriter.write(
        binding,
        header,
        key,
        options,
        new KeyBlockWriter.Kbpk(strengthBits(), kcvLegacy, kcvCmac, fingerprint, random));
  }

  /**
   * Whether {@code key}, used as {@code algorithm}, is this KBPK ({@link KeyBlockWriter#isKbpk}):
   * re-wrap refuses a block that holds its own source KBPK (review 4, finding 2).
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  boolean isThisKbpk(byte[] key, KeyAlgorithm algorithm) {
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      checkNotDestroyed();
      return KeyBlockWriter.isKbpk(fingerprint, algorithm, key);
    } finally {
      running.unlock();
    }
  }

  /** The KBPK's security strength in bits, from its actual parts ({@link KeyStrength}). */
  int strengthBits() {
    return strengthBits;
  }

  /**
   * Unwraps a key block under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the untrusted key block; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @return the key and its authenticated header; the caller destroys it
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception as {@link #unwrap(CharSequence, Profile)}
   */
  public UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return unwrap(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key block.
   *
   * <p>Under {@link Profile#LENIENT} every tolerance used is listed in {@link
   * UnwrappedKey#warnings()}.
   *
   * @param keyBlock the untrusted key block; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @param profile how strictly to read; not {@code null}
   * @return the key and its authenticated header; the caller destroys it
   * @throws NullPointerException if {@code profile} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception a {@link Tr31FormatException}, before any decryption, when the block is
   *     malformed (the codes of {@link KeyBlock#parse}), a {@code KC}/{@code KP} block is
   *     malformed, or, under the strict profile, an ISO 20038-only algorithm appears outside
   *     version E ({@link ErrorCode#INVALID_ALGORITHM}); a {@link Tr31PolicyException} when
   *     the version needs another KBPK type ({@link ErrorCode#WRONG_KBPK_FOR_VERSION}), for a
   *     single-DES KBPK under the strict profile ({@link ErrorCode#INVALID_KBPK_LENGTH}), a
   *     degenerate TDES KBPK under the strict profile ({@link ErrorCode#DEGENERATE_TDES_KBPK},
   *     before decrypting), a {@code KC} block on a key without a KCV ({@link
   *     ErrorCode#UNSUPPORTED_OPERATION}), or under the strict profile an authentic block whose
   *     TDES key is degenerate ({@link ErrorCode#DEGENERATE_TDES_KEY}, after every other check
   *     passed); a {@link
   *     Tr31VerificationException} ({@link ErrorCode#VERIFICATION_FAILED}, no offset, one message)
   *     when authentication or any check after decryption fails
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(profile, "profile");
    checkNotDestroyed(); // before parsing: a destroyed key reads nothing
    return unwrap(KeyBlock.parse(keyBlock, profile), profile);
  }

  /** Unwraps an already parsed key block. */
  UnwrappedKey unwrap(KeyBlock parsed, Profile profile) throws Tr31Exception {
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      checkNotDestroyed();
      return unwrapLocked(parsed, profile);
    } finally {
      running.unlock();
    }
  }

  private UnwrappedKey unwrapLocked(KeyBlock parsed, Profile profile) throws Tr31Exception {
    if (algorithm == KeyAlgorithm.DES && profile != Profile.LENIENT) {
      throw new Tr31PolicyException(
          ErrorCode.INVALID_KBPK_LENGTH,
          "a single-DES (8-byte) KBPK is a field deviation accepted only under the lenient"
              + " profile");
    }
    if (degenerate && profile != Profile.LENIENT) {
      throw degenerateKbpk();
    }
    checkAlgorithmForVersion(parsed.header(), profile);
    Binding binding = bindingFor(parsed.header().version());
    return KeyBlockReader.read(
        binding,
        parsed,
        profile,
        kcvLegacy,
        kcvCmac,
        UnwrapWarnings.beforeDecryption(parsed, algorithm, degenerate));
  }

  /**
   * ISO 20038:2017 defines algorithm codes {@code I} (HMAC-SHA-2) and {@code J} (HMAC-SHA-3);
   * X9.143 Table 3 has neither, so outside version E the strict profile refuses them (public header
   * data, checked before any decryption).
   */
  static void checkAlgorithmForVersion(KeyBlockHeader header, Profile profile)
      throws Tr31FormatException {
    if (isIso20038OnlyOutsideE(header) && profile != Profile.LENIENT) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_ALGORITHM,
          7,
          "algorithm " + header.algorithm().code() + " is defined by ISO 20038 for version E only");
    }
  }

  /** Algorithm {@code I} or {@code J} outside version E (strict: refused; lenient: a warning). */
  static boolean isIso20038OnlyOutsideE(KeyBlockHeader header) {
    KeyAlgorithm a = header.algorithm();
    boolean iso20038Only = a == KeyAlgorithm.HMAC_SHA2 || a == KeyAlgorithm.HMAC_SHA3;
    return iso20038Only && header.version() != KeyBlockVersion.E;
  }

  /** What KBPK a version needs, for error messages (users get this wrong; psec issue 8). */
  static String kbpkNeededBy(KeyBlockVersion version) {
    return version.kbpkNeeded();
  }

  private Binding bindingFor(KeyBlockVersion version) throws Tr31Exception {
    Binding b = bindingOrNull(version);
    if (b == null) {
      throw new Tr31PolicyException(
          ErrorCode.WRONG_KBPK_FOR_VERSION,
          "version "
              + version.id()
              + " needs "
              + kbpkNeededBy(version)
              + "; this KBPK is "
              + describe());
    }
    return b;
  }

  private Binding bindingOrNull(KeyBlockVersion version) {
    switch (version.bindingMethod()) {
      case VARIANT:
        return variant;
      case TDES_DERIVATION:
        return versionB;
      case AES_DERIVATION:
        return versionD;
      case ISO20038:
        return versionE;
      default:
        return null;
    }
  }

  private String describe() {
    return algorithm == KeyAlgorithm.DES
        ? "single DES (8 bytes)"
        : algorithm + "-" + (lengthBytes * 8);
  }

  private void checkNotDestroyed() {
    if (destroyed.get()) {
      throw new IllegalStateException("KBPK destroyed");
    }
  }

  /**
   * Wipes the derived keys. Waits for the wraps and unwraps already running on other threads to
   * finish; later ones throw {@link IllegalStateException}. Best effort on the JVM; idempotent.
   */
  @Override
  public void destroy() {
    Lock exclusive = lifecycle.writeLock();
    exclusive.lock();
    try {
      if (!destroyed.getAndSet(true)) {
        for (Binding b : new Binding[] {variant, versionB, versionD, versionE}) {
          if (b != null) {
            b.destroy();
          }
        }
        Bytes.wipe(kcvLegacy, kcvCmac);
        fingerprint.destroy();
      }
    } finally {
      exclusive.unlock();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "KeyBlockProtectionKey[" + describe() + "]";
  }
}
