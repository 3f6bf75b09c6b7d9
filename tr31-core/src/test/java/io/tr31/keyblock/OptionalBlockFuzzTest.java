/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import java.util.List;

/**
 * Coverage-guided fuzzing of the optional block parsers on their own (X9.143 6.3), without a key
 * block header in front: {@link OptionalBlocks#parse} with a fuzzer-chosen count and profile, the
 * typed accessors of every block it accepts, and {@link OptionalBlock#parse(String, String)} for
 * untrusted ID/data pairs. Untrusted text may only produce a checked {@link Tr31Exception}; what is
 * accepted must re-encode to text that parses to the same blocks.
 */
class OptionalBlockFuzzTest {
  @FuzzTest(maxDuration = "15m")
  void parse_anyText_onlyCheckedExceptions_andBlocksRoundTrip(FuzzedDataProvider data) {
    int count = data.consumeInt(0, OptionalBlocks.MAX_BLOCKS);
    Profile profile = data.consumeBoolean() ? Profile.STRICT : Profile.LENIENT;
    boolean single = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    if (single) {
      parseOne(text, profile);
      return;
    }
    OptionalBlocks blocks;
    try {
      blocks = OptionalBlocks.parse(text, 0, text.length(), count, profile);
    } catch (Tr31FormatException expected) {
      return; // the only failure allowed for untrusted input
    }
    assertEquals(count, blocks.size());
    assertTrue(blocks.parsedLengthChars() <= text.length());
    StringBuilder sb = new StringBuilder();
    for (OptionalBlock b : blocks.asList()) {
      b.encodeTo(sb);
      readTypedValues(b);
    }
    assertEquals(blocks.encodedLengthChars(), sb.length());
    try {
      OptionalBlocks back = OptionalBlocks.parse(sb, 0, sb.length(), count, profile);
      assertEquals(blocks.asList(), back.asList());
    } catch (Tr31FormatException e) {
      throw new AssertionError("accepted blocks do not re-parse: " + e.code(), e);
    }
  }

  /** Splits the text into an ID (first two characters) and data, as a CLI or JSON caller would. */
  private static void parseOne(String text, Profile profile) {
    String id = text.length() < 2 ? text : text.substring(0, 2);
    String value = text.length() < 2 ? "" : text.substring(2);
    OptionalBlock b;
    try {
      b = OptionalBlock.parse(id, value);
    } catch (Tr31FormatException expected) {
      return;
    }
    readTypedValues(b);
    StringBuilder sb = new StringBuilder();
    b.encodeTo(sb);
    try {
      // A block built from validated untrusted input is one the strict reader accepts.
      OptionalBlocks back = OptionalBlocks.parse(sb, 0, sb.length(), 1, Profile.STRICT);
      assertEquals(List.of(b), back.asList());
    } catch (Tr31FormatException e) {
      throw new AssertionError("a validated block is refused on read: " + e.code(), e);
    }
  }

  /** Every accepted block of a typed ID has its typed value, read once, under both profiles. */
  private static void readTypedValues(OptionalBlock b) {
    OptionalBlockId id = b.knownId().orElse(null);
    boolean kcv = id == OptionalBlockId.KC || id == OptionalBlockId.KP || id == OptionalBlockId.PK;
    assertEquals(kcv, b.kcv().isPresent(), b.id());
    assertEquals(id == OptionalBlockId.HM, b.hmacHash().isPresent(), b.id());
    boolean time = id == OptionalBlockId.TC || id == OptionalBlockId.TS;
    assertEquals(time, b.timestamp().isPresent(), b.id());
  }
}
