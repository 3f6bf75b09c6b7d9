/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * tr31: ANSI X9.143 / ASC X9 TR-31 key blocks, key check values (ANSI X9.24-1) and the {@code
 * TR31-DATA} payload envelope.
 *
 * <p>Only the API packages are exported; {@code io.tr31.internal} (binding methods, CMAC, KDF, hex
 * and constant-time helpers) and {@code io.tr31.cli} stay encapsulated.
 *
 * @since 0.1.0
 */
module io.tr31 {
  requires com.fasterxml.jackson.core;

  exports io.tr31;
  exports io.tr31.keyblock;
  exports io.tr31.envelope;
  exports io.tr31.terminal;
  exports io.tr31.pin;
}
