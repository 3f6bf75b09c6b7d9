/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One optional block of a key block header: a two-character ID and its data (ANSI X9.143:2022 6.3),
 * with the typed value of the IDs that have one, read once when the block is made.
 *
 * <p>One final class rather than a subclass per ID: typed readers return {@link Optional}, empty
 * for a block of another ID, so nothing re-parses the data, nothing throws for the wrong ID, and
 * proprietary or lenient-tolerated blocks need no type of their own. {@link #kcv()} ({@code KC},
 * {@code KP}, {@code PK}), {@link #timestamp()} ({@code TC}, {@code TS}), {@link #hmacHash()}
 * ({@code HM}); every block has its {@link #id()} and {@link #data()} as written ({@code LB}: the
 * label, {@code PB}: the padding).
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. Optional blocks are authenticated but not encrypted, so they carry no
 * secrets; {@link #toString()} shows the block.
 *
 * @since 0.1.0
 */
public final class OptionalBlock {
  /** Largest data length any block can have: 9999 minus the fixed header and extended length. */
  public static final int MAX_DATA_LENGTH = 9999 - 16 - 10;

  private final String id;
  private final String data;
  private final KeyCheckValue kcv;
  private final Instant timestamp;
  private final HashAlgorithm hash;

  /** The typed value is read here, once; data the parser validated always yields it. */
  private OptionalBlock(String id, String data) {
    this.id = id;
    this.data = data;
    OptionalBlockId known = OptionalBlockId.fromCode(id);
    this.kcv = isKcvBlock(known) ? readKcv(data) : null;
    this.timestamp =
        known == OptionalBlockId.TC || known == OptionalBlockId.TS
            ? Timestamps.parse(data, true)
            : null;
    this.hash =
        known == OptionalBlockId.HM ? HashAlgorithm.fromCode(data.toUpperCase(Locale.ROOT)) : null;
  }

  private static boolean isKcvBlock(OptionalBlockId id) {
    return id == OptionalBlockId.KC || id == OptionalBlockId.KP || id == OptionalBlockId.PK;
  }

  /** Method code then hex KCV (lower case only from a lenient parse); null if malformed. */
  private static KeyCheckValue readKcv(String data) {
    KcvMethod m = BlockStructure.kcvMethod(data);
    int chars = data.length() - 2;
    if (m == null || chars <= 0 || chars % 2 != 0 || chars / 2 > m.maxLengthBytes()) {
      return null;
    }
    try {
      return KeyCheckValue.of(m, Hex.decode(data, 2, data.length(), true));
    } catch (Tr31FormatException e) {
      return null; // not hex: only a block that failed validation, which is never built
    }
  }

  /** Package-private: the parser builds blocks it has already validated. */
  static OptionalBlock trusted(String id, String data) {
    return new OptionalBlock(id, data);
  }

  /**
   * A block from its ID and data, validated as the strict profile would on parse.
   *
   * @param id a defined block ID; not {@code null}
   * @param data the block's data as it will be written: printable ASCII, at most {@link
   *     #MAX_DATA_LENGTH} characters, in the ID's format; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code id} or {@code data} is {@code null}
   * @throws IllegalArgumentException if the ID is not defined in X9.143 6.3 or the data breaks the
   *     ID's format
   */
  public static OptionalBlock of(OptionalBlockId id, String data) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    checkLengthAndChars(data);
    try {
      BlockRules.validate(id, data, Profile.STRICT, 0, new ArrayList<>());
    } catch (Tr31FormatException e) {
      throw new IllegalArgumentException("invalid " + id + " data: " + e.getMessage(), e);
    }
    return new OptionalBlock(id.code(), data);
  }

  /**
   * A block from an untrusted ID and data (a command line argument, a JSON request), validated as
   * the strict profile validates a parsed block. Use {@link #of} for values the program controls.
   *
   * @param id the two-character block ID, case-sensitive; not {@code null}
   * @param data the block's data; not {@code null}
   * @return the validated block
   * @throws NullPointerException if {@code id} or {@code data} is {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_OPTIONAL_BLOCK_ID} for an ID X9.143 6.3
   *     does not define, {@link ErrorCode#INVALID_OPTIONAL_BLOCK_DATA} for data that breaks the
   *     ID's format (offsets are within {@code data})
   */
  public static OptionalBlock parse(String id, String data) throws Tr31FormatException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    OptionalBlockId known = OptionalBlockId.fromCode(id);
    if (known == null) {
      throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, 0, "unknown ID");
    }
    int bad = BlockRules.printable(data);
    if (data.length() > MAX_DATA_LENGTH || bad >= 0) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, Math.max(bad, 0), known + " data");
    }
    BlockRules.validate(known, data, Profile.STRICT, 0, new ArrayList<>());
    return new OptionalBlock(known.code(), data);
  }

  /**
   * A proprietary block (ID starting with a digit, X9.143 6.3), data printable ASCII. Such blocks
   * are written as given; a strict reader rejects them.
   *
   * @param id a digit followed by an ASCII letter or digit; not {@code null}
   * @param data printable ASCII, at most {@link #MAX_DATA_LENGTH} characters; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code id} or {@code data} is {@code null}
   * @throws IllegalArgumentException if the data is too long or not printable ASCII
   * @throws IllegalArgumentException if the ID is not a digit followed by an alphanumeric
   */
  public static OptionalBlock proprietary(String id, String data) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    if (id.length() != 2
        || id.charAt(0) < '0'
        || id.charAt(0) > '9'
        || !BlockRules.isAlphanumeric(id.charAt(1))) {
      throw new IllegalArgumentException("proprietary ID must be a digit then an alphanumeric");
    }
    checkLengthAndChars(data);
    return new OptionalBlock(id, data);
  }

  private static void checkLengthAndChars(String data) {
    if (data.length() > MAX_DATA_LENGTH || BlockRules.printable(data) >= 0) {
      throw new IllegalArgumentException("data must be at most 9973 printable ASCII characters");
    }
  }

  /**
   * {@code KC}, {@code KP} or {@code PK}: method block code then the KCV in upper-case hex, 2 bytes
   * up to the method's maximum (3 legacy, 5 CMAC).
   *
   * @param id {@link OptionalBlockId#KC} (the wrapped key's KCV), {@link OptionalBlockId#KP} (the
   *     KBPK's) or {@link OptionalBlockId#PK} (the export KBPK's)
   * @param method how the KCV was computed; not {@code null}
   * @param kcv the KCV bytes, 2 to {@code method.maxLengthBytes()}; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code method} or {@code kcv} is {@code null}
   * @throws IllegalArgumentException if {@code id} is not a KCV block or the length is not allowed
   */
  public static OptionalBlock kcv(OptionalBlockId id, KcvMethod method, byte[] kcv) {
    if (id != OptionalBlockId.KC && id != OptionalBlockId.KP && id != OptionalBlockId.PK) {
      throw new IllegalArgumentException("KCV blocks are KC, KP or PK");
    }
    Objects.requireNonNull(method, "method");
    if (kcv.length < BlockStructure.MIN_KCV_BYTES || kcv.length > method.maxLengthBytes()) {
      throw new IllegalArgumentException("KCV must be 2.." + method.maxLengthBytes() + " bytes");
    }
    return of(id, method.blockCode() + Hex.encode(kcv));
  }

  /**
   * {@code HM}: the hash of an HMAC key (X9.143, algorithm {@code H}).
   *
   * @param hash the hash function; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code hash} is {@code null}
   */
  public static OptionalBlock hmacHash(HashAlgorithm hash) {
    return of(OptionalBlockId.HM, hash.code());
  }

  /**
   * {@code TC} (time of creation) or {@code TS} (time stamp) in the basic UTC form {@code
   * YYYYMMDDhhmmss[cc]Z} (truncated to 10 ms).
   *
   * @param id {@link OptionalBlockId#TC} or {@link OptionalBlockId#TS}
   * @param instant the time; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code instant} is {@code null}
   * @throws IllegalArgumentException if {@code id} is not {@code TC} or {@code TS}, or the year is
   *     outside 0000-9999
   */
  public static OptionalBlock timestamp(OptionalBlockId id, Instant instant) {
    if (id != OptionalBlockId.TC && id != OptionalBlockId.TS) {
      throw new IllegalArgumentException("time stamp blocks are TC or TS");
    }
    return of(id, Timestamps.format(Objects.requireNonNull(instant, "instant")));
  }

  /**
   * {@code LB}: a label. Optional blocks are not encrypted: a label is readable by anyone.
   *
   * @param label printable ASCII, at most {@link #MAX_DATA_LENGTH} characters; not {@code null}
   * @return the block
   * @throws NullPointerException if {@code label} is {@code null}
   * @throws IllegalArgumentException if the label is too long or not printable ASCII
   */
  public static OptionalBlock label(String label) {
    return of(OptionalBlockId.LB, label);
  }

  /**
   * {@code WP}: version {@code 00} then the pedigree (X9.143:2021 6.3.6.15, Table 23): 0 equal or
   * greater effective strength, 1 lesser, 2 asymmetric key at risk of quantum computing, 3 both.
   *
   * @param pedigree 0 to 3
   * @return the block
   * @throws IllegalArgumentException if {@code pedigree} is not 0 to 3
   */
  static OptionalBlock wrappingPedigree(int pedigree) {
    if (pedigree < 0 || pedigree > 3) {
      throw new IllegalArgumentException("pedigree is 0..3");
    }
    return of(OptionalBlockId.WP, "00" + pedigree);
  }

  /**
   * {@code PB}, the padding block that aligns the header to the cipher block (X9.143 6.3).
   *
   * @param n the number of {@code '0'} data characters, 0 to {@link #MAX_DATA_LENGTH}
   * @return the block
   * @throws IllegalArgumentException if {@code n} is negative or exceeds {@link #MAX_DATA_LENGTH}
   */
  static OptionalBlock padding(int n) {
    if (n < 0 || n > MAX_DATA_LENGTH) {
      throw new IllegalArgumentException("padding is 0.." + MAX_DATA_LENGTH + " characters");
    }
    char[] zeros = new char[n];
    Arrays.fill(zeros, '0');
    return of(OptionalBlockId.PB, new String(zeros));
  }

  /** {@return the two-character ID as written} */
  public String id() {
    return id;
  }

  /** {@return the defined ID; empty for a proprietary block} */
  public Optional<OptionalBlockId> knownId() {
    return Optional.ofNullable(OptionalBlockId.fromCode(id));
  }

  /** {@return the data as written, without ID or length} */
  public String data() {
    return data;
  }

  /** Whether this is the padding block {@code PB}. */
  boolean isPadding() {
    return id.equals("PB");
  }

  /**
   * {@return the key check value of a {@code KC}, {@code KP} or {@code PK} block (method and
   * bytes); empty for any other block}
   */
  public Optional<KeyCheckValue> kcv() {
    return Optional.ofNullable(kcv);
  }

  /**
   * {@return the instant of a {@code TC} or {@code TS} block (a missing {@code Z}, tolerated by
   * the lenient profile, reads as UTC); empty for any other block}
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** {@return the hash of the HMAC key named by an {@code HM} block; empty for any other block} */
  public Optional<HashAlgorithm> hmacHash() {
    return Optional.ofNullable(hash);
  }

  /** The length in characters of the encoded block: 4 + data (short) or 10 + data (extended). */
  int encodedLengthChars() {
    int shortLen = 4 + data.length();
    return shortLen <= 0xFF ? shortLen : 10 + data.length();
  }

  /**
   * Appends the encoded block: short form when the whole block fits in 255 characters, else the
   * extended form {@code ID 00 04 LLLL data} (X9.143 6.3; {@code 04} = four hex digits follow).
   */
  void encodeTo(StringBuilder sb) {
    int total = encodedLengthChars();
    sb.append(id);
    if (total <= 0xFF) {
      hex(sb, total, 2);
    } else {
      sb.append("0004");
      hex(sb, total, 4);
    }
    sb.append(data);
  }

  private static void hex(StringBuilder sb, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append("0123456789ABCDEF".charAt((v >>> shift) & 0xF));
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OptionalBlock)) {
      return false;
    }
    OptionalBlock b = (OptionalBlock) o;
    return id.equals(b.id) && data.equals(b.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, data);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    encodeTo(sb);
    return sb.toString();
  }
}
