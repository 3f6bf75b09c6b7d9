/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import java.util.List;
import java.util.Objects;

/**
 * The header of a key block: the 16-character fixed part and the optional blocks (ANSI X9.143:2022
 * 6.2, 6.3).
 *
 * <p>{@link #parse} reads a header at the start of untrusted text (a whole key block or just a
 * template such as {@code D0000P0AE00E0000}); {@link #encode(int)} writes it with a given key block
 * length; {@link #withPadding()} adds the {@code PB} block that aligns it to the cipher block.
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. A header holds no secrets, so {@link #toString()} shows it. Parsing is
 * strict by default: {@link Profile#LENIENT} accepts the documented deviations and lists each in
 * {@link #warnings()}. Equality compares the header attributes and optional blocks, not the length
 * field and not the warnings.
 *
 * @since 0.1.0
 */
public final class KeyBlockHeader {
  /** Length of the fixed header in characters. */
  public static final int FIXED_LENGTH_CHARS = 16;

  final KeyBlockVersion version;
  final KeyUsage keyUsage;
  final String keyUsageCode;
  final KeyAlgorithm algorithm;
  final ModeOfUse modeOfUse;
  final String modeOfUseCode;
  final KeyVersion keyVersion;
  final Exportability exportability;
  final KeyContext keyContext;
  final OptionalBlocks optionalBlocks;
  final List<String> warnings;
  final int declaredKeyBlockLength;

  KeyBlockHeader(Builder b, List<String> warnings, int declaredKeyBlockLength) {
    this.version = b.version;
    this.keyUsage = b.keyUsage;
    this.keyUsageCode = b.keyUsageCode;
    this.algorithm = b.algorithm;
    this.modeOfUse = b.modeOfUse;
    this.modeOfUseCode = b.modeOfUseCode;
    this.keyVersion = b.keyVersion;
    this.exportability = b.exportability;
    this.keyContext = b.keyContext;
    this.optionalBlocks = b.optionalBlocks;
    this.warnings = List.copyOf(warnings);
    this.declaredKeyBlockLength = declaredKeyBlockLength;
  }

  /**
   * Parses the fixed header and the declared optional blocks at the start of {@code text}; the text
   * may continue (payload and MAC) or end right after the header.
   *
   * @param text untrusted input; {@code null} is reported as {@link ErrorCode#NULL_INPUT}
   * @param profile how strictly to read; not {@code null}
   * @return the parsed header; {@link #declaredKeyBlockLength()} holds the length field as read and
   *     {@link #warnings()} every tolerance the lenient profile used
   * @throws Tr31FormatException with the precise {@link ErrorCode} and absolute offset: {@link
   *     ErrorCode#NULL_INPUT}, {@link ErrorCode#HEADER_TRUNCATED}, {@link
   *     ErrorCode#INVALID_CHARACTER}, a field's code ({@link ErrorCode#INVALID_VERSION}, {@link
   *     ErrorCode#INVALID_LENGTH_FIELD}, {@link ErrorCode#INVALID_KEY_USAGE}, {@link
   *     ErrorCode#INVALID_ALGORITHM}, {@link ErrorCode#INVALID_MODE_OF_USE}, {@link
   *     ErrorCode#INVALID_KEY_VERSION}, {@link ErrorCode#INVALID_EXPORTABILITY}, {@link
   *     ErrorCode#INVALID_OPTIONAL_BLOCK_COUNT}, {@link ErrorCode#INVALID_KEY_CONTEXT}, {@link
   *     ErrorCode#INVALID_RESERVED_FIELD}), a code of {@link OptionalBlocks#parse(CharSequence,
   *     int, int, int, Profile, KeyAlgorithm)}, or, unless lenient, {@link
   *     ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES}
   * @throws NullPointerException if {@code profile} is {@code null}
   */
  public static KeyBlockHeader parse(CharSequence text, Profile profile)
      throws Tr31FormatException {
    Objects.requireNonNull(profile, "profile");
    if (text == null) {
      throw new Tr31FormatException(ErrorCode.NULL_INPUT, -1);
    }
    return HeaderParser.parse(text, profile);
  }

  /**
   * Parses a header that must fill {@code text} exactly, as a wrap template does: characters after
   * the declared optional blocks (a wrong block count) are an error, never ignored.
   *
   * @param text untrusted header text, nothing but the header; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @param profile how strictly to read; not {@code null}
   * @return the parsed header, whose encoding as read is exactly {@code text}
   * @throws NullPointerException if {@code profile} is {@code null}
   * @throws Tr31FormatException as {@link #parse}, and {@link ErrorCode#LENGTH_MISMATCH} at the
   *     first character after the header when {@code text} holds more
   */
  public static KeyBlockHeader parseExact(CharSequence text, Profile profile)
      throws Tr31FormatException {
    KeyBlockHeader h = parse(text, profile);
    int used = HeaderParser.parsedLengthChars(h);
    if (used != text.length()) {
      throw new Tr31FormatException(
          ErrorCode.LENGTH_MISMATCH, used, "characters after the declared optional blocks");
    }
    return h;
  }

  /**
   * {@return a new builder with defaults: key version {@code 00}, key context 0, no optional
   * blocks} Version, key usage, algorithm, mode of use and exportability must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a new builder holding this header's fields} The length field and warnings are not
   * carried over.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.keyUsage = keyUsage;
    b.keyUsageCode = keyUsageCode;
    b.algorithm = algorithm;
    b.modeOfUse = modeOfUse;
    b.modeOfUseCode = modeOfUseCode;
    b.keyVersion = keyVersion;
    b.exportability = exportability;
    b.keyContext = keyContext;
    b.optionalBlocks = optionalBlocks;
    return b;
  }

  /** {@return the key block version (character 0)} */
  public KeyBlockVersion version() {
    return version;
  }

  /**
   * {@return the key usage (characters 5-6); {@link KeyUsage#PROPRIETARY} for numeric codes}
   */
  public KeyUsage keyUsage() {
    return keyUsage;
  }

  /** {@return the two-character key usage exactly as written, proprietary codes included} */
  public String keyUsageCode() {
    return keyUsageCode;
  }

  /** {@return the algorithm of the wrapped key (character 7)} */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** {@return the mode of use (character 8); {@link ModeOfUse#PROPRIETARY} for numeric codes} */
  public ModeOfUse modeOfUse() {
    return modeOfUse;
  }

  /** {@return the one-character mode of use exactly as written, proprietary codes included} */
  public String modeOfUseCode() {
    return modeOfUseCode;
  }

  /** {@return the key version number (characters 9-10)} */
  public KeyVersion keyVersion() {
    return keyVersion;
  }

  /** {@return the exportability (character 11)} */
  public Exportability exportability() {
    return exportability;
  }

  /** {@return the key context (character 14, X9.143:2022)} */
  public KeyContext keyContext() {
    return keyContext;
  }

  /** {@return the optional blocks in header order; empty when there are none} */
  public OptionalBlocks optionalBlocks() {
    return optionalBlocks;
  }

  /**
   * {@return what the lenient profile tolerated while parsing, one secret-free sentence each; empty
   * under strict and for built headers} The list is unmodifiable.
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * {@return the key block length field as parsed (characters 1-4); {@code 0} for built headers}
   */
  public int declaredKeyBlockLength() {
    return declaredKeyBlockLength;
  }

  /**
   * {@return the length of {@link #encode(int)} in characters: 16 plus the canonical encoding of
   * the optional blocks}
   */
  public int encodedLengthChars() {
    return FIXED_LENGTH_CHARS + optionalBlocks.encodedLengthChars();
  }

  /**
   * {@return whether {@link #encodedLengthChars()} is a multiple of the version's cipher block
   * size} Wrap requires it (X9.143 6.3); {@link #withPadding()} makes it so.
   */
  public boolean isBlockAligned() {
    return encodedLengthChars() % version.cipherBlockSizeBytes() == 0;
  }

  /**
   * The header text with {@code keyBlockLength} in the length field.
   *
   * @param keyBlockLength the whole key block's length in characters (header, payload hex and MAC
   *     hex), 0 to 9999; written as four decimal digits
   * @return the canonical header text, {@link #encodedLengthChars()} long
   * @throws IllegalArgumentException if the length is not 0..9999
   */
  public String encode(int keyBlockLength) {
    if (keyBlockLength < 0 || keyBlockLength > 9999) {
      throw new IllegalArgumentException("key block length must be 0..9999");
    }
    StringBuilder sb = new StringBuilder(encodedLengthChars());
    sb.append(version.id());
    String len = Integer.toString(keyBlockLength);
    sb.append("0000", len.length(), 4).append(len);
    sb.append(keyUsageCode).append(algorithm.code()).append(modeOfUseCode);
    sb.append(keyVersion.code()).append(exportability.code());
    int n = optionalBlocks.size();
    sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    sb.append(keyContext.code()).append('0');
    optionalBlocks.encodeTo(sb);
    return sb.toString();
  }

  /**
   * This header with {@code block} added, or replacing the block of the same ID (kept before {@code
   * PB}). Used by wrap to insert {@code KC}/{@code KP}.
   *
   * @param block the block to add or replace; not {@code null}
   * @return a new header; this one is unchanged
   * @throws NullPointerException if {@code block} is {@code null}
   * @throws IllegalArgumentException if the block would be the 100th, or the header would exceed
   *     9999 characters
   */
  public KeyBlockHeader withOptionalBlock(OptionalBlock block) {
    return toBuilder().optionalBlocks(optionalBlocks.with(block)).build();
  }

  /**
   * This header with a {@code PB} block (data: {@code '0'} characters) appended, replacing any
   * existing one, so that {@link #encodedLengthChars()} is a multiple of the version's cipher block
   * size (X9.143 6.3; for version E the optional blocks then total a multiple of 16). Returns a
   * header without PB when the other blocks are already aligned.
   *
   * @return the aligned header (a new instance; this one is unchanged)
   * @throws IllegalStateException if a PB would be the 100th block
   */
  public KeyBlockHeader withPadding() {
    OptionalBlocks rest = optionalBlocks.without("PB");
    int block = version.cipherBlockSizeBytes();
    int len = FIXED_LENGTH_CHARS + rest.encodedLengthChars();
    int need = (block - len % block) % block;
    if (need != 0 && need < 4) {
      need += block; // PB needs at least its ID and length
    }
    if (need != 0) {
      if (rest.size() >= OptionalBlocks.MAX_BLOCKS) {
        throw new IllegalStateException("no room for a PB block (99 optional blocks)");
      }
      rest = rest.with(OptionalBlock.padding(need - 4));
    }
    return toBuilder().optionalBlocks(rest).build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyBlockHeader)) {
      return false;
    }
    KeyBlockHeader h = (KeyBlockHeader) o;
    return version == h.version
        && keyUsageCode.equals(h.keyUsageCode)
        && algorithm == h.algorithm
        && modeOfUseCode.equals(h.modeOfUseCode)
        && keyVersion.equals(h.keyVersion)
        && exportability == h.exportability
        && keyContext == h.keyContext
        && optionalBlocks.equals(h.optionalBlocks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        version,
        keyUsageCode,
        algorithm,
        modeOfUseCode,
        keyVersion,
        exportability,
        keyContext,
        optionalBlocks);
  }

  /** The header as {@link #encode(int)} writes it with the declared length. */
  @Override
  public String toString() {
    return encode(declaredKeyBlockLength);
  }

  /**
   * Builds a {@link KeyBlockHeader}. Not thread-safe; {@link #build()} validates.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    KeyBlockVersion version;
    KeyUsage keyUsage;
    String keyUsageCode;
    KeyAlgorithm algorithm;
    ModeOfUse modeOfUse;
    String modeOfUseCode;
    KeyVersion keyVersion = KeyVersion.none();
    Exportability exportability;
    KeyContext keyContext = KeyContext.DETERMINED_BY_WRAPPING_KEY;
    OptionalBlocks optionalBlocks = OptionalBlocks.empty();

    Builder() {}

    /**
     * Sets the key block version, which fixes the binding method and the KBPK it needs.
     *
     * @param v the version; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code v} is {@code null}
     */
    public Builder version(KeyBlockVersion v) {
      this.version = Objects.requireNonNull(v, "version");
      return this;
    }

    /**
     * Sets the key usage.
     *
     * @param u the key usage; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code u} is {@code null}
     * @throws IllegalArgumentException for {@link KeyUsage#PROPRIETARY} (only parse keeps those)
     */
    public Builder keyUsage(KeyUsage u) {
      Objects.requireNonNull(u, "keyUsage");
      if (u == KeyUsage.PROPRIETARY) {
        throw new IllegalArgumentException("proprietary key usage cannot be built");
      }
      this.keyUsage = u;
      this.keyUsageCode = u.code();
      return this;
    }

    /**
     * Sets the algorithm of the key to wrap.
     *
     * @param a the algorithm; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code a} is {@code null}
     */
    public Builder algorithm(KeyAlgorithm a) {
      this.algorithm = Objects.requireNonNull(a, "algorithm");
      return this;
    }

    /**
     * Sets the mode of use.
     *
     * @param m the mode of use; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code m} is {@code null}
     * @throws IllegalArgumentException for {@link ModeOfUse#PROPRIETARY}
     */
    public Builder modeOfUse(ModeOfUse m) {
      Objects.requireNonNull(m, "modeOfUse");
      if (m == ModeOfUse.PROPRIETARY) {
        throw new IllegalArgumentException("proprietary mode of use cannot be built");
      }
      this.modeOfUse = m;
      this.modeOfUseCode = m.code();
      return this;
    }

    /**
     * Sets the key version number (default {@code 00}, unused).
     *
     * @param v the key version; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code v} is {@code null}
     */
    public Builder keyVersion(KeyVersion v) {
      this.keyVersion = Objects.requireNonNull(v, "keyVersion");
      return this;
    }

    /**
     * Sets the exportability.
     *
     * @param e the exportability; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code e} is {@code null}
     */
    public Builder exportability(Exportability e) {
      this.exportability = Objects.requireNonNull(e, "exportability");
      return this;
    }

    /**
     * Sets the key context (default {@link KeyContext#DETERMINED_BY_WRAPPING_KEY}).
     *
     * @param c the key context; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code c} is {@code null}
     */
    public Builder keyContext(KeyContext c) {
      this.keyContext = Objects.requireNonNull(c, "keyContext");
      return this;
    }

    /**
     * Sets the optional blocks (default none), replacing any set before.
     *
     * @param blocks the blocks in header order; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code blocks} is {@code null}
     */
    public Builder optionalBlocks(OptionalBlocks blocks) {
      this.optionalBlocks = Objects.requireNonNull(blocks, "optionalBlocks");
      return this;
    }

    /**
     * Builds the header. Whether usage, algorithm and mode of use are permitted together is not
     * checked here: see {@link io.tr31.keyblock.KeyAttributePolicy#check}.
     *
     * @return the header; its {@link #declaredKeyBlockLength()} is {@code 0} and it has no warnings
     * @throws IllegalStateException if a required field is unset
     * @throws IllegalArgumentException if the header would exceed 9999 characters
     */
    public KeyBlockHeader build() {
      if (version == null
          || keyUsage == null
          || algorithm == null
          || modeOfUse == null
          || exportability == null) {
        throw new IllegalStateException(
            "version, key usage, algorithm, mode of use and exportability are required");
      }
      if (FIXED_LENGTH_CHARS + optionalBlocks.encodedLengthChars() > 9999) {
        throw new IllegalArgumentException("header longer than 9999 characters");
      }
      return new KeyBlockHeader(this, List.of(), 0);
    }
  }
}
