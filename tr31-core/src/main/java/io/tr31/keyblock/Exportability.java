/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * Whether and how the wrapped key may be exported: header character 11 (ANSI X9.143:2022 6.2, Table
 * 5).
 *
 * <h2>Security</h2>
 *
 * Immutable. The library reports the value; enforcing it on re-export is the caller's duty.
 *
 * @since 0.1.0
 */
public enum Exportability {
  /** {@code E}: exportable under a trusted key (a KEK in a form meeting X9.24 requirements). */
  EXPORTABLE("E", "exportable under a trusted key"),
  /** {@code N}: not exportable. */
  NON_EXPORTABLE("N", "not exportable"),
  /** {@code S}: sensitive; exportable only under a key that is not itself a trusted key. */
  SENSITIVE("S", "sensitive, exportable in forms not meeting X9.24 trusted-key requirements");

  private static final Codes.Index<Exportability> BY_CODE =
      Codes.index(values(), Exportability::code);

  private final String code;
  private final String meaning;

  Exportability(String code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** {@return the one-character header code (character 11)} */
  public String code() {
    return code;
  }

  /** {@return the standard's meaning, in English} */
  public String meaning() {
    return meaning;
  }

  /**
   * Looks up a header code.
   *
   * @param code the one-character code from the header; {@code null} is reported as unknown
   * @param offset the code's offset in the input, reported in the exception
   * @return the exportability; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_EXPORTABILITY} if unknown
   */
  static Exportability fromCode(String code, int offset) throws Tr31FormatException {
    return BY_CODE.require(code, ErrorCode.INVALID_EXPORTABILITY, offset);
  }
}
