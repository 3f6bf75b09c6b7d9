/*
 * SPDX-License-Identifier: Apache-2.0
 */
/** The {@code tr31} command line. Not exported; its contract is the CLI's documented behaviour. */
package io.tr31.cli;
