/*
 * SPDX-License-Identifier: Apache-2.0
 */
/** Internals: binding methods, CMAC, KDF, hex and byte helpers. Not exported; no API promise. */
package io.tr31.internal;
