/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyArgumentTest {
  @TempDir Path dir;

  @Test
  void read_hexInEitherCase_decodes() throws Exception {
    assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, KeyArgument.read("ab01"));
    assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, KeyArgument.read("AB01"));
  }

  @Test
  void read_fileForm_stripsWhitespace() throws Exception {
    Path f = dir.resolve("k");
    Files.writeString(f, "  0A0B\r\n");
    assertArrayEquals(new byte[] {10, 11}, KeyArgument.read("@" + f));
  }

  @Test
  void read_badInput_throwsWithoutEchoingTheKey() {
    KeyArgument.KeyArgumentException e =
        assertThrows(KeyArgument.KeyArgumentException.class, () -> KeyArgument.read("SECRETZZ"));
    assertFalse(e.getMessage().contains("SECRET"));
    assertThrows(KeyArgument.KeyArgumentException.class, () -> KeyArgument.read("ABC"));
    assertThrows(KeyArgument.KeyArgumentException.class, () -> KeyArgument.read(""));
    assertThrows(
        KeyArgument.KeyArgumentException.class, () -> KeyArgument.read("@" + dir.resolve("none")));
    assertThrows(
        KeyArgument.KeyArgumentException.class,
        () -> KeyArgument.read("env:TR31_SURELY_UNSET_4711"));
  }

  @Test
  void read_specialFileReportingSizeZero_isBoundedNotReadToTheEnd() {
    // /dev/zero reports size 0 and never ends: the reader must stop at its limit.
    assertThrows(KeyArgument.KeyArgumentException.class, () -> KeyArgument.read("@/dev/zero"));
  }
}
