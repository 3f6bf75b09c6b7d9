/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code TR31-DATA} payload envelope of the POS API: AES-256-CBC under the master session key
 * ({@link io.tr31.envelope.EnvelopeKey}), HMAC-SHA256 under the MAC key ({@link
 * io.tr31.envelope.MacKey}), gzip and chunked variants. Wire formats and error codes: {@code
 * src/docs/ENVELOPE.md}.
 */
package io.tr31.envelope;
