package io.tr31;

import io.tr31.header.KeyAlgorithm;
import io.tr31.header.KeyBlockVersion;
import java.util.Objects;

/**
 * One-shot wrap and unwrap: the KBPK is prepared inside the call and destroyed before it returns.
 *
 * <p>The KBPK's algorithm follows from the key block version (X9.143 clause 5: versions A, B, C
 * and the proprietary {@code 0} use a TDES KBPK; D and E an AES KBPK). For many blocks under one
 * KBPK, prepare a {@link KeyBlockProtectionKey} once instead.
 *
 * <h2>Security</h2>
 *
 * Same guarantees as {@link KeyBlockProtectionKey}; the caller's KBPK array is never kept or
 * modified. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class KeyBlocks {
  private KeyBlocks() {}

  /** The KBPK algorithm a key block version needs. */
  public static KeyAlgorithm kbpkAlgorithmFor(KeyBlockVersion version) {
    switch (version) {
      case D:
      case E:
        return KeyAlgorithm.AES;
      default:
        return KeyAlgorithm.TDES;
    }
  }

  /**
   * Unwraps {@code keyBlock} under {@code kbpk}.
   *
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}, and
   *     {@link ErrorCode#INVALID_KBPK_LENGTH} when the KBPK's length does not fit the version
   */
  public static UnwrappedKey unwrap(byte[] kbpk, CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    Objects.requireNonNull(kbpk, "kbpk");
    Objects.requireNonNull(profile, "profile");
    KeyBlock parsed = KeyBlock.parse(keyBlock, profile);
    KeyBlockProtectionKey.requireSupported(parsed.header().version());
    KeyBlockProtectionKey key =
        KeyBlockProtectionKey.prepare(kbpkAlgorithmFor(parsed.header().version()), kbpk);
    try {
      return key.unwrap(parsed, profile);
    } finally {
      key.destroy();
    }
  }

  /**
   * Wraps {@code key} with {@code header} under {@code kbpk}.
   *
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#wrap(KeyBlockHeader, byte[],
   *     WrapOptions)}, and {@link ErrorCode#INVALID_KBPK_LENGTH}
   */
  public static String wrap(byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options)
      throws Tr31Exception {
    Objects.requireNonNull(kbpk, "kbpk");
    Objects.requireNonNull(header, "header");
    KeyBlockProtectionKey.requireSupported(header.version());
    KeyBlockProtectionKey prepared =
        KeyBlockProtectionKey.prepare(kbpkAlgorithmFor(header.version()), kbpk);
    try {
      return prepared.wrap(header, key, options);
    } finally {
      prepared.destroy();
    }
  }
}
