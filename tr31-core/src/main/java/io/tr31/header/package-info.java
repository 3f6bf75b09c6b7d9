/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The fixed-header fields of a key block (ANSI X9.143:2022 clause 6.2, Tables 1-6): key usage,
 * algorithm, mode of use, key version, exportability, key context, and the policy of which
 * combinations of them are permitted.
 *
 * @since 0.1.0
 */
package io.tr31.header;
