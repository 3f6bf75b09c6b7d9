/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Key blocks (ANSI X9.143:2022, ASC X9 TR-31:2018): the header model, the prepared key block
 * protection key that wraps and unwraps, the profiles and the exceptions.
 *
 * <h2>Security</h2>
 *
 * Every method that reads untrusted input throws a checked {@link io.tr31.Tr31Exception} with an
 * {@link io.tr31.ErrorCode} and an offset; nothing secret reaches a message or {@code toString()}.
 * Zeroing of key material is best effort on the JVM: the garbage collector may have copied an array
 * before it was wiped.
 *
 * @since 0.1.0
 */
package io.tr31;
