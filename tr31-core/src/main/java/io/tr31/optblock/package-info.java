/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Optional blocks (ANSI X9.143:2022 clause 6.3, Table 7): the generic ordered list and typed views
 * and builders per block ID.
 *
 * @since 0.1.0
 */
package io.tr31.optblock;
