/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The base of the library, which every other package uses and which uses none of them: the error
 * model ({@link io.tr31.ErrorCode} and the checked exceptions by kind), the validation {@link
 * io.tr31.Profile} and the warnings a lenient profile reports.
 *
 * <h2>Security</h2>
 *
 * Every method of the library that reads untrusted input throws a checked {@link
 * io.tr31.Tr31Exception} with an {@link io.tr31.ErrorCode} and an offset; nothing secret reaches a
 * message or {@code toString()}. Zeroing of key material is best effort on the JVM: the garbage
 * collector may have copied an array before it was wiped.
 *
 * @since 0.1.0
 */
package io.tr31;
