/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.optblock;

/**
 * The optional block IDs defined by ANSI X9.143:2022 6.3 (Table 7), each with the data format the
 * standard requires for it.
 *
 * <p>IDs whose first character is a digit are proprietary (X9.143 6.3; IBM CCA uses {@code 10}) and
 * have no constant here; they are accepted only under {@code Profile.LENIENT}.
 *
 * <h2>Security</h2>
 *
 * Immutable. Optional blocks are authenticated as part of the header but are not encrypted: they
 * never carry secrets.
 *
 * @since 0.1.0
 */
public enum OptionalBlockId {
  /** {@code AL}: asymmetric key life (version {@code 01}, then {@code 01} static / {@code 02}). */
  AL("Asymmetric key life", DataFormat.HEX),
  /** {@code BI}: base derivation key identifier for DUKPT. */
  BI("Base derivation key identifier", DataFormat.HEX),
  /** {@code CT}: public key certificate(s). */
  CT("Public key certificate", DataFormat.PRINTABLE_ASCII),
  /** {@code DA}: derivation(s) allowed (version {@code 01}, then 5-character entries). */
  DA("Derivation(s) allowed", DataFormat.ALPHANUMERIC),
  /** {@code FL}: flags. */
  FL("Flags", DataFormat.PRINTABLE_ASCII),
  /** {@code HM}: hash algorithm for an HMAC key (two hex digits, {@link HashAlgorithm}). */
  HM("HMAC hash algorithm", DataFormat.HEX),
  /** {@code IK}: initial key identifier for AES DUKPT (16 hex digits). */
  IK("Initial key identifier (AES DUKPT)", DataFormat.HEX),
  /** {@code KC}: key check value of the wrapped key. */
  KC("KCV of wrapped key", DataFormat.HEX),
  /** {@code KP}: key check value of the key block protection key. */
  KP("KCV of KBPK", DataFormat.HEX),
  /** {@code KS}: initial key serial number (TDES DUKPT). */
  KS("Initial key serial number", DataFormat.HEX),
  /** {@code KV}: key block values (deprecated). */
  KV("Key block values (deprecated)", DataFormat.PRINTABLE_ASCII),
  /** {@code LB}: label. */
  LB("Label", DataFormat.PRINTABLE_ASCII),
  /** {@code PB}: padding block; always last. */
  PB("Padding block", DataFormat.PRINTABLE_ASCII),
  /** {@code PK}: key check value of the export KBPK. */
  PK("KCV of export KBPK", DataFormat.HEX),
  /** {@code TC}: time of creation (ISO 8601 UTC). */
  TC("Time of creation", DataFormat.ISO8601_UTC),
  /** {@code TS}: time stamp (ISO 8601 UTC). */
  TS("Time stamp", DataFormat.ISO8601_UTC),
  /** {@code WP}: wrapping pedigree (version {@code 00}, then pedigree 0-3). */
  WP("Wrapping pedigree", DataFormat.ALPHANUMERIC);

  /** The data formats of X9.143 6.3. */
  public enum DataFormat {
    /** Upper-case hexadecimal digits {@code 0-9A-F} (format H). */
    HEX,
    /** ASCII letters and digits (format AN). */
    ALPHANUMERIC,
    /** {@code YYYYMMDDhhmmss[cc]Z} or {@code YYYY-MM-DDThh:mm:ss[.cc]Z}. */
    ISO8601_UTC,
    /** Printable ASCII {@code 0x20-0x7E}. */
    PRINTABLE_ASCII
  }

  private final String meaning;
  private final DataFormat format;

  OptionalBlockId(String meaning, DataFormat format) {
    this.meaning = meaning;
    this.format = format;
  }

  /** The two-character ID. */
  public String code() {
    return name();
  }

  /** The standard's meaning. */
  public String meaning() {
    return meaning;
  }

  /** The data format the standard requires. */
  public DataFormat format() {
    return format;
  }

  /** Returns the constant for a two-character ID, or {@code null} if not defined. */
  public static OptionalBlockId fromCode(String id) {
    for (OptionalBlockId b : values()) {
      if (b.name().equals(id)) {
        return b;
      }
    }
    return null;
  }
}
