/*
 * SPDX-License-Identifier: Apache-2.0
 */
/** A consumer of the library jar on the module path (LibraryJarIT). */
module consumer {
  requires io.tr31;
}
