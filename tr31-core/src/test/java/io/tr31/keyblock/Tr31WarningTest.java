/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Tr31WarningTest {
  @Test
  void warning_carriesItsCodeAndMessage_andRefusesNull() {
    Tr31Warning a = new Tr31Warning(Tr31Warning.Code.LOWERCASE_HEX, "lower-case hex at 16");
    assertEquals(Tr31Warning.Code.LOWERCASE_HEX, a.code());
    assertEquals("lower-case hex at 16", a.message());
    assertThrows(NullPointerException.class, () -> new Tr31Warning(null, "m"));
    assertThrows(
        NullPointerException.class, () -> new Tr31Warning(Tr31Warning.Code.HEADER, null));
  }
}
