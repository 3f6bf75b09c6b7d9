/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread pool of JCE {@link Cipher} objects for {@link BlockCipher}.
 *
 * <p>{@link Cipher#getInstance} walks the provider list and instantiates the SPI reflectively: it
 * costs microseconds, several times the cost of {@link Cipher#init}. A one-shot unwrap prepares
 * five short-lived ciphers (KBPK PRF, KBEK, KBAK and two KBPK check values), so reusing the {@code
 * Cipher} objects and only re-keying them is what makes one-shot preparation cheap.
 *
 * <h2>Security</h2>
 *
 * A cipher is re-keyed with a constant all-zero key before it enters the pool, so the pool never
 * holds a schedule of a real key (best effort: the JCE replaces, and does not wipe, its key arrays,
 * exactly as when the cipher is dropped to the garbage collector). A cipher that failed is never
 * pooled. Each thread has its own pool, bounded to {@link #MAX_PER_KIND} ciphers per kind; nothing
 * is shared between threads.
 */
final class CipherPool {
  /** The cipher configurations {@link BlockCipher} uses. */
  enum Kind {
    ECB_ENCRYPT("ECB", Cipher.ENCRYPT_MODE),
    ECB_DECRYPT("ECB", Cipher.DECRYPT_MODE),
    CBC_ENCRYPT("CBC", Cipher.ENCRYPT_MODE);

    final String mode;
    final int opmode;

    Kind(String mode, int opmode) {
      this.mode = mode;
      this.opmode = opmode;
    }
  }

  /** Bound per thread, algorithm and kind: one-shot work needs at most a few at once. */
  static final int MAX_PER_KIND = 4;

  private static final int KINDS = Kind.values().length;

  private static final ThreadLocal<Slots> POOL = ThreadLocal.withInitial(Slots::new);

  private static final Key AES_ZERO = new SecretKeySpec(new byte[16], "AES");
  private static final Key TDES_ZERO = new SecretKeySpec(new byte[24], "DESede");

  private CipherPool() {}

  /** One thread's pooled ciphers: a small stack per algorithm and kind. */
  private static final class Slots {
    final Cipher[][] stacks = new Cipher[BlockCipher.Algorithm.values().length * KINDS][];
    final int[] sizes = new int[stacks.length];

    Slots() {
      for (int i = 0; i < stacks.length; i++) {
        stacks[i] = new Cipher[MAX_PER_KIND];
      }
    }
  }

  private static int index(BlockCipher.Algorithm algorithm, Kind kind) {
    return algorithm.ordinal() * KINDS + kind.ordinal();
  }

  /** A cipher of this kind initialised with {@code key} (and an all-zero IV for CBC). */
  static Cipher take(BlockCipher.Algorithm algorithm, Kind kind, Key key) {
    Slots slots = POOL.get();
    int i = index(algorithm, kind);
    Cipher c = null;
    if (slots.sizes[i] > 0) {
      int top = --slots.sizes[i];
      c = slots.stacks[i][top];
      slots.stacks[i][top] = null;
    }
    try {
      if (c == null) {
        c = Cipher.getInstance(algorithm.jceName() + "/" + kind.mode + "/NoPadding");
      }
      init(c, algorithm, kind, key);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          algorithm + "/" + kind.mode + " unavailable: " + e.getClass().getSimpleName());
    }
  }

  /** Re-keys {@code c} with the constant zero key and pools it; {@code null} is ignored. */
  static void give(BlockCipher.Algorithm algorithm, Kind kind, Cipher c) {
    if (c == null) {
      return;
    }
    Slots slots = POOL.get();
    int i = index(algorithm, kind);
    if (slots.sizes[i] >= MAX_PER_KIND) {
      return;
    }
    try {
      init(c, algorithm, kind, algorithm == BlockCipher.Algorithm.AES ? AES_ZERO : TDES_ZERO);
    } catch (GeneralSecurityException e) {
      return; // dropped, not pooled
    }
    slots.stacks[i][slots.sizes[i]++] = c;
  }

  /** Ciphers of this algorithm and kind pooled on the calling thread (for tests). */
  static int pooled(BlockCipher.Algorithm algorithm, Kind kind) {
    return POOL.get().sizes[index(algorithm, kind)];
  }

  private static void init(Cipher c, BlockCipher.Algorithm algorithm, Kind kind, Key key)
      throws GeneralSecurityException {
    if (kind == Kind.CBC_ENCRYPT) {
      c.init(kind.opmode, key, new IvParameterSpec(new byte[algorithm.blockSizeBytes()]));
    } else {
      c.init(kind.opmode, key);
    }
  }
}
