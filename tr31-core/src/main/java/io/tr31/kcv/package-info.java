/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Key check values (ANSI X9.24-1:2017 Annex A): the legacy "encrypt a zero block" method and the
 * CMAC method, for AES and TDES keys.
 *
 * @since 0.1.0
 */
package io.tr31.kcv;
