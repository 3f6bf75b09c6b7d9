package io.tr31.header;

/** Character classes of X9.143 header fields (public data; branching is fine). */
final class Codes {
  private Codes() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
