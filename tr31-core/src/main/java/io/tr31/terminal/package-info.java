/*
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The POS terminal key set of the seed's {@code POST /pos/keys}: {@link
 * io.tr31.terminal.KeySetIssuer} issues it on the server, {@link io.tr31.terminal.KeySetInstaller}
 * verifies and installs it on the terminal, all or nothing. Roles, JSON shape, metadata binding and
 * refusals: {@code src/docs/KEYSET.md}.
 */
package io.tr31.terminal;
