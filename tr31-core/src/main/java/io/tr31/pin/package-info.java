/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * ISO 9564-1 PIN blocks (formats 0, 1, 3 and 4) under PIN encryption keys taken from key blocks.
 *
 * <p>{@link io.tr31.pin.PinKey} is the one entry point: a key from an authenticated key block whose
 * header ({@code P0}, mode {@code E}/{@code D}/{@code B}, algorithm {@code T} or {@code A}) decides
 * what it may do; {@link io.tr31.pin.PinFormat} names the block formats. The clear-block encoding is
 * package-private. src/docs/PIN.md describes the formats and the error model.
 *
 * @since 0.2.0
 */
package io.tr31.pin;
