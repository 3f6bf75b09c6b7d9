/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.List;

/**
 * The optional block rules that depend on the header's algorithm (ANSI X9.143:2021 6.3.6, as
 * openemv/tr31 cites it; TR31-NOTES 2 and 4).
 *
 * <ul>
 *   <li>{@code KS} (initial key serial number, 6.3.6.8 Table 16) belongs to TDES DUKPT: only on
 *       algorithm {@code T}. AES DUKPT names its initial key with {@code IK}.
 *   <li>{@code HM} (6.3.6.5 Table 13) names the hash of an HMAC key: only on algorithms {@code H},
 *       {@code I} and {@code J}.
 * </ul>
 *
 * <p>An {@code H} key without {@code HM} is not refused: ISO 20038 reads {@code H} as HMAC-SHA-1
 * without it, in version D as well as E (openemv's ISO 20038 test block {@code D0112M7HG00N0000…},
 * TR31-036 of the shared vectors). CONFORMANCE.md D5 records this.
 *
 * <p>The strict profile refuses a breach with {@link ErrorCode#OPTIONAL_BLOCK_ALGORITHM_MISMATCH};
 * the lenient profile records it as a warning.
 */
final class AlgorithmRules {
  private AlgorithmRules() {}

  static void check(
      List<OptionalBlock> blocks,
      int[] starts,
      KeyAlgorithm algorithm,
      Profile profile,
      List<String> warnings)
      throws Tr31FormatException {
    boolean lenient = profile == Profile.LENIENT;
    boolean hmac =
        algorithm == KeyAlgorithm.HMAC
            || algorithm == KeyAlgorithm.HMAC_SHA2
            || algorithm == KeyAlgorithm.HMAC_SHA3;
    for (int i = 0; i < blocks.size(); i++) {
      OptionalBlockId id = blocks.get(i).knownId().orElse(null);
      if (id == OptionalBlockId.KS && algorithm != KeyAlgorithm.TDES) {
        breach(lenient, warnings, starts[i], "KS on a key that is not TDES");
      } else if (id == OptionalBlockId.HM) {
        if (!hmac) {
          breach(lenient, warnings, starts[i], "HM on a key that is not HMAC");
        }
      }
    }
  }

  private static void breach(boolean lenient, List<String> warnings, int offset, String why)
      throws Tr31FormatException {
    if (!lenient) {
      throw new Tr31FormatException(ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH, offset, why);
    }
    warnings.add(why + " (tolerated)");
  }
}
