/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;

/**
 * The refusals of the key set, one factory per {@link ErrorCode.Kind}: the exception of the code's
 * kind, with the slot named in the message ({@code (slot tpk: detail)}) when the refusal concerns
 * one key. The slot is public (the JSON names it); the detail is a field path, a header attribute
 * or the code of an underlying key block error, never key material, key block text or JSON values.
 */
final class KeySetRefusal {
  private KeySetRefusal() {}

  /** A format refusal (the JSON, or a block's structure) at {@code offset}, or {@code -1}. */
  static Tr31FormatException format(ErrorCode code, Slot slot, long offset, String detail) {
    return new Tr31FormatException(code, offset, detail(slot, detail));
  }

  /** A policy refusal: an authentic key refused in its slot, or the set outside its window. */
  static Tr31PolicyException policy(ErrorCode code, Slot slot, String detail) {
    return new Tr31PolicyException(code, detail(slot, detail));
  }

  /** A verification refusal: a block, KCV or binding that does not check. */
  static Tr31VerificationException verification(ErrorCode code, Slot slot, String detail) {
    return new Tr31VerificationException(code, detail(slot, detail));
  }

  private static String detail(Slot slot, String detail) {
    if (slot == null) {
      return detail;
    }
    String s = "slot " + slot.jsonName();
    return detail == null || detail.isEmpty() ? s : s + ": " + detail;
  }
}
