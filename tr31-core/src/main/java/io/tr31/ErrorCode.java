package io.tr31;

/**
 * The precise reason a {@link Tr31Exception} was thrown.
 *
 * <p>Every code is stable API: scripts and the CLI's {@code --json} mode report it by {@link
 * #name()}. Codes for failures that happen after decryption never appear: those all collapse into
 * {@link #VERIFICATION_FAILED} so that the error says nothing about the decrypted data.
 *
 * <h2>Security</h2>
 *
 * A code describes the untrusted input's shape, never key material.
 *
 * @since 0.1.0
 */
public enum ErrorCode {
  // ---- input as a whole -------------------------------------------------------------------
  /** The key block (or another required input) is {@code null}. */
  NULL_INPUT("input is null"),
  /** The key block is the empty string. */
  EMPTY_INPUT("input is empty"),
  /** The input is longer than the format can ever be (a key block is at most 9999 characters). */
  INPUT_TOO_LONG("input is longer than the format allows"),
  /** A character outside printable ASCII (0x20-0x7E) where the format only allows ASCII. */
  INVALID_CHARACTER("character outside printable ASCII"),

  // ---- fixed header (X9.143 6.2) ----------------------------------------------------------
  /** The input ends before the 16-character fixed header is complete. */
  HEADER_TRUNCATED("key block is shorter than the 16-character header"),
  /** The version ID (header character 0) is not a known key block version. */
  INVALID_VERSION("unknown key block version"),
  /** The key block length field (characters 1-4) is not four decimal digits. */
  INVALID_LENGTH_FIELD("key block length field is not four decimal digits"),
  /** The key block length field disagrees with the number of characters received. */
  LENGTH_MISMATCH("key block length field disagrees with the data"),
  /** The key usage (characters 5-6) is not in X9.143 Table 2 (or not allowed by the profile). */
  INVALID_KEY_USAGE("unknown key usage"),
  /** The algorithm (character 7) is not in X9.143 Table 3. */
  INVALID_ALGORITHM("unknown algorithm"),
  /** The mode of use (character 8) is not in X9.143 Table 4. */
  INVALID_MODE_OF_USE("unknown mode of use"),
  /** The key version number (characters 9-10) is malformed. */
  INVALID_KEY_VERSION("malformed key version number"),
  /** The exportability (character 11) is not in X9.143 Table 5. */
  INVALID_EXPORTABILITY("unknown exportability"),
  /** The number of optional blocks (characters 12-13) is not two decimal digits. */
  INVALID_OPTIONAL_BLOCK_COUNT("number of optional blocks is not two decimal digits"),
  /** The key context (character 14) is not in X9.143:2022 Table 6. */
  INVALID_KEY_CONTEXT("unknown key context"),
  /** The reserved character (15) is not {@code 0}. */
  INVALID_RESERVED_FIELD("reserved header field is not 0"),
  /** Usage, algorithm and mode of use are each valid but not permitted together. */
  INCOMPATIBLE_KEY_ATTRIBUTES("key usage, algorithm and mode of use are not permitted together"),

  // ---- optional blocks (X9.143 6.3) -------------------------------------------------------
  /** An optional block ID is not two printable characters, or unknown under the strict profile. */
  INVALID_OPTIONAL_BLOCK_ID("invalid optional block ID"),
  /** An optional block length is not hex, or smaller than the block's own ID and length. */
  INVALID_OPTIONAL_BLOCK_LENGTH("invalid optional block length"),
  /** The optional blocks run past the end of the key block (count or length lying). */
  OPTIONAL_BLOCK_TRUNCATED("optional blocks run past the end of the key block"),
  /** An extended length ({@code 00}) is malformed or would overflow the key block. */
  EXTENDED_LENGTH_OVERFLOW("extended optional block length is malformed or too large"),
  /** The same optional block ID occurs twice. */
  DUPLICATE_OPTIONAL_BLOCK("duplicate optional block ID"),
  /** An optional block's data breaks the data format its ID requires. */
  INVALID_OPTIONAL_BLOCK_DATA("optional block data does not match its required format"),
  /** The padding block {@code PB} is not the last optional block. */
  PADDING_BLOCK_NOT_LAST("padding block PB is not the last optional block"),
  /** Header plus optional blocks is not a multiple of the cipher block size. */
  HEADER_NOT_BLOCK_ALIGNED("header is not a multiple of the cipher block size"),
  /** More than 99 optional blocks, or the header would exceed the key block's maximum length. */
  TOO_MANY_OPTIONAL_BLOCKS("too many optional blocks"),

  // ---- encrypted payload and authenticator ------------------------------------------------
  /** A character in the payload or MAC is not a hexadecimal digit. */
  INVALID_HEX("non-hexadecimal character"),
  /** A hexadecimal field has an odd number of digits. */
  ODD_HEX_LENGTH("odd number of hexadecimal digits"),
  /** Lower-case hexadecimal digits, which X9.143 does not allow (the lenient profile does). */
  LOWERCASE_HEX("lower-case hexadecimal digit"),
  /** The encrypted payload is empty, too short or not a multiple of the cipher block size. */
  INVALID_PAYLOAD_LENGTH("encrypted payload length is invalid"),

  // ---- keys and versions --------------------------------------------------------------------
  /** The key block protection key has a length the version's algorithm does not allow. */
  INVALID_KBPK_LENGTH("key block protection key length is not allowed for this version"),
  /** The key block protection key's algorithm cannot serve this key block version. */
  WRONG_KBPK_FOR_VERSION("key block protection key type does not match the key block version"),
  /** The key to wrap has a length its header algorithm does not allow. */
  INVALID_KEY_LENGTH("key length is not allowed for the header's algorithm"),
  /**
   * The key's exportability ({@code N}, X9.143 Table 5) forbids wrapping it under another key:
   * re-wrap refuses it.
   */
  KEY_NOT_EXPORTABLE("the key's exportability forbids exporting it"),
  /** The key block version is recognised, but its cryptography is not implemented. */
  UNSUPPORTED_VERSION("key block version is not supported"),
  /** The requested operation is recognised but not available (for example a KCV method). */
  UNSUPPORTED_OPERATION("operation is not supported"),

  // ---- after decryption: one code, one message (X9.143 7.x, our rule) ------------------
  /**
   * The key block failed authentication or a check that needs the decrypted payload. Always the
   * same message, whatever failed.
   */
  VERIFICATION_FAILED("key block verification failed");

  // ---- envelope codes are added below this line by the envelope package ------------------

  private final String description;

  ErrorCode(String description) {
    this.description = description;
  }

  /** Returns the fixed, secret-free description of this code. */
  public String description() {
    return description;
  }
}
