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
import io.tr31.internal.Lifecycle;
import io.tr31.internal.TdesKeys;
import io.tr31.internal.Views;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A prepared key block protection key (KBPK): wraps and unwraps key blocks.
 *
 * <p>Preparing derives the key block encryption and authentication keys (KBEK, KBAK) of every
 * binding method the KBPK serves, once; {@link #wrap} and {@link #unwrap} then do only the
 * per-block work and pick the binding by the header's version:
 *
 * <table class="striped">
 *   <caption>Which KBPK serves which version</caption>
 *   <thead><tr><th>KBPK</th><th>versions</th><th>binding</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@link #tdes}, 16 or 24 bytes</td><td>A, C, {@code 0}</td>
 *         <td>key variant (TR-31:2018 A.3.1; A and C deprecated by X9.143, {@code 0} Thales
 *         proprietary, lenient profile only)</td></tr>
 *     <tr><td>{@link #tdes}, 16 or 24 bytes</td><td>B</td>
 *         <td>TDES-CMAC key derivation (TR-31:2018 A.3.3)</td></tr>
 *     <tr><td>{@link #aes}, 16, 24 or 32 bytes</td><td>D</td>
 *         <td>AES-CMAC key derivation, CBC (X9.143 7.3)</td></tr>
 *     <tr><td>{@link #aes}, 16, 24 or 32 bytes</td><td>E</td>
 *         <td>AES-CMAC key derivation, CTR (ISO 20038)</td></tr>
 *     <tr><td>single DES, 8 bytes ({@link #forVersion} with {@link Profile#LENIENT})</td>
 *         <td>A, C, {@code 0}</td>
 *         <td>key variant; unwrap under {@link Profile#LENIENT} only, never wrap</td></tr>
 *     <tr><td>degenerate TDES, K1 = K2 or K2 = K3 ({@link #forVersion} with {@link
 *         Profile#LENIENT})</td><td>A, B, C, {@code 0}</td>
 *         <td>unwrap under {@link Profile#LENIENT} only, with a warning; never wrap</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>A version the KBPK cannot serve fails with {@link ErrorCode#WRONG_KBPK_FOR_VERSION} and a
 * message naming the KBPK the version needs.
 *
 * <pre>{@code
 * try (KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(kbpkBytes)) {
 *   String block = kbpk.wrap(header, keyBytes, WrapOptions.defaults());
 *   try (UnwrappedKey key = kbpk.unwrap(block)) { ... }
 * }
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
 *   <li>A caller's key of the wrong length for the algorithm it chose ({@link #aes}, {@link #tdes})
 *       is {@link IllegalArgumentException}; a key whose length comes with untrusted input ({@link
 *       #forVersion}) is {@link ErrorCode#INVALID_KBPK_LENGTH}.
 *   <li>Degenerate TDES keys (K1 = K2, or K2 = K3 in a 3-key key, parity bits ignored: single DES
 *       in disguise, {@link io.tr31.internal.TdesKeys}) are refused as KBPKs by {@link #tdes}
 *       ({@link ErrorCode#DEGENERATE_TDES_KBPK}) and as keys by wrap and by strict unwrap ({@link
 *       ErrorCode#DEGENERATE_TDES_KEY}, on unwrap only once the block authenticated). A 3-key KBPK
 *       or key with K1 = K3 counts as 2-key (80-bit) strength for {@link
 *       ErrorCode#KBPK_TOO_WEAK}.
 *   <li>A KBPK made {@link #from} an unwrapped key honours that key's authenticated mode of use:
 *       {@code D} unwraps only, {@code E} wraps only ({@link ErrorCode#MODE_OF_USE_FORBIDS}).
 *   <li>Wrap refuses key lengths its header algorithm does not allow and key usage × algorithm ×
 *       mode of use combinations outside {@link io.tr31.keyblock.KeyAttributePolicy}; padding comes
 *       from a {@link java.security.SecureRandom} (the library's, or {@link
 *       WrapOptions.Builder#paddingSource}). It writes A and C only with {@link
 *       WrapOptions.Builder#allowDeprecatedVersions()} and never writes the proprietary {@code 0}.
 *   <li>Side channels: the block ciphers are the JDK's. AES becomes AES-NI intrinsics once compiled
 *       ({@link #warmUp()} compiles it before real keys are used); TDES and DES (versions A, B, C
 *       and {@code 0}) are table-based Java with no intrinsic, so their memory accesses depend on
 *       the key whatever the warm-up (a cache-timing exposure).
 *   <li>Thread-safe. {@link #destroy()} (or {@link #close()}) wipes the derived keys this object holds; the
 *       caller's array is never kept. Zeroing is best effort on the JVM: the garbage collector may
 *       hold copies; destroy re-keys the ciphers of every thread at once, which zeroes SunJCE's
 *       AES key schedules but only drops its TDES ones (SECURITY.md). {@code destroy()} waits for
 *       the wraps and unwraps already running, so no operation ever computes with half-wiped keys;
 *       use after destroy throws {@link IllegalStateException}.
 * </ul>
 *
 * @since 0.1.0
 */
@SuppressWarnings("try") // a Lifecycle.Use ends its operation; the try body needs no reference
public final class KeyBlockProtectionKey implements Destroyable, AutoCloseable {
  static {
    // Before any KBPK exists, the terminal's key sets can reach the view constructor (internal).
    Views.<KeyBlockProtectionKey, KeyBlockUnwrapper>register(
        (kbpk, guard) -> new KeyBlockUnwrapper(kbpk, guard, false));
  }

  /** Wrap/unwrap round trips {@link #warmUp()} runs: past HotSpot's C2 compile thresholds. */
  static final int WARM_UP_ROUNDS = 20_000;

  private final KbpkKeys keys;

  /** The authenticated header of the block this KBPK came from ({@link #from}), or {@code null}. */
  private final KeyBlockHeader header;

  /** {@link KbpkRules#WRAP} and/or {@link KbpkRules#UNWRAP}. */
  private final int authority;

  private final Lifecycle lifecycle = Lifecycle.shared("KBPK");

  private static final int BOTH = KbpkRules.WRAP | KbpkRules.UNWRAP;

  private KeyBlockProtectionKey(KbpkKeys keys, KeyBlockHeader header, int authority) {
    this.keys = keys;
    this.header = header;
    this.authority = authority;
  }

  /**
   * Prepares an AES KBPK (versions D and E).
   *
   * @param key 16, 24 or 32 bytes; copied, never kept
   * @return the prepared KBPK, which the caller closes when done
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if {@code key} is not 16, 24 or 32 bytes long
   */
  public static KeyBlockProtectionKey aes(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (!KbpkRules.aesLength(key.length)) {
      throw new IllegalArgumentException("an AES KBPK has 16, 24 or 32 bytes, not " + key.length);
    }
    return new KeyBlockProtectionKey(KbpkKeys.derive(KeyAlgorithm.AES, key, null), null, BOTH);
  }

  /**
   * Prepares a TDES KBPK (versions A, B, C and {@code 0}).
   *
   * @param key 16 or 24 bytes (2-key or 3-key TDES); copied, never kept
   * @return the prepared KBPK, which the caller closes when done
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if {@code key} is not 16 or 24 bytes long
   * @throws Tr31PolicyException {@link ErrorCode#DEGENERATE_TDES_KBPK} for a key with K1 = K2 or
   *     K2 = K3 (parity bits ignored); {@link #forVersion} with {@link Profile#LENIENT} prepares
   *     one to read legacy blocks
   */
  public static KeyBlockProtectionKey tdes(byte[] key) throws Tr31PolicyException {
    Objects.requireNonNull(key, "key");
    if (!KbpkRules.tdesLength(key.length)) {
      throw new IllegalArgumentException(
          "a TDES KBPK has 16 or 24 bytes, not "
              + key.length
              + (key.length == 8 ? " (single DES: forVersion, lenient profile only)" : ""));
    }
    if (TdesKeys.isDegenerate(key)) {
      throw KbpkRules.degenerateKbpk();
    }
    return new KeyBlockProtectionKey(KbpkKeys.derive(KeyAlgorithm.TDES, key, null), null, BOTH);
  }

  /**
   * Prepares a KBPK of untrusted length for the key blocks of one version (for example a KBPK read
   * from a file next to the block): AES for D and E, TDES for A, B, C and {@code 0}. Only that
   * version's binding is derived (A, C and {@code 0} share one), so it serves that version only.
   * Under {@link Profile#LENIENT} an 8-byte KBPK for A, C or {@code 0} is single DES (a documented
   * field deviation: older hosts and HSMs), and a degenerate TDES KBPK (K1 = K2 or K2 = K3) is
   * accepted; both unwrap under the lenient profile only, with a warning, and never wrap.
   *
   * @param version the key block version the KBPK will serve; not {@code null}
   * @param key the KBPK bytes; copied, never kept; not {@code null}
   * @param profile {@link Profile#LENIENT} admits the single-DES and degenerate TDES KBPKs above;
   *     not {@code null}
   * @return the prepared KBPK, which the caller closes when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31PolicyException {@link ErrorCode#INVALID_KBPK_LENGTH} when the length does not fit
   *     the version's KBPK, {@link ErrorCode#DEGENERATE_TDES_KBPK} for a degenerate TDES KBPK
   *     under {@link Profile#STRICT}
   */
  public static KeyBlockProtectionKey forVersion(
      KeyBlockVersion version, byte[] key, Profile profile) throws Tr31PolicyException {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(profile, "profile");
    KeyAlgorithm algorithm = KbpkRules.forVersion(version, key, profile);
    return new KeyBlockProtectionKey(KbpkKeys.derive(algorithm, key, version), null, BOTH);
  }

  /**
   * Prepares a KBPK from a key unwrapped from a key block, with exactly the authority its
   * authenticated header grants (X9.143:2022 6.2, Tables 2 and 4): usage {@code K0}, {@code K1} or
   * {@code K4}; mode {@code B} (or {@code N}) wraps and unwraps, {@code E} wraps only, {@code D}
   * unwraps only. The key bytes never leave the library.
   *
   * @param key the unwrapped key; only read (the caller still closes it)
   * @return the prepared KBPK, which the caller closes when done
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalStateException if {@code key} was destroyed
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_A_PROTECTION_KEY} when the header's
   *     usage, algorithm (AES or TDES), mode or the key's length does not make a KBPK; {@link
   *     ErrorCode#DEGENERATE_TDES_KBPK} for a TDES key with K1 = K2 or K2 = K3
   */
  public static KeyBlockProtectionKey from(UnwrappedKey key) throws Tr31PolicyException {
    Objects.requireNonNull(key, "key");
    KeyBlockHeader h = key.header();
    int authority = KbpkRules.authority(h, key.keyLengthBytes());
    try (Lifecycle.Use u = key.lifecycle().use()) {
      byte[] bytes = key.keyShared();
      if (h.algorithm() == KeyAlgorithm.TDES && TdesKeys.isDegenerate(bytes)) {
        throw KbpkRules.degenerateKbpk();
      }
      return new KeyBlockProtectionKey(KbpkKeys.derive(h.algorithm(), bytes, null), h, authority);
    }
  }

  /**
   * Runs throwaway AES wrap/unwrap round trips under a public, immediately destroyed KBPK, so that
   * HotSpot compiles AES to its AES-NI intrinsics before real keys are used.
   *
   * <h4>Security</h4>
   *
   * Until the JIT compiles it, the JDK's AES runs table-based Java code whose memory accesses
   * depend on the key (a cache-timing side channel). Call this once at start-up, before serving
   * untrusted traffic, on servers where an attacker could time operations. It uses no caller key:
   * its KBPK and key are public constants (all zero, and the key one bit apart, since wrap refuses
   * the KBPK itself; which code gets compiled does not depend on the key's value), so there is no
   * secret to leave behind; it takes well under a second on current hardware. Thread-safe.
   *
   * <p>It helps AES only (versions D and E, AES KCVs). The JDK's TDES and DES (SunJCE {@code
   * DESede}) are table-based Java with no intrinsic, compiled or not: versions A, B, C and {@code
   * 0}, TDES and DES KCVs keep a key-dependent cache footprint after warm-up. Where operations can
   * be timed, migrate to AES KBPKs ({@link Rewrap}).
   */
  public static void warmUp() {
    try (KeyBlockProtectionKey kbpk = aes(new byte[32])) {
      KeyBlockHeader header = KeyBlockHeader.parse("D0000D0AB00N0000", Profile.STRICT);
      byte[] key = new byte[32];
      key[0] = 1; // public like the KBPK, but not the KBPK itself (KEY_IS_KBPK)
      for (int i = 0; i < WARM_UP_ROUNDS; i++) {
        kbpk.unwrap(kbpk.wrap(header, key, WrapOptions.defaults())).destroy();
      }
    } catch (Tr31Exception e) {
      throw new IllegalStateException("warm-up failed: " + e.code(), e);
    }
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
   * @param options KCV blocks, key length obfuscation, legacy versions and the padding source
   *     ({@link WrapOptions#defaults()} for the X9.143 defaults); not {@code null}
   * @return the key block text: header, payload hex and MAC hex, upper case
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception {@link ErrorCode#INVALID_KEY_LENGTH} when the header algorithm does not
   *     allow the key's length; {@link ErrorCode#KBPK_TOO_WEAK} when the key is stronger than this
   *     KBPK; {@link ErrorCode#KEY_IS_KBPK} when the key is this KBPK itself (compared in constant
   *     time through a salted fingerprint, the KBPK is not kept; a TDES or DES key as the DES key
   *     it is, whatever this KBPK's algorithm); {@link ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES} (or
   *     another code of a strict {@link KeyBlockHeader#parse}) when the header is not one a strict
   *     reader accepts; {@link ErrorCode#INVALID_OPTIONAL_BLOCK_DATA} when a {@code KC}/{@code KP}
   *     block given in the header does not match the key it names; {@link
   *     ErrorCode#TOO_MANY_OPTIONAL_BLOCKS} when the key block would exceed 9999 characters; {@link
   *     ErrorCode#WRONG_KBPK_FOR_VERSION} when this KBPK cannot serve the version; {@link
   *     ErrorCode#MODE_OF_USE_FORBIDS} for a KBPK made {@link #from} an unwrap-only ({@code D})
   *     key; {@link ErrorCode#UNSUPPORTED_OPERATION} for A or C without {@link
   *     WrapOptions.Builder#allowDeprecatedVersions()}, for the proprietary {@code 0}, for a
   *     single-DES KBPK and for a KCV on a key whose algorithm has none; {@link
   *     ErrorCode#DEGENERATE_TDES_KBPK} for a degenerate TDES KBPK
   */
  public String wrap(KeyBlockHeader header, byte[] key, WrapOptions options) throws Tr31Exception {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    try (Lifecycle.Use u = lifecycle.use()) {
      if ((authority & KbpkRules.WRAP) == 0) {
        throw new Tr31PolicyException(
            ErrorCode.MODE_OF_USE_FORBIDS,
            "mode of use " + this.header.modeOfUseCode() + ": this KBPK unwraps only");
      }
      KbpkRules.checkWritable(header.version(), options, keys);
      return KeyBlockWriter.write(keys.bindingFor(header.version()), header, key, options, keys);
    }
  }

  /**
   * Unwraps a key block under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the untrusted key block; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @return the key and its authenticated header, which the caller closes
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
   * @return the key and its authenticated header, which the caller closes
   * @throws NullPointerException if {@code profile} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   * @throws Tr31Exception a {@link Tr31FormatException}, before any decryption, when the block is
   *     malformed (the codes of {@link KeyBlock#parse}), a {@code KC}/{@code KP} block is
   *     malformed, or, under the strict profile, an ISO 20038-only algorithm appears outside
   *     version E ({@link ErrorCode#INVALID_ALGORITHM}); a {@link Tr31PolicyException} when the
   *     version needs another KBPK type ({@link ErrorCode#WRONG_KBPK_FOR_VERSION}), for a
   *     single-DES KBPK under the strict profile ({@link ErrorCode#INVALID_KBPK_LENGTH}), a
   *     degenerate TDES KBPK under the strict profile ({@link ErrorCode#DEGENERATE_TDES_KBPK},
   *     before decrypting), a KBPK made {@link #from} a wrap-only ({@code E}) key ({@link
   *     ErrorCode#MODE_OF_USE_FORBIDS}), a {@code KC} block on a key without a KCV ({@link
   *     ErrorCode#UNSUPPORTED_OPERATION}), or under the strict profile an authentic block whose
   *     TDES key is degenerate ({@link ErrorCode#DEGENERATE_TDES_KEY}, after every other check
   *     passed); a {@link Tr31VerificationException} ({@link ErrorCode#VERIFICATION_FAILED}, no
   *     offset, one message) when authentication or any check after decryption fails
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(profile, "profile");
    lifecycle.check(); // before parsing: a destroyed key reads nothing
    if (profile == Profile.STRICT && keyBlock != null) {
      UnwrappedKey fast = unwrapStrictText(keyBlock.toString());
      if (fast != null) {
        return fast;
      }
    }
    return unwrap(KeyBlock.parse(keyBlock, profile), profile);
  }

  /**
   * The strict fast path (no {@link KeyBlock}, no copies; {@link KeyBlockReader#readText}): {@code
   * null}, having decrypted nothing, whenever the reference path must decide, which then reports
   * every error with its code and offset in the specified order. Once it decrypts, it answers as
   * the reference path would. Differential property: {@code UnwrapFastPathProperties}.
   */
  private UnwrappedKey unwrapStrictText(String text) throws Tr31Exception {
    KeyBlockHeader parsed = KeyBlock.strictWellFormedHeader(text);
    if (parsed == null || (authority & KbpkRules.UNWRAP) == 0) {
      return null;
    }
    try (Lifecycle.Use u = lifecycle.use()) {
      Binding binding = keys.bindingOrNull(parsed.version());
      if (binding == null || !KbpkRules.isReadable(parsed, Profile.STRICT, keys)) {
        return null;
      }
      return KeyBlockReader.readText(binding, text, parsed, keys);
    }
  }

  /** Unwraps an already parsed key block. */
  UnwrappedKey unwrap(KeyBlock parsed, Profile profile) throws Tr31Exception {
    try (Lifecycle.Use u = lifecycle.use()) {
      if ((authority & KbpkRules.UNWRAP) == 0) {
        throw new Tr31PolicyException(
            ErrorCode.MODE_OF_USE_FORBIDS,
            "mode of use " + header.modeOfUseCode() + ": this KBPK wraps only");
      }
      KbpkRules.checkReadable(parsed.header(), profile, keys);
      return KeyBlockReader.read(
          keys.bindingFor(parsed.header().version()),
          parsed,
          profile,
          keys,
          UnwrapWarnings.beforeDecryption(parsed, keys.algorithm, keys.degenerate));
    }
  }

  /**
   * Whether {@code key} (as {@code algorithm}) is this KBPK: re-wrap refuses a block that holds
   * its own source KBPK (review 4, finding 2). {@link IllegalStateException} after destroy.
   */
  boolean isThisKbpk(byte[] key, KeyAlgorithm algorithm) {
    try (Lifecycle.Use u = lifecycle.use()) {
      return keys.isKbpk(key, algorithm);
    }
  }

  /** The derived keys (strength, algorithm, bindings), for re-wrap and tests in this package. */
  KbpkKeys keys() {
    return keys;
  }

  /** The authenticated header of the block this KBPK came from ({@link #from}), or null. */
  KeyBlockHeader header() {
    return header;
  }

  /**
   * Wipes the derived keys. Waits for the wraps and unwraps already running on other threads to
   * finish; later ones throw {@link IllegalStateException}. Best effort on the JVM; idempotent.
   */
  @Override
  public void destroy() {
    lifecycle.destroy(keys::wipe);
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
