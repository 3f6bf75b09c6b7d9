/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import io.tr31.Profile;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.pin.PinFormat;
import io.tr31.pin.PinKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ISO 9564-1 format 4 with an already prepared {@link PinKey} (AES-256, {@code P0 A B}), next to
 * its raw floors in the same run. Target: at most 3x the floor.
 *
 * <p>Each floor is the tightest JCE rendition of the standard's own work, with no checks: a JCE
 * {@code AES/ECB/NoPadding} cipher initialised once, every buffer allocated once in the setup,
 * each {@code doFinal} writing into an array distinct from its input (SunJCE copies an input that
 * overlaps its output: 32 B per call). Encipher: the fixed PIN field with its 8 random bytes from
 * the same kind of {@link SecureRandom}, {@code E(E(PIN field) XOR PAN field)}; decipher: {@code
 * D(D(C) XOR PAN field)}. Until the speed round 2 the floors allocated their intermediate and
 * output arrays (a fresh field, fill and two {@code doFinal(byte[])} results: 64 B for decipher,
 * 160 B for encipher), which made them look slower than the work needs: they do not anymore. What
 * a floor still pays that the library pays too: {@code SecureRandom.nextBytes} (encipher).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PinBench {
  private static final String PAN = "4111111111111111";
  /** The format 4 PAN field of {@link #PAN} (ISO 9564-1 9.4.2). */
  private static final byte[] PAN_FIELD = {
    0x44, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x10, 0, 0, 0, 0, 0, 0, 0
  };

  private final char[] pin = "123456".toCharArray();
  private PinKey key;
  private byte[] pinBlock;
  private Cipher encryptFloor;
  private Cipher decryptFloor;
  private SecureRandom floorRandom;
  private final byte[] floorField = {
    0x46, 0x12, 0x34, 0x56, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, 0, 0, 0, 0, 0, 0,
    0, 0
  };
  private final byte[] floorFill = new byte[8];
  private final byte[] floorT = new byte[16];
  private final byte[] floorOut = new byte[16];

  @Setup
  public void setup() throws Exception {
    byte[] kbpk = new byte[32];
    byte[] aes = new byte[32];
    Random r = new Random(9564);
    r.nextBytes(kbpk);
    r.nextBytes(aes);
    try (KeyBlockProtectionKey protection = KeyBlockProtectionKey.aes(kbpk)) {
      String block =
          protection.wrap(
              KeyBlockHeader.parse("D0000P0AB00E0000", Profile.STRICT), aes, WrapOptions.defaults());
      try (UnwrappedKey unwrapped = protection.unwrap(block, Profile.STRICT)) {
        key = PinKey.from(unwrapped, new SecureRandom());
      }
    }
    pinBlock = key.encipher(PinFormat.ISO_4, pin, PAN);
    SecretKeySpec spec = new SecretKeySpec(aes, "AES");
    encryptFloor = Cipher.getInstance("AES/ECB/NoPadding");
    encryptFloor.init(Cipher.ENCRYPT_MODE, spec);
    decryptFloor = Cipher.getInstance("AES/ECB/NoPadding");
    decryptFloor.init(Cipher.DECRYPT_MODE, spec);
    floorRandom = new SecureRandom();
  }

  @TearDown
  public void tearDown() {
    key.destroy();
  }

  @Benchmark
  public byte[] encipherFormat4() throws Exception {
    return key.encipher(PinFormat.ISO_4, pin, PAN);
  }

  /** Floor of {@link #encipherFormat4}: fixed PIN field, random fill, E(E(P) XOR PAN field). */
  @Benchmark
  public byte[] encipherFloor() throws GeneralSecurityException {
    floorRandom.nextBytes(floorFill);
    System.arraycopy(floorFill, 0, floorField, 8, 8);
    encryptFloor.doFinal(floorField, 0, 16, floorT, 0);
    for (int i = 0; i < 16; i++) {
      floorT[i] ^= PAN_FIELD[i];
    }
    encryptFloor.doFinal(floorT, 0, 16, floorOut, 0);
    return floorOut;
  }

  @Benchmark
  public char[] decipherFormat4() throws Exception {
    char[] p = key.decipher(PinFormat.ISO_4, pinBlock, PAN);
    Arrays.fill(p, '\0');
    return p;
  }

  /** Floor of {@link #decipherFormat4}: D(D(C) XOR PAN field), no checks. */
  @Benchmark
  public byte[] decipherFloor() throws GeneralSecurityException {
    decryptFloor.doFinal(pinBlock, 0, 16, floorT, 0);
    for (int i = 0; i < 16; i++) {
      floorT[i] ^= PAN_FIELD[i];
    }
    decryptFloor.doFinal(floorT, 0, 16, floorOut, 0);
    return floorOut;
  }
}
