/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A salted SHA-256 fingerprint of a key, kept by a prepared KBPK (which never keeps the key itself)
 * so that wrap can refuse the KBPK as the key to wrap.
 *
 * <p>A DES-family (TDES, DES) key is the same key under other bytes: DES ignores the parity bit of
 * each byte, and K1K2K1 (24 bytes) is the 2-key K1K2, K1K1K3 and K1K2K2 are single DES. Whenever
 * either side is a DES-family key, both are compared in one canonical form (parity bits cleared,
 * then the shortest equivalent keying option), so that a parity variant or a longer spelling of the
 * KBPK is caught; that holds for an AES KBPK's bytes labelled as a TDES key too (review 4, finding
 * 5: otherwise the AES KBPK with its parity bits flipped would be wrapped, leaving 16 of its bits
 * unknown). Two AES or HMAC keys compare as exact bytes.
 *
 * <h2>Security</h2>
 *
 * The salt is 16 random bytes drawn once per process, so fingerprints cannot be looked up in a
 * table made elsewhere; a fingerprint of a 128-bit or longer key (112 bits once parity bits are
 * cleared) does not reveal the key. {@link #matches} hashes the candidate and compares the digests
 * with {@link MessageDigest#isEqual}; only public facts (the candidate's length, which family each
 * side is) decide before that. Every temporary (canonical copies, the candidate's digest) is
 * wiped; {@link #destroy()} wipes this fingerprint, never while a {@link #matches} runs ({@link
 * Lifecycle}). Immutable until destroyed; thread-safe.
 *
 * <p>Speed (wrap checks every key): each thread hashes with its own SHA-256 {@link MessageDigest}
 * into its own digest buffer, both reused, instead of a {@code MessageDigest.getInstance} and two
 * arrays per check. Same function, same fingerprints; the digest is reset (which zeroes its
 * buffered input and message schedule in the JDK) and the buffer wiped after every use, so a
 * reused digest holds less of a key between uses than a discarded one did.
 */
public final class KeyFingerprint {
  private static final byte[] SALT = salt();

  private final boolean desFamily;

  /** The digest of the key's bytes as given; {@code null} for a DES-family key. */
  private final byte[] exact;

  private final int exactLengthBytes;

  /** The digest of the key's canonical DES form (whatever its algorithm). */
  private final byte[] des;

  private final int desLengthBytes;

  private final Lifecycle lifecycle = new Lifecycle("key fingerprint");

  private KeyFingerprint(
      boolean desFamily, byte[] exact, int exactLengthBytes, byte[] des, int desLengthBytes) {
    this.desFamily = desFamily;
    this.exact = exact;
    this.exactLengthBytes = exactLengthBytes;
    this.des = des;
    this.desLengthBytes = desLengthBytes;
  }

  private static byte[] salt() {
    byte[] s = new byte[16];
    PaddingRandom.nextBytes(s);
    return s;
  }

  /**
   * The fingerprint of {@code key} (not kept).
   *
   * @param key the key
   * @param desFamily whether it is a TDES or DES key (then only its canonical form counts)
   * @return the fingerprint
   */
  public static KeyFingerprint of(byte[] key, boolean desFamily) {
    byte[] k = TdesKeys.canonical(key);
    try {
      return new KeyFingerprint(
          desFamily, desFamily ? null : digest(key), key.length, digest(k), k.length);
    } finally {
      Bytes.wipe(k);
    }
  }

  /**
   * Whether {@code candidate} is the key this fingerprint was made from: the same DES key, whatever
   * its parity bits and keying option, when either side is a DES-family key; the same bytes
   * otherwise.
   *
   * @param candidate the key to compare
   * @param candidateDesFamily whether the candidate is used as a TDES or DES key
   * @return true if it is the same key
   */
  @SuppressWarnings("try") // the resource only ends the operation
  public boolean matches(byte[] candidate, boolean candidateDesFamily) {
    try (Lifecycle.Use u = lifecycle.use()) {
      Sha256 h = Sha256.take();
      try {
        if (!desFamily && !candidateDesFamily) {
          return h.sameDigest(candidate, candidate.length, exact, exactLengthBytes);
        }
        byte[] k = candidate.length <= h.canonical.length ? h.canonical : new byte[candidate.length];
        try {
          return h.sameDigest(k, TdesKeys.canonicalInto(candidate, k), des, desLengthBytes);
        } finally {
          Bytes.wipe(k, 0, k.length);
        }
      } finally {
        h.give();
      }
    }
  }

  /**
   * Wipes the fingerprint once (best effort on the JVM), after any running {@link #matches};
   * {@link #matches} then throws {@link IllegalStateException}.
   */
  public void destroy() {
    lifecycle.destroy(() -> Bytes.wipe(exact, des));
  }

  private static byte[] digest(byte[] key) {
    Sha256 h = Sha256.take();
    try {
      h.digest(key, key.length);
      return h.out.clone();
    } finally {
      h.give();
    }
  }

  /**
   * A thread's salted SHA-256 and its output buffer, lent to one call at a time ({@link #take} in
   * a nested call, which nothing here makes, gets a fresh one).
   */
  private static final class Sha256 {
    private static final ThreadLocal<Sha256> MINE = ThreadLocal.withInitial(Sha256::new);

    private final MessageDigest md;
    final byte[] out = new byte[32];
    /** Room for a candidate's canonical DES form (a longer candidate gets a fresh array). */
    final byte[] canonical = new byte[32];
    private boolean lent;

    private Sha256() {
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e); // every platform has it
      }
    }

    static Sha256 take() {
      Sha256 h = MINE.get();
      if (h.lent) {
        return new Sha256();
      }
      h.lent = true;
      return h;
    }

    /** {@link #out} = SHA-256(salt || key[0..len)). */
    void digest(byte[] key, int len) {
      md.update(SALT);
      md.update(key, 0, len);
      try {
        md.digest(out, 0, out.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 failure", e); // 32 bytes always fit
      }
    }

    /**
     * Whether {@code key[0..len)} hashes to {@code expected}; a key of another (canonical) length
     * than {@code expectedLength} is another key, told without hashing (lengths are public).
     */
    boolean sameDigest(byte[] key, int len, byte[] expected, int expectedLength) {
      if (len != expectedLength) {
        return false;
      }
      digest(key, len);
      return MessageDigest.isEqual(out, expected);
    }

    /** Resets the digest (dropping the buffered key bytes) and wipes the output. */
    void give() {
      md.reset();
      Bytes.wipe(out, 0, out.length);
      lent = false;
    }
  }
}
