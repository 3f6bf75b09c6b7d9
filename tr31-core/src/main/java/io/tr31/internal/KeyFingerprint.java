/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A salted SHA-256 fingerprint of a key, kept by a prepared KBPK (which never keeps the key itself)
 * so that wrap can refuse the KBPK as the key to wrap.
 *
 * <h2>Security</h2>
 *
 * The salt is 16 random bytes drawn once per process, so fingerprints cannot be looked up in a
 * table made elsewhere; a fingerprint of a 128-bit or longer key does not reveal the key. {@link
 * #matches} hashes the candidate and compares the digests with {@link MessageDigest#isEqual}; only
 * the candidate's length (public) decides before that. The candidate's digest is wiped; {@link
 * #destroy()} wipes this fingerprint. Immutable until destroyed; thread-safe.
 */
public final class KeyFingerprint {
  private static final byte[] SALT = salt();

  private final int lengthBytes;
  private final byte[] digest;

  private KeyFingerprint(int lengthBytes, byte[] digest) {
    this.lengthBytes = lengthBytes;
    this.digest = digest;
  }

  private static byte[] salt() {
    byte[] s = new byte[16];
    PaddingRandom.nextBytes(s);
    return s;
  }

  /** The fingerprint of {@code key} (not kept). */
  public static KeyFingerprint of(byte[] key) {
    return new KeyFingerprint(key.length, digest(key));
  }

  /** Whether {@code candidate} is the key this fingerprint was made from. */
  public boolean matches(byte[] candidate) {
    if (candidate.length != lengthBytes) {
      return false; // lengths are public: a key of another length is another key
    }
    byte[] d = digest(candidate);
    try {
      return MessageDigest.isEqual(d, digest);
    } finally {
      Bytes.wipe(d);
    }
  }

  /** Wipes the fingerprint (best effort on the JVM); {@link #matches} is then false. */
  public void destroy() {
    Bytes.wipe(digest);
  }

  private static byte[] digest(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(SALT);
      return sha256.digest(key);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e); // every Java platform has it
    }
  }
}
