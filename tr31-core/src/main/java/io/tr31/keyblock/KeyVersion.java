/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The key version number: header characters 9-10 (ANSI X9.143:2022 6.2, Table 1): {@code 00} when
 * unused, {@code cN} when the block carries key component N (1-9), otherwise two alphanumerics. A
 * lower-case {@code c} announces a component, so {@code c0} and {@code c} followed by a non-digit
 * name none: the strict profile refuses them, the lenient profile reads them (the header parser
 * reports a warning) as a key version that is no component.
 *
 * <h2>Security</h2>
 *
 * Immutable value, thread-safe. Public data.
 *
 * @since 0.1.0
 */
public final class KeyVersion {
  private static final KeyVersion NONE = new KeyVersion("00");

  private final String code;

  private KeyVersion(String code) {
    this.code = code;
  }

  /** {@return the key version {@code 00}: key versioning unused} */
  public static KeyVersion none() {
    return NONE;
  }

  /**
   * Key component {@code n} ({@code c1}..{@code c9}).
   *
   * @param n the component number, 1 to 9
   * @return the key version {@code c}<i>n</i>
   * @throws IllegalArgumentException if {@code n} is not 1..9
   */
  public static KeyVersion component(int n) {
    if (n < 1 || n > 9) {
      throw new IllegalArgumentException("component number must be 1..9");
    }
    return new KeyVersion("c" + n);
  }

  /**
   * A key version from its two-character code.
   *
   * @param twoChars two ASCII letters or digits, e.g. {@code 01} or {@code c2}; not {@code null}
   * @return the key version ({@link #none()} for {@code 00})
   * @throws NullPointerException if {@code twoChars} is {@code null}
   * @throws IllegalArgumentException if not two ASCII alphanumerics, or {@code c} followed by
   *     anything but a digit 1-9 (a caller bug; parsing untrusted input uses {@link #parse})
   */
  public static KeyVersion of(String twoChars) {
    Objects.requireNonNull(twoChars, "twoChars");
    if (!valid(twoChars) || malformedComponent(twoChars)) {
      throw new IllegalArgumentException(
          "key version must be two ASCII alphanumerics, and c only before a digit 1-9");
    }
    return "00".equals(twoChars) ? NONE : new KeyVersion(twoChars);
  }

  /**
   * Parses untrusted header characters 9-10 under the {@link Profile#STRICT} profile.
   *
   * @param twoChars the two characters; {@code null} is reported as malformed
   * @param offset their offset in the input, reported in the exception
   * @return the key version ({@link #none()} for {@code 00})
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_VERSION} if malformed, {@code c0} or
   *     {@code c} followed by a non-digit
   */
  static KeyVersion parse(String twoChars, int offset) throws Tr31FormatException {
    return parse(twoChars, offset, Profile.STRICT);
  }

  /**
   * Parses untrusted header characters 9-10; {@link Profile#LENIENT} also reads {@code c0} and
   * {@code c} followed by a non-digit (see {@link #isMalformedComponent()}).
   *
   * @param twoChars the two characters
   * @param offset their offset in the input, for the error
   * @param profile the profile
   * @return the key version
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_VERSION} if not two ASCII
   *     alphanumerics, or a malformed component marker under the strict profile
   */
  static KeyVersion parse(String twoChars, int offset, Profile profile)
      throws Tr31FormatException {
    Objects.requireNonNull(profile, "profile");
    if (twoChars == null
        || !valid(twoChars)
        || (profile != Profile.LENIENT && malformedComponent(twoChars))) {
      throw new Tr31FormatException(ErrorCode.INVALID_KEY_VERSION, offset);
    }
    return "00".equals(twoChars) ? NONE : new KeyVersion(twoChars);
  }

  private static boolean valid(String s) {
    return s.length() == 2
        && Codes.isAlphanumeric(s.charAt(0))
        && Codes.isAlphanumeric(s.charAt(1));
  }

  private static boolean malformedComponent(String s) {
    return s.charAt(0) == 'c' && (s.charAt(1) < '1' || s.charAt(1) > '9');
  }

  /**
   * Whether this is {@code c0} or {@code c} followed by a non-digit: a component marker that names
   * no component, read only under the lenient profile.
   *
   * @return true for a malformed component marker
   */
  boolean isMalformedComponent() {
    return malformedComponent(code);
  }

  /**
   * {@return whether this block carries a key component ({@code c} followed by a digit 1-9)}
   */
  boolean isComponent() {
    return code.charAt(0) == 'c' && code.charAt(1) >= '1' && code.charAt(1) <= '9';
  }

  /**
   * {@return the component number 1 to 9 when this block carries key component N ({@code cN}),
   * empty otherwise}
   */
  public OptionalInt componentNumber() {
    return isComponent() ? OptionalInt.of(code.charAt(1) - '0') : OptionalInt.empty();
  }

  /** {@return the two-character header code (characters 9-10)} */
  public String code() {
    return code;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyVersion && ((KeyVersion) o).code.equals(code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
