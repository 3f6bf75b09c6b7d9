/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * Where the key block may be used: header character 14 (ANSI X9.143:2022 6.2, Table 6). Older texts
 * (TR-31:2018) defined characters 14-15 as reserved {@code "00"}, which reads as {@link
 * #DETERMINED_BY_WRAPPING_KEY}.
 *
 * <h2>Security</h2>
 *
 * Immutable. Reported, not enforced: the caller decides whether a storage-only block may be used
 * for exchange. The one exception is {@link io.tr31.keyblock.Rewrap}, which refuses a storage-only
 * key unless the caller states that the target KBPK is a storage key.
 *
 * @since 0.1.0
 */
public enum KeyContext {
  /** {@code 0}: determined by the wrapping key. */
  DETERMINED_BY_WRAPPING_KEY("0", "determined by the wrapping key"),
  /** {@code 1}: storage context only. */
  STORAGE_ONLY("1", "storage context only"),
  /** {@code 2}: key exchange context only. */
  EXCHANGE_ONLY("2", "key exchange context only");

  private static final Codes.Index<KeyContext> BY_CODE = Codes.index(values(), KeyContext::code);

  private final String code;
  private final String meaning;

  KeyContext(String code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** {@return the one-character header code (character 14)} */
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
   * @return the key context; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_CONTEXT} if unknown
   */
  static KeyContext fromCode(String code, int offset) throws Tr31FormatException {
    return BY_CODE.require(code, ErrorCode.INVALID_KEY_CONTEXT, offset);
  }
}
