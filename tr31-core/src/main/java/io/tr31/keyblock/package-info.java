/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Key blocks (ANSI X9.143:2022, ASC X9 TR-31:2018): the header and its optional blocks, the key
 * block protection key (KBPK) that wraps and unwraps, key check values (ANSI X9.24-1) and the
 * migration of blocks to a new KBPK.
 *
 * <h2>Security</h2>
 *
 * Every method that reads untrusted input throws a checked {@link io.tr31.Tr31Exception} with an
 * {@link io.tr31.ErrorCode} and an offset; nothing secret reaches a message or {@code toString()}.
 * An unwrap parses the header, decrypts, verifies the MAC in constant time and only then reads the
 * key length and padding; every failure after decryption is one error with one message. Zeroing of
 * key material is best effort on the JVM: the garbage collector may have copied an array before it
 * was wiped.
 *
 * @since 0.1.0
 */
package io.tr31.keyblock;
