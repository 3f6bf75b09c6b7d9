/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;


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
  /**
   * {@code AL}: asymmetric key life (X9.143:2021 6.3.6.1, Table 8): version {@code 01}, then {@code
   * 00} ephemeral or {@code 01} static.
   */
  AL("Asymmetric key life", DataFormat.HEX),
  /**
   * {@code BI}: base derivation key identifier for DUKPT (X9.143:2021 6.3.6.2, Table 9): the TDES
   * DUKPT key set ID or the AES DUKPT BDK ID.
   */
  BI("Base derivation key identifier", DataFormat.HEX),
  /** {@code CT}: public key certificate(s) (X9.143:2021 6.3.6.3, Tables 10 and 11). */
  CT("Public key certificate", DataFormat.PRINTABLE_ASCII),
  /**
   * {@code DA}: derivation(s) allowed for a derivation key (X9.143:2021 6.3.6.4, Table 12): version
   * {@code 01}, then 5-character entries.
   */
  DA("Derivation(s) allowed", DataFormat.ALPHANUMERIC),
  /** {@code FL}: flags (X9.143:2022); printable ASCII, no further structure is checked. */
  FL("Flags", DataFormat.PRINTABLE_ASCII),
  /**
   * {@code HM}: hash algorithm for an HMAC key (X9.143:2021 6.3.6.5, Table 13): two hex digits,
   * {@link HashAlgorithm}.
   */
  HM("HMAC hash algorithm", DataFormat.HEX),
  /**
   * {@code IK}: initial key identifier for AES DUKPT (X9.143:2021 6.3.6.6; ANSI X9.24-3): 16 hex
   * digits.
   */
  IK("Initial key identifier (AES DUKPT)", DataFormat.HEX),
  /**
   * {@code KC}: key check value of the wrapped key (X9.143:2021 6.3.6.7, Table 15): {@link
   * io.tr31.keyblock.KcvMethod} code, then the KCV in hex.
   */
  KC("KCV of wrapped key", DataFormat.HEX),
  /**
   * {@code KP}: key check value of the key block protection key (X9.143:2021 6.3.6.7, Table 15):
   * {@link io.tr31.keyblock.KcvMethod} code, then the KCV in hex.
   */
  KP("KCV of KBPK", DataFormat.HEX),
  /**
   * {@code KS}: initial key serial number for TDES DUKPT (X9.143:2021 6.3.6.8, Table 16): 20 hex
   * digits; not allowed on AES keys, which use {@link #IK}.
   */
  KS("Initial key serial number", DataFormat.HEX),
  /** {@code KV}: key block values (X9.143:2021 6.3.6.9; deprecated). */
  KV("Key block values (deprecated)", DataFormat.PRINTABLE_ASCII),
  /** {@code LB}: a user-defined label (X9.143:2021 6.3.6.10), readable by anyone. */
  LB("Label", DataFormat.PRINTABLE_ASCII),
  /**
   * {@code PB}: padding block (X9.143:2021 6.3.6.11) that aligns the header to the cipher block;
   * always last.
   */
  PB("Padding block", DataFormat.PRINTABLE_ASCII),
  /**
   * {@code PK}: key check value of the export KBPK (X9.143:2021 6.3.6.12, Table 20): {@link
   * io.tr31.keyblock.KcvMethod} code, then the KCV in hex.
   */
  PK("KCV of export KBPK", DataFormat.HEX),
  /** {@code TC}: time of creation of the wrapped key (X9.143:2021 6.3.6.13), ISO 8601 UTC. */
  TC("Time of creation", DataFormat.ISO8601_UTC),
  /** {@code TS}: time stamp of the key block (X9.143:2021 6.3.6.14), ISO 8601 UTC. */
  TS("Time stamp", DataFormat.ISO8601_UTC),
  /**
   * {@code WP}: wrapping pedigree (X9.143:2021 6.3.6.15, Table 23): version {@code 00}, then
   * pedigree 0-3 (rewrap writes it when the key's history needs it).
   */
  WP("Wrapping pedigree", DataFormat.ALPHANUMERIC);

  /** The data formats of X9.143 6.3. */
  enum DataFormat {
    /** Upper-case hexadecimal digits {@code 0-9A-F} (format H). */
    HEX,
    /** ASCII letters and digits (format AN). */
    ALPHANUMERIC,
    /** {@code YYYYMMDDhhmmss[cc]Z} or {@code YYYY-MM-DDThh:mm:ss[.cc]Z}. */
    ISO8601_UTC,
    /** Printable ASCII {@code 0x20-0x7E}. */
    PRINTABLE_ASCII
  }

  /** The constants, read without the copy {@code values()} makes on each call. */
  private static final OptionalBlockId[] VALUES = values();

  private final String meaning;
  private final DataFormat format;

  OptionalBlockId(String meaning, DataFormat format) {
    this.meaning = meaning;
    this.format = format;
  }

  /** {@return the two-character ID, the constant's name} */
  public String code() {
    return name();
  }

  /** {@return the standard's meaning, in English} */
  public String meaning() {
    return meaning;
  }

  /** {@return the data format the standard requires for this block's data} */
  DataFormat format() {
    return format;
  }

  /**
   * Looks up a two-character ID.
   *
   * @param id the ID, case-sensitive; {@code null} finds nothing
   * @return the constant, or {@code null} if X9.143 does not define the ID (proprietary IDs
   *     included); callers report the error
   */
  static OptionalBlockId fromCode(String id) {
    for (OptionalBlockId b : VALUES) {
      if (b.name().equals(id)) {
        return b;
      }
    }
    return null;
  }
}
