/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * Test helper of the residue tests (SECURITY.md, "What SunJCE's CBC mode keeps"): reads the private
 * state of the JCE objects a key keeps and searches it for bytes of the plaintext. Works where the
 * build opens {@code javax.crypto} and {@code com.sun.crypto.provider} to the tests (surefire
 * {@code argLine}); {@link #readable} tells whether it does here.
 */
public final class JceResidue {
  private JceResidue() {}

  /** The objects idle in {@code pool}, in slot order. */
  public static <T> List<T> idle(BoundedPool<T> pool) throws ReflectiveOperationException {
    AtomicReferenceArray<?> slots =
        (AtomicReferenceArray<?>) field(BoundedPool.class, "slots").get(pool);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < slots.length(); i++) {
      @SuppressWarnings("unchecked")
      T t = (T) slots.get(i);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the JCE's private state of {@code cipher} can be read here. */
  public static boolean readable(Cipher cipher) {
    try {
      return field(Cipher.class, "spi").get(cipher) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether a byte array reachable from {@code o} through JCE objects ({@code javax.crypto.*},
   * {@code com.sun.crypto.provider.*}) contains one of {@code needles}.
   */
  public static boolean holds(Object o, byte[]... needles) throws IllegalAccessException {
    return holds(o, needles, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private static boolean holds(Object o, byte[][] needles, Set<Object> seen, int depth)
      throws IllegalAccessException {
    if (o == null || depth > 6 || !seen.add(o)) {
      return false;
    }
    if (o instanceof byte[]) {
      for (byte[] needle : needles) {
        if (contains((byte[]) o, needle)) {
          return true;
        }
      }
      return false;
    }
    String name = o.getClass().getName();
    if (!name.startsWith("javax.crypto.") && !name.startsWith("com.sun.crypto.provider.")) {
      return false;
    }
    for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
        } catch (RuntimeException e) {
          continue; // a package not opened: not the JCE's cipher state
        }
        if (holds(f.get(o), needles, seen, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code a[aOff..aOff+n) XOR b[bOff..bOff+n)}. */
  public static byte[] xor(byte[] a, int aOff, byte[] b, int bOff, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (a[aOff + i] ^ b[bOff + i]);
    }
    return out;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
        return true;
      }
    }
    return false;
  }

  /** The declared field {@code name} of {@code k}, made accessible. */
  public static Field field(Class<?> k, String name) throws NoSuchFieldException {
    Field f = k.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
