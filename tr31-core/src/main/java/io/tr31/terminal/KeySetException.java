/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.util.Optional;

/**
 * A POS key set was refused: its JSON breaks the response format, or a key block, KCV, the bound
 * metadata or the validity window does not check out.
 *
 * <p>The {@link #code()} is one of the {@code KEYSET_*} constants of {@link ErrorCode}; {@link
 * #slot()} names the key the failure concerns, when there is one; {@link #offset()} is the offset
 * in the JSON body (in bytes of its UTF-8; the same as characters for ASCII) for format errors,
 * otherwise {@code -1}.
 *
 * <h2>Security</h2>
 *
 * The message holds the code's fixed description, the slot name, a public field path or the code of
 * an underlying key block error, never key material, key block text or JSON values. An installer
 * that throws this exception has destroyed every key it had already unwrapped. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class KeySetException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /** The slot concerned, or {@code null}; an enum constant, so serialization keeps it. */
  private final Slot slot;

  /**
   * Creates an exception.
   *
   * @param code a {@code KEYSET_*} code
   * @param slot the slot concerned, or {@code null}
   * @param offset the offset in the JSON body, or {@code -1}
   * @param detail secret-free detail (a field path, a reason), or {@code null}
   */
  public KeySetException(ErrorCode code, Slot slot, long offset, String detail) {
    super(code, (int) Math.min(offset, Integer.MAX_VALUE), detail(slot, detail));
    this.slot = slot;
  }

  /**
   * Creates an exception about {@code slot} with no offset.
   *
   * @param code a {@code KEYSET_*} code; not {@code null}
   * @param slot the slot concerned, or {@code null}
   * @param detail secret-free detail (a field path, a reason), or {@code null}
   * @throws NullPointerException if {@code code} is {@code null}
   */
  public KeySetException(ErrorCode code, Slot slot, String detail) {
    this(code, slot, -1, detail);
  }

  private static String detail(Slot slot, String detail) {
    if (slot == null) {
      return detail;
    }
    String s = "slot " + slot.jsonName();
    return detail == null || detail.isEmpty() ? s : s + ": " + detail;
  }

  /** {@return the slot the failure concerns; empty if it concerns the key set as a whole} */
  public Optional<Slot> slot() {
    return Optional.ofNullable(slot);
  }
}
