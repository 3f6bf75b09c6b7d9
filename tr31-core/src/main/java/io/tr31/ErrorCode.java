/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * The precise reason a {@link Tr31Exception} was thrown.
 *
 * <p>Every code is stable API: scripts and the CLI's {@code --json} mode report it by {@link
 * #name()}. For key blocks, codes for failures that happen after decryption never appear: those all
 * collapse into {@link #VERIFICATION_FAILED} so that the error says nothing about the decrypted
 * data; the one exception is {@link #DEGENERATE_TDES_KEY}, which the strict profile reports only
 * for a block that passed every check (an authentic block: no oracle on forged input). The {@code TR31-DATA} envelope reports {@link #ENVELOPE_PADDING} after a verified MAC, as
 * its specification requires (src/docs/ENVELOPE.md).
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
  NULL_INPUT(Kind.FORMAT, "input is null"),
  /** The key block is the empty string. */
  EMPTY_INPUT(Kind.FORMAT, "input is empty"),
  /** The input is longer than the format can ever be (a key block is at most 9999 characters). */
  INPUT_TOO_LONG(Kind.FORMAT, "input is longer than the format allows"),
  /** A character outside printable ASCII (0x20-0x7E) where the format only allows ASCII. */
  INVALID_CHARACTER(Kind.FORMAT, "character outside printable ASCII"),

  // ---- fixed header (X9.143 6.2) ----------------------------------------------------------
  /** The input ends before the 16-character fixed header is complete. */
  HEADER_TRUNCATED(Kind.FORMAT, "key block is shorter than the 16-character header"),
  /** The version ID (header character 0) is not a known key block version. */
  INVALID_VERSION(Kind.FORMAT, "unknown key block version"),
  /** The key block length field (characters 1-4) is not four decimal digits. */
  INVALID_LENGTH_FIELD(Kind.FORMAT, "key block length field is not four decimal digits"),
  /** The key block length field disagrees with the number of characters received. */
  LENGTH_MISMATCH(Kind.FORMAT, "key block length field disagrees with the data"),
  /** The key usage (characters 5-6) is not in X9.143 Table 2 (or not allowed by the profile). */
  INVALID_KEY_USAGE(Kind.FORMAT, "unknown key usage"),
  /** The algorithm (character 7) is not in X9.143 Table 3. */
  INVALID_ALGORITHM(Kind.FORMAT, "unknown algorithm"),
  /** The mode of use (character 8) is not in X9.143 Table 4. */
  INVALID_MODE_OF_USE(Kind.FORMAT, "unknown mode of use"),
  /** The key version number (characters 9-10) is malformed. */
  INVALID_KEY_VERSION(Kind.FORMAT, "malformed key version number"),
  /** The exportability (character 11) is not in X9.143 Table 5. */
  INVALID_EXPORTABILITY(Kind.FORMAT, "unknown exportability"),
  /** The number of optional blocks (characters 12-13) is not two decimal digits. */
  INVALID_OPTIONAL_BLOCK_COUNT(Kind.FORMAT, "number of optional blocks is not two decimal digits"),
  /** The key context (character 14) is not in X9.143:2022 Table 6. */
  INVALID_KEY_CONTEXT(Kind.FORMAT, "unknown key context"),
  /** The reserved character (15) is not {@code 0}. */
  INVALID_RESERVED_FIELD(Kind.FORMAT, "reserved header field is not 0"),
  /** Usage, algorithm and mode of use are each valid but not permitted together. */
  INCOMPATIBLE_KEY_ATTRIBUTES(Kind.FORMAT, "key usage, algorithm and mode of use are not permitted together"),

  // ---- optional blocks (X9.143 6.3) -------------------------------------------------------
  /**
   * An optional block ID has a printable character that is not a letter or digit, or is unknown
   * under the strict profile (a character outside printable ASCII is {@link #INVALID_CHARACTER}).
   */
  INVALID_OPTIONAL_BLOCK_ID(Kind.FORMAT, "invalid optional block ID"),
  /** An optional block length is not hex, or smaller than the block's own ID and length. */
  INVALID_OPTIONAL_BLOCK_LENGTH(Kind.FORMAT, "invalid optional block length"),
  /** The optional blocks run past the end of the key block (count or length lying). */
  OPTIONAL_BLOCK_TRUNCATED(Kind.FORMAT, "optional blocks run past the end of the key block"),
  /** An extended length ({@code 00}) is malformed or would overflow the key block. */
  EXTENDED_LENGTH_OVERFLOW(Kind.FORMAT, "extended optional block length is malformed or too large"),
  /** The same optional block ID occurs twice. */
  DUPLICATE_OPTIONAL_BLOCK(Kind.FORMAT, "duplicate optional block ID"),
  /** An optional block's data breaks the data format its ID requires. */
  INVALID_OPTIONAL_BLOCK_DATA(Kind.FORMAT, "optional block data does not match its required format"),
  /**
   * An optional block does not fit the header's algorithm (X9.143 6.3): a block the algorithm does
   * not allow ({@code KS} on a key that is not TDES, {@code HM} on a key that is not HMAC; the
   * offset is the block's ID), or a block it requires and that is missing ({@code HM} for an
   * X9.143 HMAC key; the offset is the algorithm field, 7).
   */
  OPTIONAL_BLOCK_ALGORITHM_MISMATCH(Kind.FORMAT, "optional block does not fit the header's algorithm"),
  /** The padding block {@code PB} is not the last optional block. */
  PADDING_BLOCK_NOT_LAST(Kind.FORMAT, "padding block PB is not the last optional block"),
  /** Header plus optional blocks is not a multiple of the cipher block size. */
  HEADER_NOT_BLOCK_ALIGNED(Kind.FORMAT, "header is not a multiple of the cipher block size"),
  /**
   * More than 99 optional blocks, or the optional blocks leave no room for the key within the key
   * block's maximum length of 9999 characters.
   */
  TOO_MANY_OPTIONAL_BLOCKS(Kind.FORMAT, "too many optional blocks"),

  // ---- encrypted payload and authenticator ------------------------------------------------
  /** A character in the payload or MAC is not a hexadecimal digit. */
  INVALID_HEX(Kind.FORMAT, "non-hexadecimal character"),
  /** A hexadecimal field has an odd number of digits. */
  ODD_HEX_LENGTH(Kind.FORMAT, "odd number of hexadecimal digits"),
  /** Lower-case hexadecimal digits, which X9.143 does not allow (the lenient profile does). */
  LOWERCASE_HEX(Kind.FORMAT, "lower-case hexadecimal digit"),
  /** The encrypted payload is empty, too short or not a multiple of the cipher block size. */
  INVALID_PAYLOAD_LENGTH(Kind.FORMAT, "encrypted payload length is invalid"),

  // ---- keys and versions --------------------------------------------------------------------
  /** The key block protection key has a length the version's algorithm does not allow. */
  INVALID_KBPK_LENGTH(Kind.POLICY, "key block protection key length is not allowed for this version"),
  /** The key block protection key's algorithm cannot serve this key block version. */
  WRONG_KBPK_FOR_VERSION(Kind.POLICY, "key block protection key type does not match the key block version"),
  /**
   * The KBPK is weaker than the key it would protect (ANSI X9.24-1: a key is protected only by a
   * key of equal or greater strength; strengths per NIST SP 800-57 Part 1 Table 2).
   */
  KBPK_TOO_WEAK(Kind.POLICY, "key block protection key is weaker than the key to wrap"),
  /** The key to wrap has a length its header algorithm does not allow. */
  INVALID_KEY_LENGTH(Kind.FORMAT, "key length is not allowed for the header's algorithm"),
  /**
   * The key's exportability ({@code N}, X9.143 Table 5) forbids wrapping it under another key:
   * re-wrap refuses it.
   */
  KEY_NOT_EXPORTABLE(Kind.POLICY, "the key's exportability forbids exporting it"),
  /**
   * The key's context is {@code 1}, storage only (X9.143:2022 6.2, Table 6): re-wrap refuses it
   * unless the caller states that the target KBPK is a storage key ({@link
   * io.tr31.keyblock.Rewrap.Builder#targetIsStorageKey()}).
   */
  KEY_STORAGE_ONLY(Kind.POLICY, "the key's context restricts it to storage"),
  /**
   * A re-wrap's header would let the key do more than its source header allowed: key usage,
   * algorithm and key context must stay; mode of use and exportability may only narrow (X9.143
   * binds the key to its attributes; re-wrapping must not launder them).
   */
  REWRAP_WIDENS_KEY_USE(Kind.POLICY, "a re-wrap may not widen what the key may be used for"),

  // ---- wrap and re-wrap integrity (issue 12: h-rewrap) ---------------------------------------
  /**
   * The key to wrap is the key block protection key itself: a block carrying its own KBPK gives
   * whoever can unwrap it the key that protects every other block under it. A re-wrap also
   * reports it when the block holds the source KBPK (review 4). Compared in constant time, a
   * DES-family key as the DES key it is (parity bits ignored); the message never says more.
   */
  KEY_IS_KBPK(Kind.POLICY, "the key to wrap is the key block protection key itself"),
  /**
   * A re-wrap's header would change whether the block carries a key component, or which one
   * (X9.143:2022 6.2 Table 1, key version {@code cN}): a component must not become a complete key,
   * another component, or be made out of a complete key.
   */
  REWRAP_CHANGES_KEY_COMPONENT(Kind.POLICY, "a re-wrap may not change the key component a block carries"),

  /** The key block version is recognised, but its cryptography is not implemented. */
  UNSUPPORTED_VERSION(Kind.POLICY, "key block version is not supported"),
  /** The requested operation is recognised but not available (for example a KCV method). */
  UNSUPPORTED_OPERATION(Kind.POLICY, "operation is not supported"),

  // ---- degenerate TDES keys (issue 12, F2; HSM practice) ---------------------------------
  /**
   * A TDES KBPK whose 8-byte parts are not distinct as TDES needs: K1 = K2, or K2 = K3 in a 3-key
   * KBPK (compared with the DES parity bits ignored). Such a key computes single DES (56-bit
   * strength) while its length claims 80 or 112 bits. Refused before any decryption; {@link
   * io.tr31.keyblock.KeyBlockProtectionKey#forVersion} with {@link Profile#LENIENT} prepares it to
   * read legacy blocks only (with a warning), never to wrap.
   */
  DEGENERATE_TDES_KBPK(Kind.POLICY, "TDES key block protection key has equal key parts (single-DES strength)"),
  /**
   * A TDES key (header algorithm {@code T}) whose 8-byte parts are not distinct: K1 = K2, or K2 =
   * K3 in a 3-key key (parity bits ignored). Wrap refuses it. Unwrap refuses it under the strict
   * profile only once the block has authenticated (MAC, length and check values all verified), so
   * it describes a block the KBPK's holder wrote and is no oracle on forged input
   * (src/docs/SECURITY.md); the lenient profile reads it with a warning.
   */
  DEGENERATE_TDES_KEY(Kind.POLICY, "TDES key has equal key parts (single-DES strength)"),
  /**
   * A protection key made from an unwrapped key block ({@code KeyBlockProtectionKey.from}) was asked
   * for what its authenticated mode of use forbids (X9.143:2022 Table 4): to wrap under a {@code D}
   * (unwrap only) key, or to unwrap under an {@code E} (wrap only) key.
   */
  MODE_OF_USE_FORBIDS(Kind.POLICY, "the key's mode of use forbids this operation"),

  // ---- after decryption: one code, one message (X9.143 7.x, our rule) ------------------
  /**
   * The key block failed authentication or a check that needs the decrypted payload. Always the
   * same message, whatever failed.
   */
  VERIFICATION_FAILED(Kind.VERIFICATION, "key block verification failed"),
  /**
   * A key does not have the check value it was expected to have ({@code KeyCheckValue.verify}):
   * a key check value is public, so this code may say so (unlike a key block's {@code KC}/{@code KP}
   * blocks, which fail as {@link #VERIFICATION_FAILED} after decryption).
   */
  KCV_MISMATCH(Kind.VERIFICATION, "key check value does not match the key"),

  // ---- envelope codes are added below this line by the envelope package ------------------
  /** The envelope body is not well-formed JSON (or has content after the top-level object). */
  ENVELOPE_JSON_SYNTAX(Kind.FORMAT, "envelope body is not well-formed JSON"),
  /** A field (or the top level) has the wrong JSON type, e.g. a number instead of a string. */
  ENVELOPE_WRONG_TYPE(Kind.FORMAT, "envelope field has the wrong JSON type"),
  /** The same field name occurs twice in one JSON object. */
  ENVELOPE_DUPLICATE_FIELD(Kind.FORMAT, "duplicate envelope field"),
  /** A field that the envelope's {@code format} does not define. */
  ENVELOPE_UNKNOWN_FIELD(Kind.FORMAT, "unknown envelope field"),
  /** A field that the envelope's {@code format} requires is absent. */
  ENVELOPE_MISSING_FIELD(Kind.FORMAT, "required envelope field is missing"),
  /** The {@code format} is neither {@code TR31-DATA} nor {@code TR31-DATA-CHUNKED}. */
  ENVELOPE_UNKNOWN_FORMAT(Kind.FORMAT, "unknown envelope format"),
  /** The {@code mode} is not {@code CBC}. */
  ENVELOPE_UNKNOWN_MODE(Kind.FORMAT, "unknown envelope cipher mode"),
  /** A character in a hex field (IV, ciphertext or signature) is not a hexadecimal digit. */
  ENVELOPE_INVALID_HEX(Kind.FORMAT, "non-hexadecimal character in envelope field"),
  /** A hex field has an odd number of digits. */
  ENVELOPE_ODD_HEX(Kind.FORMAT, "odd number of hexadecimal digits in envelope field"),
  /** The {@code initialization_vector} does not decode to exactly 16 bytes. */
  ENVELOPE_IV_LENGTH(Kind.FORMAT, "initialization vector is not 16 bytes"),
  /** The {@code ciphertext} is empty or not a whole number of AES blocks. */
  ENVELOPE_CIPHERTEXT_LENGTH(Kind.FORMAT, "ciphertext is empty or not a multiple of 16 bytes"),
  /** The body (or a string, number or name in it) exceeds the configured size limits. */
  ENVELOPE_TOO_LARGE(Kind.FORMAT, "envelope body exceeds the configured limits"),
  /** The HMAC-SHA256 signature is not 64 hex digits (checked before computing any MAC). */
  ENVELOPE_SIGNATURE_MALFORMED(Kind.FORMAT, "signature is not 64 hexadecimal digits"),
  /** The HMAC-SHA256 over the exact body bytes does not match the signature. */
  ENVELOPE_MAC_MISMATCH(Kind.VERIFICATION, "envelope signature does not verify"),
  /** The ciphertext decrypted to invalid PKCS#7 padding. */
  ENVELOPE_PADDING(Kind.VERIFICATION, "envelope decryption failed (bad padding)"),
  /**
   * The decrypted inner payload is not exactly one valid gzip member (RFC 1952): bad header,
   * truncated, CRC or size mismatch, or any byte after the member (a second member included).
   */
  ENVELOPE_GZIP_CORRUPT(Kind.FORMAT, "inner gzip payload is corrupt"),
  /** The decrypted gzip payload decompresses to more than the configured maximum. */
  ENVELOPE_DECOMPRESSED_TOO_LARGE(Kind.FORMAT, "inner gzip payload decompresses beyond the limit"),
  /** The chunked envelope's {@code chunk_size} is out of range. */
  ENVELOPE_CHUNK_SIZE(Kind.FORMAT, "invalid chunk size"),
  /**
   * The number of chunks disagrees with {@code chunk_count} or {@code total_length} (a missing or
   * extra chunk).
   */
  ENVELOPE_CHUNK_COUNT(Kind.FORMAT, "chunk count mismatch (missing or extra chunk)"),
  /** A chunk's {@code index} is not the next expected index (a chunk is missing or reordered). */
  ENVELOPE_CHUNK_ORDER(Kind.FORMAT, "chunk out of order (missing or reordered chunk)"),
  /** A chunk repeats an earlier chunk's {@code index} or initialization vector. */
  ENVELOPE_CHUNK_DUPLICATE(Kind.FORMAT, "duplicated chunk"),
  /** A chunk's ciphertext or plaintext length disagrees with {@code chunk_size}. */
  ENVELOPE_CHUNK_LENGTH(Kind.FORMAT, "chunk length inconsistent with chunk size"),
  /** The chunks' plaintext lengths do not add up to {@code total_length}. */
  ENVELOPE_TOTAL_LENGTH(Kind.FORMAT, "total length mismatch"),

  // ---- POS key set (io.tr31.terminal, src/docs/KEYSET.md) ---------------------------------
  /** The key set response is not well-formed JSON (or has content after the top-level object). */
  KEYSET_JSON_SYNTAX(Kind.FORMAT, "key set response is not well-formed JSON"),
  /** A field (or the top level) has the wrong JSON type, e.g. a number instead of a string. */
  KEYSET_WRONG_TYPE(Kind.FORMAT, "key set field has the wrong JSON type"),
  /** The same field name occurs twice in one JSON object. */
  KEYSET_DUPLICATE_FIELD(Kind.FORMAT, "duplicate key set field"),
  /** A field the key set response does not define. */
  KEYSET_UNKNOWN_FIELD(Kind.FORMAT, "unknown key set field"),
  /** A field the key set response requires is absent. */
  KEYSET_MISSING_FIELD(Kind.FORMAT, "required key set field is missing"),
  /** The response (or a string or name in it) exceeds the parser's size limits. */
  KEYSET_TOO_LARGE(Kind.FORMAT, "key set response exceeds the size limits"),
  /** A {@code key_set_id} or {@code key_id} is not 1-64 characters of {@code A-Z a-z 0-9 . _ -}. */
  KEYSET_INVALID_ID(Kind.FORMAT, "key set or key identifier is malformed"),
  /** {@code issued_at}/{@code expires_at} is not RFC 3339 UTC ({@code Z}), or not ordered. */
  KEYSET_INVALID_TIME(Kind.FORMAT, "key set time is not an RFC 3339 UTC time or the window is empty"),
  /** The {@code transport} object does not say {@code TR31}, {@code AES-256}, {@code kek}. */
  KEYSET_INVALID_TRANSPORT(Kind.FORMAT, "unsupported key set transport"),
  /** A key's {@code usage} string is not the one its slot requires. */
  KEYSET_USAGE_MISMATCH(Kind.FORMAT, "key usage does not match the slot"),
  /** A {@code key_block} is not canonical base64 of a printable ASCII key block. */
  KEYSET_INVALID_BASE64(Kind.FORMAT, "key block is not canonical base64"),
  /** A KCV is not 6 hexadecimal digits (3 bytes). */
  KEYSET_INVALID_KCV(Kind.FORMAT, "key check value is not 6 hexadecimal digits"),
  /** A decoded key block is malformed or of an unsupported version (checked before decrypting). */
  KEYSET_KEY_BLOCK_MALFORMED(Kind.FORMAT, "key block is malformed"),
  /** A key block does not verify under its parent key (wrong ZMK, altered or foreign block). */
  KEYSET_UNWRAP_FAILED(Kind.VERIFICATION, "key block does not verify under its parent key"),
  /**
   * A verified key block's header (usage, algorithm, mode, blocks, key length) is not its slot's.
   */
  KEYSET_SLOT_MISMATCH(Kind.POLICY, "key block header does not match the slot"),
  /** The authenticated LB/TS blocks disagree with the JSON metadata (ids, slot or times). */
  KEYSET_METADATA_MISMATCH(Kind.VERIFICATION, "key set metadata does not match the authenticated key block"),
  /**
   * Two slots hold the same key, or a slot holds the ZMK, which would defeat the separation of
   * their roles.
   */
  KEYSET_DUPLICATE_KEY(Kind.POLICY, "two slots, or a slot and the ZMK, hold the same key"),
  /** The installed key's check value differs from the response's KCV. */
  KEYSET_KCV_MISMATCH(Kind.VERIFICATION, "key check value does not match"),
  /**
   * The clock is before the key set's {@code issued_at} minus the installer's not-before allowance.
   */
  KEYSET_NOT_YET_VALID(Kind.POLICY, "key set is not yet valid"),
  /** The clock is at or after the key set's {@code expires_at}. */
  KEYSET_EXPIRED(Kind.POLICY, "key set has expired"),

  // ---- keys unwrapped through an installed set's TMK or KEK (io.tr31.terminal, issue 12) ------
  /**
   * {@code KeyBlockUnwrapper.unwrap} met an authentic block holding a key-encryption or key block
   * protection key (usage {@code K0}-{@code K4}) or a proprietary usage whose role the library
   * cannot tell: its clear bytes never leave the set's unwrappers. Unwrap a symmetric
   * key-encryption key with {@code unwrapProtectionKey}, which gives an unwrap-only view.
   */
  KEYSET_KEY_ENCRYPTION_KEY(Kind.POLICY, "key block holds a key-encryption key; it is not handed out as bytes"),
  /**
   * {@code unwrapProtectionKey} met an authentic block that is not a symmetric key-encryption key
   * allowed to unwrap: usage other than {@code K0}, {@code K1}, {@code K4}, a mode of use other
   * than {@code B}, {@code D}, {@code N}, or a key the KBPK rules refuse.
   */
  KEYSET_NOT_A_PROTECTION_KEY(Kind.POLICY, "key block does not hold a key that may unwrap key blocks"),

  // ---- ISO 9564-1 PIN blocks (io.tr31.pin, src/docs/PIN.md, issue 15) -------------------
  /** The key's usage is not {@code P0} (PIN encryption): no other key may touch a PIN block. */
  PIN_KEY_USAGE(Kind.POLICY, "key usage is not P0 (PIN encryption)"),
  /**
   * The key's mode of use does not permit the operation: {@code E} enciphers only, {@code D}
   * deciphers only, {@code B} both; any other mode is refused for PIN keys.
   */
  PIN_KEY_MODE(Kind.POLICY, "key mode of use does not permit this PIN operation"),
  /**
   * The key's algorithm cannot serve the PIN block format: format 4 needs an AES key ({@code A}),
   * formats 0, 1 and 3 a TDES key ({@code T}); any other algorithm is refused for PIN keys.
   */
  PIN_KEY_ALGORITHM(Kind.POLICY, "key algorithm does not match the PIN block format"),
  /**
   * A translation would drop the PAN binding (format 0, 3 or 4 to format 1): refused, the
   * translated block could be replayed against any account (src/docs/SECURITY.md).
   */
  PIN_TRANSLATION_REFUSED(Kind.POLICY, "PIN block translation would drop the PAN binding"),
  /** The PIN to encipher is not 4 to 12 decimal digits (ISO 9564-1). */
  PIN_INVALID(Kind.FORMAT, "PIN is not 4 to 12 decimal digits"),
  /** The PAN is not decimal digits of a length the PIN block format allows. */
  PAN_INVALID(Kind.FORMAT, "PAN is not decimal digits of a length the format allows"),
  /** The enciphered PIN block is not one cipher block (8 bytes for TDES, 16 for AES). */
  PIN_BLOCK_LENGTH(Kind.FORMAT, "enciphered PIN block has the wrong length for the format"),
  /**
   * The deciphered PIN block does not check: control field, PIN length, PIN digits, fill or (through
   * them) the PAN. Always the same message, whatever failed.
   */
  PIN_BLOCK_VERIFICATION_FAILED(Kind.VERIFICATION, "PIN block verification failed");

  /**
   * What kind of failure a code reports; each kind has its one checked exception type.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** Malformed untrusted input: {@link Tr31FormatException}. */
    FORMAT,
    /**
     * Well-formed input, or a caller's request, that the library or its profile refuses to process
     * (unsupported, too weak, not permitted): {@link Tr31PolicyException}.
     */
    POLICY,
    /**
     * Authentication failed, or data that only the holder of a key could produce did not check
     * (a MAC, a signature, a key check value): {@link Tr31VerificationException}.
     */
    VERIFICATION
  }

  private final Kind kind;
  private final String description;

  ErrorCode(Kind kind, String description) {
    this.kind = kind;
    this.description = description;
  }

  /** {@return the kind of failure, which names the exception type that carries this code} */
  public Kind kind() {
    return kind;
  }

  /** {@return the fixed, secret-free English description of this code, used in messages} */
  public String description() {
    return description;
  }
}
