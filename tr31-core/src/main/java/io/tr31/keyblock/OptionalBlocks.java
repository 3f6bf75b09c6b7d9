/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered optional blocks of a key block header (ANSI X9.143:2022 6.3): each ID at most once,
 * at most 99 blocks, the padding block {@code PB} last. Package-private: the header exposes them as
 * a list ({@link KeyBlockHeader#optionalBlocks()}) and its builder adds them one by one.
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. {@link #parse} reads untrusted text: every length is checked against
 * the remaining input before anything is read or allocated, every failure is a {@link
 * Tr31FormatException} with the absolute offset, and the work is bounded by the 9999-character
 * maximum of a key block.
 */
final class OptionalBlocks {
  /** The most optional blocks a header can declare (two decimal digits). */
  static final int MAX_BLOCKS = KeyBlockHeader.MAX_OPTIONAL_BLOCKS;

  private static final OptionalBlocks EMPTY = new OptionalBlocks(List.of(), List.of(), 0);

  private final List<OptionalBlock> blocks;
  private final List<String> warnings;
  private final int parsedLengthChars;

  private OptionalBlocks(List<OptionalBlock> blocks, List<String> warnings, int parsedLength) {
    this.blocks = blocks;
    this.warnings = warnings;
    this.parsedLengthChars = parsedLength;
  }

  /** {@return the shared instance with no optional blocks} */
  static OptionalBlocks empty() {
    return EMPTY;
  }

  /**
   * Blocks in the given order.
   *
   * @param blocks the blocks (copied); not {@code null}, no {@code null} element
   * @return the blocks; not marked as parsed ({@link #parsedLengthChars()} is {@code -1}, unless
   *     empty)
   * @throws NullPointerException if {@code blocks} or an element is {@code null}
   * @throws IllegalArgumentException on a duplicate ID, more than 99 blocks, or PB not last
   */
  static OptionalBlocks of(List<OptionalBlock> blocks) {
    List<OptionalBlock> copy = List.copyOf(blocks);
    if (copy.size() > MAX_BLOCKS) {
      throw new IllegalArgumentException("at most 99 optional blocks");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < copy.size(); i++) {
      OptionalBlock b = copy.get(i);
      if (!seen.add(b.id())) {
        throw new IllegalArgumentException("duplicate optional block " + b.id());
      }
      if (b.isPadding() && i != copy.size() - 1) {
        throw new IllegalArgumentException("PB must be the last optional block");
      }
    }
    return copy.isEmpty() ? EMPTY : new OptionalBlocks(copy, List.of(), -1);
  }

  /**
   * Parses {@code count} optional blocks of untrusted {@code text} starting at {@code start}; reads
   * no further than {@code end}. Offsets in errors are absolute in {@code text}. Each block's data
   * format and structure are checked; the rules that depend on the header's algorithm are not (see
   * {@link #parse(CharSequence, int, int, int, Profile, KeyAlgorithm)}, which the header parser
   * uses).
   *
   * @param text untrusted input, typically a whole key block; not {@code null}
   * @param start offset of the first block's ID in {@code text}
   * @param end offset no read goes past (exclusive), at most {@code text.length()}
   * @param count the number of blocks the header declares, 0 to {@link #MAX_BLOCKS}
   * @param profile how strictly to read; not {@code null}
   * @return the blocks in order, with {@link #parsedLengthChars()} and the lenient profile's {@link
   *     #warnings()}
   * @throws NullPointerException if {@code text} or {@code profile} is {@code null}
   * @throws IllegalArgumentException if the range or the count is out of bounds (a caller bug)
   * @throws Tr31FormatException {@link ErrorCode#OPTIONAL_BLOCK_TRUNCATED}, {@link
   *     ErrorCode#INVALID_OPTIONAL_BLOCK_ID}, {@link ErrorCode#INVALID_OPTIONAL_BLOCK_LENGTH},
   *     {@link ErrorCode#EXTENDED_LENGTH_OVERFLOW}, {@link ErrorCode#INVALID_CHARACTER}, {@link
   *     ErrorCode#INVALID_OPTIONAL_BLOCK_DATA}, {@link ErrorCode#DUPLICATE_OPTIONAL_BLOCK}, {@link
   *     ErrorCode#PADDING_BLOCK_NOT_LAST}
   */
  static OptionalBlocks parse(CharSequence text, int start, int end, int count, Profile profile)
      throws Tr31FormatException {
    return parseBlocks(text, start, end, count, profile, null);
  }

  /**
   * Parses the optional blocks of a header whose algorithm is known, and also applies the rules
   * that tie a block to the algorithm (X9.143:2021 6.3.6.5 and 6.3.6.8): {@code KS} only on TDES
   * keys, {@code HM} only on HMAC keys. The strict profile refuses a breach; the lenient profile
   * records it as a warning.
   *
   * @param text untrusted input, typically a whole key block; not {@code null}
   * @param start offset of the first block's ID in {@code text}
   * @param end offset no read goes past (exclusive), at most {@code text.length()}
   * @param count the number of blocks the header declares, 0 to {@link #MAX_BLOCKS}
   * @param profile how strictly to read; not {@code null}
   * @param algorithm the header's algorithm; not {@code null}
   * @return the blocks in order, with {@link #parsedLengthChars()} and the lenient profile's {@link
   *     #warnings()}
   * @throws NullPointerException if {@code text}, {@code profile} or {@code algorithm} is {@code
   *     null}
   * @throws IllegalArgumentException if the range or the count is out of bounds (a caller bug)
   * @throws Tr31FormatException as {@link #parse(CharSequence, int, int, int, Profile)}, and {@link
   *     ErrorCode#OPTIONAL_BLOCK_ALGORITHM_MISMATCH}
   */
  static OptionalBlocks parse(
      CharSequence text, int start, int end, int count, Profile profile, KeyAlgorithm algorithm)
      throws Tr31FormatException {
    return parseBlocks(
        text, start, end, count, profile, Objects.requireNonNull(algorithm, "algorithm"));
  }

  /** The parse; {@code algorithm} is null when the header's algorithm is not known. */
  private static OptionalBlocks parseBlocks(
      CharSequence text, int start, int end, int count, Profile profile, KeyAlgorithm algorithm)
      throws Tr31FormatException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(profile, "profile");
    if (start < 0 || end > text.length() || start > end || count < 0 || count > MAX_BLOCKS) {
      throw new IllegalArgumentException("bad range or count");
    }
    if (count == 0) {
      return EMPTY; // nothing read: parsed length 0, no warnings
    }
    // Pass 1, shape: IDs, lengths and characters of every declared block, so that a lying
    // count or length is reported before anything about the meaning of the data.
    int[] starts = new int[count];
    int[] dataStarts = new int[count];
    int[] ends = new int[count];
    int pos = start;
    for (int i = 0; i < count; i++) {
      starts[i] = pos;
      String id = readId(text, pos, end);
      int shortLen = readHex(text, pos + 2, end, 2, ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH);
      if (shortLen != 0) {
        if (shortLen < 4) {
          throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, pos + 2, id);
        }
        if (shortLen > end - pos) {
          throw new Tr31FormatException(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, pos + 2, id);
        }
        dataStarts[i] = pos + 4;
        ends[i] = pos + shortLen;
      } else {
        // Extended length (X9.143 6.3): "00", LL, then the whole block length. X9.143's samples
        // and openemv write LL = 04 (hex digits); psec writes 02 (bytes): both mean four hex
        // digits follow. Checked against the remaining input before it is used.
        int ll = readHex(text, pos + 4, end, 2, ErrorCode.EXTENDED_LENGTH_OVERFLOW);
        if (ll != 2 && ll != 4) {
          throw new Tr31FormatException(ErrorCode.EXTENDED_LENGTH_OVERFLOW, pos + 4, id);
        }
        int extLen = readHex(text, pos + 6, end, 4, ErrorCode.EXTENDED_LENGTH_OVERFLOW);
        if (extLen < 10) {
          throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, pos + 6, id);
        }
        if (extLen > end - pos) {
          throw new Tr31FormatException(ErrorCode.EXTENDED_LENGTH_OVERFLOW, pos + 6, id);
        }
        dataStarts[i] = pos + 10;
        ends[i] = pos + extLen;
      }
      for (int k = dataStarts[i]; k < ends[i]; k++) {
        if (!BlockRules.isPrintable(text.charAt(k))) {
          throw new Tr31FormatException(ErrorCode.INVALID_CHARACTER, k, id);
        }
      }
      pos = ends[i];
    }
    // Pass 2, meaning: known IDs, data formats, duplicates, PB last.
    List<OptionalBlock> out = new ArrayList<>(count);
    List<String> warnings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String id = text.subSequence(starts[i], starts[i] + 2).toString();
      String data = text.subSequence(dataStarts[i], ends[i]).toString();
      OptionalBlockId known = OptionalBlockId.fromCode(id);
      if (known != null) {
        BlockRules.validate(known, data, profile, dataStarts[i], warnings);
      } else if (profile == Profile.LENIENT && id.charAt(0) >= '0' && id.charAt(0) <= '9') {
        warnings.add("proprietary optional block " + id + " (tolerated)");
      } else {
        throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, starts[i], id);
      }
      if (!seen.add(id)) {
        throw new Tr31FormatException(ErrorCode.DUPLICATE_OPTIONAL_BLOCK, starts[i], id);
      }
      if (known == OptionalBlockId.PB && i != count - 1) {
        throw new Tr31FormatException(ErrorCode.PADDING_BLOCK_NOT_LAST, starts[i], id);
      }
      out.add(OptionalBlock.trusted(id, data));
    }
    if (algorithm != null) {
      AlgorithmRules.check(out, starts, algorithm, profile, warnings);
    }
    return new OptionalBlocks(
        Collections.unmodifiableList(out), Collections.unmodifiableList(warnings), pos - start);
  }

  private static String readId(CharSequence text, int pos, int end) throws Tr31FormatException {
    if (end - pos < 2) {
      throw new Tr31FormatException(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, pos);
    }
    for (int k = pos; k < pos + 2; k++) {
      char c = text.charAt(k);
      if (!BlockRules.isPrintable(c)) {
        throw new Tr31FormatException(ErrorCode.INVALID_CHARACTER, k);
      }
      if (!BlockRules.isAlphanumeric(c)) {
        throw new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, pos);
      }
    }
    return text.subSequence(pos, pos + 2).toString();
  }

  /** Reads {@code digits} upper-case hex digits at {@code pos}; truncation is its own error. */
  private static int readHex(CharSequence text, int pos, int end, int digits, ErrorCode onBad)
      throws Tr31FormatException {
    if (end - pos < digits) {
      throw new Tr31FormatException(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, pos);
    }
    int v = 0;
    for (int k = pos; k < pos + digits; k++) {
      char c = text.charAt(k);
      if (!BlockRules.isUpperHex(c)) {
        throw new Tr31FormatException(
            BlockRules.isPrintable(c) ? onBad : ErrorCode.INVALID_CHARACTER, k);
      }
      v = (v << 4) | Character.digit(c, 16);
    }
    return v;
  }

  /** {@return the blocks in header order (unmodifiable)} */
  List<OptionalBlock> asList() {
    return blocks;
  }

  /** {@return the number of blocks, 0 to {@link #MAX_BLOCKS}} */
  int size() {
    return blocks.size();
  }

  /** {@return whether there are no blocks} */
  boolean isEmpty() {
    return blocks.isEmpty();
  }

  /**
   * Finds the block with a known ID.
   *
   * @param id the block ID; not {@code null}
   * @return the block, or empty if the header has none with that ID
   * @throws NullPointerException if {@code id} is {@code null}
   */
  Optional<OptionalBlock> get(OptionalBlockId id) {
    return get(id.code());
  }

  /**
   * Finds the block with a two-character ID, proprietary IDs included.
   *
   * @param id the two-character block ID, case-sensitive
   * @return the block, or empty if the header has none with that ID
   */
  Optional<OptionalBlock> get(String id) {
    for (int i = 0; i < blocks.size(); i++) { // indexed: no iterator on the unwrap path
      OptionalBlock b = blocks.get(i);
      if (b.id().equals(id)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * These blocks with {@code block} added, or replacing the block with the same ID in place; a
   * non-PB block is inserted before an existing PB so that PB stays last.
   *
   * @param block the block to add or replace; not {@code null}
   * @return new blocks; these are unchanged
   * @throws NullPointerException if {@code block} is {@code null}
   * @throws IllegalArgumentException if the block would be the 100th
   */
  OptionalBlocks with(OptionalBlock block) {
    Objects.requireNonNull(block, "block");
    List<OptionalBlock> list = new ArrayList<>(blocks);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(block.id())) {
        list.set(i, block);
        return of(list);
      }
    }
    int n = list.size();
    if (!block.isPadding() && n > 0 && list.get(n - 1).isPadding()) {
      list.add(n - 1, block);
    } else {
      list.add(block);
    }
    return of(list);
  }

  /**
   * Removes a block.
   *
   * @param id the two-character block ID, case-sensitive
   * @return these blocks without the block of this ID (equal to these if absent)
   */
  OptionalBlocks without(String id) {
    List<OptionalBlock> list = new ArrayList<>(blocks);
    list.removeIf(b -> b.id().equals(id));
    return of(list);
  }

  /**
   * {@return the total length in characters of the canonical encoding (short length form up to 255
   * characters per block, the extended form above)}
   */
  int encodedLengthChars() {
    int n = 0;
    for (OptionalBlock b : blocks) {
      n += b.encodedLengthChars();
    }
    return n;
  }

  /**
   * {@return the length in characters of the text these blocks were parsed from; {@code -1} if
   * built rather than parsed}
   */
  int parsedLengthChars() {
    return parsedLengthChars;
  }

  /**
   * {@return what the lenient profile tolerated while parsing, one secret-free sentence each; empty
   * otherwise} The list is unmodifiable.
   */
  List<String> warnings() {
    return warnings;
  }

  /**
   * Appends the canonical encoding of every block, in order.
   *
   * @param sb where to append; not {@code null}
   */
  void encodeTo(StringBuilder sb) {
    for (OptionalBlock b : blocks) {
      b.encodeTo(sb);
    }
  }

  /** Equal when the same blocks are in the same order (warnings and parse length ignored). */
  @Override
  public boolean equals(Object o) {
    return o instanceof OptionalBlocks && ((OptionalBlocks) o).blocks.equals(blocks);
  }

  @Override
  public int hashCode() {
    return blocks.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    encodeTo(sb);
    return sb.toString();
  }
}
