package io.tr31.internal;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random padding bytes for key blocks (X9.143 7.2: padding is random), drawn from one shared {@link
 * SecureRandom} through a small per-thread buffer: one {@code nextBytes} call serves many wraps
 * instead of one call per wrap.
 *
 * <p>Each buffered byte is handed out once and wiped as it is used. Padding is not key material,
 * but it is encrypted with the key, so it still comes from a CSPRNG and is never reused. Callers
 * that inject their own {@code SecureRandom} (deterministic tests) bypass this class.
 */
public final class PaddingRandom {
  private static final int BUFFER_BYTES = 256;
  private static final SecureRandom SOURCE = new SecureRandom();
  private static final ThreadLocal<PaddingRandom> LOCAL =
      ThreadLocal.withInitial(PaddingRandom::new);

  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int next = BUFFER_BYTES;

  private PaddingRandom() {}

  /** Fills {@code out} with fresh random bytes. */
  public static void nextBytes(byte[] out) {
    LOCAL.get().fill(out);
  }

  private void fill(byte[] out) {
    int done = 0;
    while (done < out.length) {
      if (next == BUFFER_BYTES) {
        SOURCE.nextBytes(buffer);
        next = 0;
      }
      int n = Math.min(out.length - done, BUFFER_BYTES - next);
      System.arraycopy(buffer, next, out, done, n);
      Arrays.fill(buffer, next, next + n, (byte) 0);
      next += n;
      done += n;
    }
  }
}
