/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code TR31-DATA} payload envelope of the POS API: {@link io.tr31.envelope.PayloadProtector}
 * seals and opens payloads with the master session key (AES-256-CBC) and signs and verifies them
 * with the MAC key (HMAC-SHA256), as one object; gzip and chunked variants are chosen with {@link
 * io.tr31.envelope.EnvelopeOptions}. Wire formats and error codes: {@code src/docs/ENVELOPE.md}.
 */
package io.tr31.envelope;
