/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header of a key block: the 16-character fixed part and the optional blocks (ANSI X9.143:2022
 * 6.2, 6.3).
 *
 * <p>{@link #parse} reads a header that fills untrusted text exactly (a template such as {@code
 * D0000P0AE00E0000}, its optional blocks included); {@link #builder()} makes one in code. Reading
 * the header at the front of a whole key block is the reader's business ({@link KeyBlock#parse}).
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

  /** The most optional blocks a header can declare (two decimal digits). */
  public static final int MAX_OPTIONAL_BLOCKS = 99;

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
  volatile byte[] wrapAscii; // what wrap writes without KC/KP, re-read once: HeaderEncoder

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
   * Parses a header that fills {@code text} exactly: the fixed part, then exactly the optional
   * blocks its count declares, and nothing after. A count that disagrees with the blocks written
   * is an error, never a silently shorter or longer header.
   *
   * @param text untrusted header text, nothing but the header; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @param profile how strictly to read; not {@code null}
   * @return the parsed header; {@link #warnings()} holds every tolerance the lenient profile used
   * @throws Tr31FormatException with the precise {@link ErrorCode} and absolute offset: the first
   *     bad field of the fixed header or of an optional block (a {@link ErrorCode.Kind#FORMAT}
   *     code, {@link ErrorCode#OPTIONAL_BLOCK_TRUNCATED} when fewer blocks are written than
   *     declared), {@link ErrorCode#LENGTH_MISMATCH} at the first character after the declared
   *     blocks, or, unless lenient, {@link ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES}
   * @throws NullPointerException if {@code profile} is {@code null}
   */
  public static KeyBlockHeader parse(CharSequence text, Profile profile)
      throws Tr31FormatException {
    KeyBlockHeader h = parsePrefix(text, profile);
    int used = h.parsedLengthChars();
    if (used != text.length()) {
      throw new Tr31FormatException(
          ErrorCode.LENGTH_MISMATCH, used, "characters after the declared optional blocks");
    }
    return h;
  }

  /** The header at the start of {@code text} (the reader's): as {@link #parse}, but a prefix. */
  static KeyBlockHeader parsePrefix(CharSequence text, Profile profile)
      throws Tr31FormatException {
    Objects.requireNonNull(profile, "profile");
    if (text == null) {
      throw new Tr31FormatException(ErrorCode.NULL_INPUT, -1);
    }
    return HeaderParser.parse(text, profile);
  }

  /**
   * {@return a new builder with defaults: key version {@code 00}, key context 0, no optional
   * blocks} Version, key usage, algorithm, mode of use and exportability must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder holding this header's fields, without length field and warnings} */
  public Builder toBuilder() {
    return HeaderEncoder.toBuilder(this);
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

  /** {@return the optional blocks in header order (unmodifiable); empty when there are none} */
  public List<OptionalBlock> optionalBlocks() {
    return optionalBlocks.asList();
  }

  /**
   * Finds an optional block by its ID.
   *
   * @param id the block ID; not {@code null}
   * @return the block, or empty if the header has none with that ID
   * @throws NullPointerException if {@code id} is {@code null}
   */
  public Optional<OptionalBlock> optionalBlock(OptionalBlockId id) {
    return optionalBlocks.get(id);
  }

  OptionalBlocks blocks() {
    return optionalBlocks;
  }

  /**
   * {@return what the lenient profile tolerated while parsing, one secret-free sentence each; empty
   * under strict and for built headers} The list is unmodifiable.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** The key block length field as parsed (characters 1-4); {@code 0} for built headers. */
  int declaredKeyBlockLength() {
    return declaredKeyBlockLength;
  }

  /** Length of the header as it was read: the fixed part plus the optional blocks as written. */
  int parsedLengthChars() {
    return FIXED_LENGTH_CHARS + Math.max(0, optionalBlocks.parsedLengthChars());
  }

  /** The length of {@link #encode(int)}: 16 plus the canonical encoding of the blocks. */
  int encodedLengthChars() {
    return FIXED_LENGTH_CHARS + optionalBlocks.encodedLengthChars();
  }

  /** Whether the encoding is a multiple of the version's cipher block (wrap needs it, 6.3). */
  boolean isBlockAligned() {
    return encodedLengthChars() % version.cipherBlockSizeBytes() == 0;
  }

  /** The canonical header text with {@code keyBlockLength} (0..9999, else IAE) as length. */
  String encode(int keyBlockLength) {
    return HeaderEncoder.encode(this, keyBlockLength);
  }

  /** This header with {@code block} added or replacing its ID's: {@link Builder#optionalBlock}. */
  KeyBlockHeader withOptionalBlock(OptionalBlock block) {
    return toBuilder().optionalBlock(block).build();
  }

  /** This header aligned to the cipher block by a {@code PB} block (X9.143 6.3), replacing any. */
  KeyBlockHeader withPadding() {
    return HeaderEncoder.withPadding(this);
  }

  /** Equal when every field and optional block is equal: the canonical texts without length. */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyBlockHeader && encode(0).equals(((KeyBlockHeader) o).encode(0));
  }

  @Override
  public int hashCode() {
    return encode(0).hashCode();
  }

  /** The canonical header text, with the length field as read ({@code 0000} when built). */
  @Override
  public String toString() {
    return encode(declaredKeyBlockLength);
  }

  /**
   * Builds a {@link KeyBlockHeader}. Not thread-safe; {@link #build()} validates. Every setter
   * throws {@link NullPointerException} for a {@code null} argument.
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
     */
    public Builder keyContext(KeyContext c) {
      this.keyContext = Objects.requireNonNull(c, "keyContext");
      return this;
    }

    /**
     * Adds an optional block after those already set, or replaces the block of the same ID in
     * place; the padding block {@code PB} stays last (and is recomputed by wrap anyway).
     *
     * @param block the block; not {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the block would be the 100th
     */
    public Builder optionalBlock(OptionalBlock block) {
      this.optionalBlocks = optionalBlocks.with(block);
      return this;
    }

    /** Sets all optional blocks at once, replacing any set before. */
    Builder optionalBlocks(OptionalBlocks blocks) {
      this.optionalBlocks = Objects.requireNonNull(blocks, "optionalBlocks");
      return this;
    }

    /** Removes the optional block with this ID, if any (rewrap drops {@code KP} and {@code PB}). */
    Builder withoutOptionalBlock(String id) {
      this.optionalBlocks = optionalBlocks.without(id);
      return this;
    }

    /**
     * Builds the header. Whether usage, algorithm and mode of use are permitted together is not
     * checked here: see {@link KeyAttributePolicy#permittedModes}; wrap and parse check it.
     *
     * @return the header, without warnings
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
