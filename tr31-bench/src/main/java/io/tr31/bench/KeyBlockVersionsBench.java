/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;


import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.keyblock.Rewrap;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.keyblock.KeyAlgorithm;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Wrap and unwrap of every version we write (A, B, C: TDES KBPK; D, E: AES KBPK), prepared and
 * one-shot, and the migration of one block to version D ({@link Rewrap}) with both KBPKs prepared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyBlockVersionsBench {
  /** Version, KBPK algorithm and length, header of a 2-key TDES key. */
  public enum VersionAndKbpk {
    A_TDES128(KeyAlgorithm.TDES, 16, "A0000P0TE00E0000"),
    B_TDES128(KeyAlgorithm.TDES, 16, "B0000P0TE00E0000"),
    B_TDES192(KeyAlgorithm.TDES, 24, "B0000P0TE00E0000"),
    C_TDES128(KeyAlgorithm.TDES, 16, "C0000P0TE00E0000"),
    D_AES256(KeyAlgorithm.AES, 32, "D0000P0TE00E0000"),
    E_AES256(KeyAlgorithm.AES, 32, "E0000P0TE00E0000");

    final KeyAlgorithm kbpkAlgorithm;
    final int kbpkBytes;
    final String header;

    VersionAndKbpk(KeyAlgorithm kbpkAlgorithm, int kbpkBytes, String header) {
      this.kbpkAlgorithm = kbpkAlgorithm;
      this.kbpkBytes = kbpkBytes;
      this.header = header;
    }
  }

  @Param public VersionAndKbpk versionAndKbpk;

  private static final WrapOptions LEGACY =
      WrapOptions.builder().allowDeprecatedVersions().build();

  private byte[] kbpkBytes;
  private byte[] key;
  private KeyBlockHeader header;
  private KeyBlockProtectionKey kbpk;
  private Rewrap toD;
  private String block;

  @Setup
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    kbpkBytes = new byte[versionAndKbpk.kbpkBytes];
    key = new byte[16];
    random.nextBytes(kbpkBytes);
    random.nextBytes(key);
    header = KeyBlockHeader.parse(versionAndKbpk.header, Profile.STRICT);
    kbpk = versionAndKbpk.kbpkAlgorithm == KeyAlgorithm.AES
            ? KeyBlockProtectionKey.aes(kbpkBytes)
            : KeyBlockProtectionKey.tdes(kbpkBytes);
    block = kbpk.wrap(header, key, LEGACY);
    byte[] aes = new byte[32];
    random.nextBytes(aes);
    toD = Rewrap.builder(kbpk, KeyBlockProtectionKey.aes(aes)).build();
  }

  @Benchmark
  public void unwrapPrepared(Blackhole bh) throws Exception {
    try (UnwrappedKey k = kbpk.unwrap(block)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  @Benchmark
  public String wrapPrepared() throws Exception {
    return kbpk.wrap(header, key, LEGACY);
  }

  @Benchmark
  public void unwrapOneShot(Blackhole bh) throws Exception {
    try (KeyBlockProtectionKey oneShot =
            KeyBlockProtectionKey.forVersion(header.version(), kbpkBytes, Profile.STRICT);
        UnwrappedKey k = oneShot.unwrap(block)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  @Benchmark
  public String rewrapToDPrepared() throws Exception {
    return toD.rewrap(block, Profile.STRICT).keyBlock();
  }
}
