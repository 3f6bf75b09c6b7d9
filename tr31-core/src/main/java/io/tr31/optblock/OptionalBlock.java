/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.optblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import io.tr31.kcv.KcvMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One optional block of a key block header: a two-character ID and its data (ANSI X9.143:2022 6.3).
 *
 * <p>Generic by design (the ID and data as written), with typed factories and typed readers for the
 * defined IDs: {@link #kcv}, {@link #hmacHash}, {@link #timestamp}, {@link #label}, and so on.
 * Typed readers re-check the data and throw {@link Tr31FormatException} when it does not match,
 * which can only happen for blocks the lenient profile tolerated.
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

  private OptionalBlock(String id, String data) {
    this.id = id;
    this.data = data;
  }

  /** Package-private: the parser builds blocks it has already validated. */
  static OptionalBlock trusted(String id, String data) {
    return new OptionalBlock(id, data);
  }

  /**
   * A block from its ID and data, validated as the strict profile would on parse.
   *
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

  /** {@code HM}: the hash of an HMAC key. */
  public static OptionalBlock hmacHash(HashAlgorithm hash) {
    return of(OptionalBlockId.HM, hash.code());
  }

  /**
   * {@code TC} or {@code TS} in the basic form {@code YYYYMMDDhhmmss[cc]Z} (truncated to 10 ms).
   */
  public static OptionalBlock timestamp(OptionalBlockId id, Instant instant) {
    if (id != OptionalBlockId.TC && id != OptionalBlockId.TS) {
      throw new IllegalArgumentException("time stamp blocks are TC or TS");
    }
    return of(id, Timestamps.format(Objects.requireNonNull(instant, "instant")));
  }

  /** {@code LB}: a printable ASCII label. */
  public static OptionalBlock label(String label) {
    return of(OptionalBlockId.LB, label);
  }

  /** {@code KS}, {@code IK} or {@code BI} from upper-case hex. */
  public static OptionalBlock hex(OptionalBlockId id, String upperHex) {
    if (id.format() != OptionalBlockId.DataFormat.HEX) {
      throw new IllegalArgumentException(id + " is not a hex block");
    }
    return of(id, upperHex);
  }

  /** {@code DA}: version {@code 01} then one 5-character entry per allowed derivation. */
  public static OptionalBlock derivationsAllowed(List<String> entries) {
    StringBuilder sb = new StringBuilder("01");
    for (String e : entries) {
      if (e.length() != 5) {
        throw new IllegalArgumentException("DA entries are 5 characters");
      }
      sb.append(e);
    }
    return of(OptionalBlockId.DA, sb.toString());
  }

  /**
   * {@code WP}: version {@code 00} then the pedigree (X9.143:2021 6.3.6.15, Table 23): 0 equal or
   * greater effective strength, 1 lesser, 2 asymmetric key at risk of quantum computing, 3 both.
   */
  public static OptionalBlock wrappingPedigree(int pedigree) {
    if (pedigree < 0 || pedigree > 3) {
      throw new IllegalArgumentException("pedigree is 0..3");
    }
    return of(OptionalBlockId.WP, "00" + pedigree);
  }

  /**
   * {@code AL}: version {@code 01}, then {@code 00} ephemeral or {@code 01} static (X9.143:2021
   * 6.3.6.1 Table 8, as openemv/tr31 reads it).
   */
  public static OptionalBlock asymmetricKeyLife(boolean ephemeral) {
    return of(OptionalBlockId.AL, ephemeral ? "0100" : "0101");
  }

  /** {@code PB} with {@code n} {@code '0'} characters of data. */
  public static OptionalBlock padding(int n) {
    char[] zeros = new char[n];
    Arrays.fill(zeros, '0');
    return of(OptionalBlockId.PB, new String(zeros));
  }

  /** The two-character ID as written. */
  public String id() {
    return id;
  }

  /** The defined ID, or {@code null} for a proprietary block. */
  public OptionalBlockId knownId() {
    return OptionalBlockId.fromCode(id);
  }

  /** The data as written. */
  public String data() {
    return data;
  }

  /** Whether this is the padding block {@code PB}. */
  public boolean isPadding() {
    return id.equals("PB");
  }

  /** The KCV method of a {@code KC}/{@code KP}/{@code PK} block. */
  public KcvMethod kcvMethod() throws Tr31FormatException {
    require(OptionalBlockId.KC, OptionalBlockId.KP, OptionalBlockId.PK);
    KcvMethod m = BlockStructure.kcvMethod(data);
    if (m == null) {
      throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, -1, id + ": method");
    }
    return m;
  }

  /** The KCV bytes of a {@code KC}/{@code KP}/{@code PK} block (a fresh copy). */
  public byte[] kcvBytes() throws Tr31FormatException {
    kcvMethod();
    return Hex.decode(data, 2, data.length(), true);
  }

  /** The hash named by an {@code HM} block. */
  public HashAlgorithm hmacHash() throws Tr31FormatException {
    require(OptionalBlockId.HM);
    HashAlgorithm h = HashAlgorithm.fromCode(data.toUpperCase(Locale.ROOT));
    if (h == null) {
      throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, -1, "HM: hash code");
    }
    return h;
  }

  /** The instant of a {@code TC}/{@code TS} block (a missing {@code Z} reads as UTC). */
  public Instant timestamp() throws Tr31FormatException {
    require(OptionalBlockId.TC, OptionalBlockId.TS);
    Instant t = Timestamps.parse(data, true);
    if (t == null) {
      throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, -1, id + ": time");
    }
    return t;
  }

  private void require(OptionalBlockId... ids) {
    for (OptionalBlockId i : ids) {
      if (i.code().equals(id)) {
        return;
      }
    }
    throw new IllegalStateException("not a " + Arrays.toString(ids) + " block: " + id);
  }

  /** Length of the encoded block: 4 + data (short form) or 10 + data (extended form). */
  public int encodedLengthChars() {
    int shortLen = 4 + data.length();
    return shortLen <= 0xFF ? shortLen : 10 + data.length();
  }

  /**
   * Appends the encoded block: short form when the whole block fits in 255 characters, else the
   * extended form {@code ID 00 04 LLLL data} (X9.143 6.3; {@code 04} = four hex digits follow).
   */
  public void encodeTo(StringBuilder sb) {
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
