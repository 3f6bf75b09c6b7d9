/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class Tr31WarningTest {
  @Test
  void warnings_areEqualByCodeAndMessage_andHashAlike() {
    Tr31Warning a = new Tr31Warning(Tr31Warning.Code.LOWERCASE_HEX, "lower-case hex at 16");
    Tr31Warning same = new Tr31Warning(Tr31Warning.Code.LOWERCASE_HEX, "lower-case hex at 16");
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertNotEquals(a, new Tr31Warning(Tr31Warning.Code.HEADER, "lower-case hex at 16"));
    assertNotEquals(a, new Tr31Warning(Tr31Warning.Code.LOWERCASE_HEX, "lower-case hex at 18"));
    assertNotEquals(a, "LOWERCASE_HEX: lower-case hex at 16");
    assertNotEquals(
        a.hashCode(), new Tr31Warning(Tr31Warning.Code.HEADER, "lower-case hex at 16").hashCode());
    assertEquals("LOWERCASE_HEX: lower-case hex at 16", a.toString());
  }
}
