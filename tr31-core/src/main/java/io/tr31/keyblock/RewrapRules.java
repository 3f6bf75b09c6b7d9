/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31PolicyException;


import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Rewrap} header override may change: it narrows what the key may do, never widens it
 * ({@link ErrorCode#REWRAP_WIDENS_KEY_USE}), and keeps a key component the same component ({@link
 * ErrorCode#REWRAP_CHANGES_KEY_COMPONENT}).
 */
final class RewrapRules {
  private RewrapRules() {}

  /** Modes of use each mode may narrow to (X9.143 Table 4): never to a mode that allows more. */
  private static final Map<ModeOfUse, Set<ModeOfUse>> NARROWER = new EnumMap<>(ModeOfUse.class);

  static {
    // EnumMap, not Map.of: the library runs on Android API 26.
    NARROWER.put(ModeOfUse.NO_RESTRICTIONS, EnumSet.allOf(ModeOfUse.class));
    NARROWER.put(
        ModeOfUse.ENCRYPT_DECRYPT, EnumSet.of(ModeOfUse.ENCRYPT_ONLY, ModeOfUse.DECRYPT_ONLY));
    NARROWER.put(
        ModeOfUse.GENERATE_VERIFY, EnumSet.of(ModeOfUse.GENERATE_ONLY, ModeOfUse.VERIFY_ONLY));
    NARROWER.put(
        ModeOfUse.SIGN_DECRYPT, EnumSet.of(ModeOfUse.SIGNATURE_ONLY, ModeOfUse.DECRYPT_ONLY));
  }

  /**
   * The target header may change the version (the point of a re-wrap), the key version number,
   * optional blocks and PB, and narrow mode of use and exportability; nothing else. A header
   * override that widens what the key may do is refused, whoever wrote it (an API caller or a
   * command line).
   */
  static void requireNoWidening(
      KeyBlockHeader source, KeyBlockHeader target, KeyBlockVersion toVersion)
      throws Tr31PolicyException {
    String widened = null;
    if (target.version() != toVersion) {
      widened = "version";
    } else if (!target.keyUsageCode().equals(source.keyUsageCode())) {
      widened = "key usage";
    } else if (target.algorithm() != source.algorithm()) {
      widened = "algorithm";
    } else if (target.keyContext() != source.keyContext()) {
      widened = "key context";
    } else if (!target.modeOfUseCode().equals(source.modeOfUseCode())
        && !NARROWER.getOrDefault(source.modeOfUse(), EnumSet.noneOf(ModeOfUse.class)).contains(target.modeOfUse())) {
      widened = "mode of use";
    } else if (target.exportability() != source.exportability()
        && target.exportability() != Exportability.NON_EXPORTABLE) {
      widened = "exportability";
    }
    if (widened != null) {
      throw new Tr31PolicyException(
          ErrorCode.REWRAP_WIDENS_KEY_USE, "the target header changes the " + widened);
    }
  }

  /**
   * A key component ({@code cN}) stays the same component: a re-wrap must not turn it into a
   * complete key or another component, nor turn a complete key into a component (F5). Any version
   * starting with {@code c} counts, so a lenient-read {@code c0} cannot be relabelled either.
   */
  static void requireSameComponent(KeyBlockHeader source, KeyBlockHeader target)
      throws Tr31PolicyException {
    String from = source.keyVersion().code();
    String to = target.keyVersion().code();
    if ((from.charAt(0) == 'c' || to.charAt(0) == 'c') && !from.equals(to)) {
      throw new Tr31PolicyException(
          ErrorCode.REWRAP_CHANGES_KEY_COMPONENT,
          "key version " + from + " may not become " + to);
    }
  }
}
