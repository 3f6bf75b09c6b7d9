/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import io.tr31.keyblock.WrapOptions;

import io.tr31.ErrorCode;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31PolicyException;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyCheckValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Key block wrap/unwrap. "Prepared" benchmarks reuse one {@link KeyBlockProtectionKey}; "one-shot"
 * prepares it inside the call. {@code aesFloorUnwrap} is the same block cipher work an unwrap needs
 * (CBC decrypt of the payload, CMAC of header || payload, with already-initialised JDK ciphers and
 * no allocation) and no TR-31 logic: the floor we measure ourselves against in the same run.
 *
 * <p>A parameter whose key block version this build does not support yet (version B while only D is
 * wired) is skipped: {@code @Setup} prints a note and every benchmark of that parameter returns at
 * once, so its score (below 1 ns) means "not measured". Only {@link ErrorCode#UNSUPPORTED_VERSION}
 * is treated so; any other failure fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyBlockBench {
  /** KBPK algorithm and size, then wrapped key algorithm and size. */
  public enum KbpkAndKey {
    AES256_AES256(KeyAlgorithm.AES, 32, "D0000P0AE00E0000", 32),
    AES128_AES128(KeyAlgorithm.AES, 16, "D0000P0AE00E0000", 16),
    AES256_TDES3(KeyAlgorithm.AES, 32, "D0000P0TE00E0000", 24),
    TDES3_TDES2_B(KeyAlgorithm.TDES, 24, "B0000P0TE00E0000", 16);

    final KeyAlgorithm kbpkAlgorithm;
    final int kbpkBytes;
    final String header;
    final int keyBytes;

    KbpkAndKey(KeyAlgorithm kbpkAlgorithm, int kbpkBytes, String header, int keyBytes) {
      this.kbpkAlgorithm = kbpkAlgorithm;
      this.kbpkBytes = kbpkBytes;
      this.header = header;
      this.keyBytes = keyBytes;
    }
  }

  @Param public KbpkAndKey kbpkAndKey;

  private boolean skipped;
  private byte[] kbpkBytes;
  private byte[] key;
  private KeyBlockHeader header;
  private KeyBlockProtectionKey kbpk;
  private String block;

  // Floor: JDK ciphers initialised once, buffers allocated once.
  private Cipher cbcDecrypt;
  private Cipher cbcMac;
  private byte[] payload;
  private byte[] mac;
  private byte[] k1;
  private byte[] macInput;
  private byte[] macOutput;
  private int headerChars;

  @Setup
  public void setup() throws Exception {
    Random random = new Random(31);
    kbpkBytes = new byte[kbpkAndKey.kbpkBytes];
    key = new byte[kbpkAndKey.keyBytes];
    random.nextBytes(kbpkBytes);
    random.nextBytes(key);
    header = KeyBlockHeader.parse(kbpkAndKey.header, Profile.STRICT);
    kbpk = kbpkAndKey.kbpkAlgorithm == KeyAlgorithm.AES
            ? KeyBlockProtectionKey.aes(kbpkBytes)
            : KeyBlockProtectionKey.tdes(kbpkBytes);
    try {
      block = kbpk.wrap(header, key, WrapOptions.defaults());
    } catch (Tr31PolicyException e) {
      if (e.code() != ErrorCode.UNSUPPORTED_VERSION) {
        throw e;
      }
      skipped = true;
      System.err.println("# " + kbpkAndKey + " skipped: " + e.getMessage());
      return;
    }
    setupFloor();
    setupWrapFloor();
  }

  private void setupFloor() throws Exception {
    boolean aes = kbpkAndKey.kbpkAlgorithm == KeyAlgorithm.AES;
    int bs = aes ? 16 : 8;
    headerChars = header.toString().length();
    byte[] body = HexFormat.of().parseHex(block.substring(headerChars));
    payload = Arrays.copyOf(body, body.length - bs);
    mac = Arrays.copyOfRange(body, body.length - bs, body.length);
    byte[] keyBytes = aes ? kbpkBytes : Arrays.copyOf(kbpkBytes, 24);
    SecretKeySpec k = new SecretKeySpec(keyBytes, aes ? "AES" : "DESede");
    String mode = aes ? "AES/CBC/NoPadding" : "DESede/CBC/NoPadding";
    cbcDecrypt = Cipher.getInstance(mode);
    cbcDecrypt.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(mac));
    cbcMac = Cipher.getInstance(mode);
    cbcMac.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[bs]));
    k1 = cbcMac.doFinal(new byte[bs]); // stands in for the CMAC subkey: same XOR work
    macInput = new byte[headerChars + payload.length];
    macOutput = new byte[macInput.length];
    System.arraycopy(
        block.substring(0, headerChars).getBytes(StandardCharsets.US_ASCII),
        0,
        macInput,
        0,
        headerChars);
  }

  // Wrap floor (aesFloorWrap): JDK ciphers initialised once, buffers allocated once.
  private Cipher wrapCbcMac;
  private Cipher wrapCbcEncrypt;
  private SecureRandom wrapRandom;
  private byte[] wrapK1;
  private byte[] wrapPrefix;
  private byte[] wrapPadding;
  private byte[] wrapMacInput;
  private byte[] wrapMacOutput;
  private byte[] wrapCiphertext;

  /**
   * Sizes the wrap floor exactly as the library's wrap of {@link #key} under {@link #header}: the
   * payload (key length in bits, key, padding) of the emitted {@link #block}, the padding the rest.
   */
  private void setupWrapFloor() throws Exception {
    boolean aes = kbpkAndKey.kbpkAlgorithm == KeyAlgorithm.AES;
    int bs = aes ? 16 : 8;
    int payloadBytes = (block.length() - headerChars) / 2 - bs;
    byte[] keyBytes = aes ? kbpkBytes : Arrays.copyOf(kbpkBytes, 24);
    SecretKeySpec k = new SecretKeySpec(keyBytes, aes ? "AES" : "DESede");
    String mode = aes ? "AES/CBC/NoPadding" : "DESede/CBC/NoPadding";
    IvParameterSpec zeroIv = new IvParameterSpec(new byte[bs]);
    wrapCbcMac = Cipher.getInstance(mode);
    wrapCbcMac.init(Cipher.ENCRYPT_MODE, k, zeroIv);
    wrapCbcEncrypt = Cipher.getInstance(mode);
    wrapCbcEncrypt.init(Cipher.ENCRYPT_MODE, k, zeroIv);
    wrapK1 = wrapCbcMac.doFinal(new byte[bs]); // stands in for the CMAC subkey: same XOR work
    wrapRandom = new SecureRandom(); // what the library's padding source is by default
    wrapPrefix = new byte[2 + key.length];
    wrapPrefix[0] = (byte) ((key.length * 8) >>> 8);
    wrapPrefix[1] = (byte) (key.length * 8);
    System.arraycopy(key, 0, wrapPrefix, 2, key.length);
    wrapPadding = new byte[payloadBytes - wrapPrefix.length];
    wrapMacInput = new byte[headerChars + payloadBytes];
    wrapMacOutput = new byte[wrapMacInput.length];
    wrapCiphertext = new byte[payloadBytes];
    System.arraycopy(
        block.substring(0, headerChars).getBytes(StandardCharsets.US_ASCII),
        0,
        wrapMacInput,
        0,
        headerChars);
  }

  /**
   * The block cipher floor of a version D (or B) wrap: draw the random padding from a {@link
   * SecureRandom} (X9.143 7.2, the size the library draws), lay the payload behind the header
   * bytes, CMAC header || payload as one zero-IV CBC call with the subkey XORed into the last
   * block, then CBC-encrypt the payload with IV = MAC folded into its first block (one call on a
   * cipher initialised once: no {@code Cipher.init} per wrap). Two JCE calls, no allocation, no
   * header encoding, no hex: the returned ciphertext and MAC stay binary.
   */
  @Benchmark
  public void aesFloorWrap(Blackhole bh) {
    if (skipped) {
      return;
    }
    try {
      int bs = wrapK1.length;
      int h = headerChars;
      int n = wrapMacInput.length;
      wrapRandom.nextBytes(wrapPadding);
      System.arraycopy(wrapPrefix, 0, wrapMacInput, h, wrapPrefix.length);
      System.arraycopy(wrapPadding, 0, wrapMacInput, h + wrapPrefix.length, wrapPadding.length);
      for (int i = 0; i < bs; i++) {
        wrapMacInput[n - bs + i] ^= wrapK1[i];
      }
      wrapCbcMac.doFinal(wrapMacInput, 0, n, wrapMacOutput, 0);
      for (int i = 0; i < bs; i++) {
        wrapMacInput[n - bs + i] ^= wrapK1[i]; // the plaintext's last block again
        wrapMacInput[h + i] ^= wrapMacOutput[n - bs + i]; // IV = MAC, folded into block 1
      }
      wrapCbcEncrypt.doFinal(wrapMacInput, h, n - h, wrapCiphertext, 0);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    bh.consume(wrapCiphertext);
    bh.consume(wrapMacOutput);
  }

  @Benchmark
  public void unwrapPrepared(Blackhole bh) throws Exception {
    if (skipped) {
      return;
    }
    try (UnwrappedKey k = kbpk.unwrap(block)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  /** {@link #unwrapPrepared} on two threads sharing the one prepared KBPK (scaling). */
  @Benchmark
  @Threads(2)
  public void unwrapPreparedTwoThreads(Blackhole bh) throws Exception {
    unwrapPrepared(bh);
  }

  /** A KBPK of the same bytes prepared for one thread alone (for {@link #unwrapOwnKbpkTwoThreads}). */
  @State(Scope.Thread)
  public static class OwnKbpk {
    KeyBlockProtectionKey kbpk;

    @Setup
    public void setup(KeyBlockBench bench) throws Exception {
      if (!bench.skipped) {
        kbpk =
            bench.kbpkAndKey.kbpkAlgorithm == KeyAlgorithm.AES
                ? KeyBlockProtectionKey.aes(bench.kbpkBytes)
                : KeyBlockProtectionKey.tdes(bench.kbpkBytes);
      }
    }

    @TearDown
    public void tearDown() {
      if (kbpk != null) {
        kbpk.destroy();
      }
    }
  }

  /**
   * The baseline of {@link #unwrapPreparedTwoThreads}: two threads that share nothing, each with its
   * own prepared KBPK. Its scaling over {@link #unwrapPrepared} is what the machine gives two
   * independent threads (two vCPUs may be one core's two hyperthreads); sharing one KBPK should
   * cost nothing beside it.
   */
  @Benchmark
  @Threads(2)
  public void unwrapOwnKbpkTwoThreads(OwnKbpk own, Blackhole bh) throws Exception {
    if (skipped) {
      return;
    }
    try (UnwrappedKey k = own.kbpk.unwrap(block)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  @Benchmark
  public String wrapPrepared() throws Exception {
    if (skipped) {
      return null;
    }
    return kbpk.wrap(header, key, WrapOptions.defaults());
  }

  // ---- oneShotFloor (issue 14): the JCE floor of unwrapOneShot, version D. ----

  /** KBPK/block pairs the one-shot benchmarks rotate through: every Cipher.init is a real schedule. */
  private static final int ONE_SHOT_KEYS = 4;

  private int oneShotNext;
  private byte[][] oneShotKbpks;
  private String[] oneShotBlocks;
  private boolean oneShotFloorReady;
  private Cipher floorKbpk; // AES/ECB: the PRF
  private Cipher floorDecrypt; // AES/CBC decrypt under the KBEK, IV = MAC
  private Cipher floorMac; // AES/CBC zero IV under the KBAK: the CMAC
  private SecretKeySpec[] floorKbpkKeys;
  private IvParameterSpec[] floorIvs;
  private IvParameterSpec floorZeroIv;
  private byte[][] floorPayloads;
  private byte[][] floorMacs;
  private byte[][] floorMacInputs;
  private byte[][] floorMacOutputs;
  private byte[] floorKdfInput; // the derivation inputs, 10* padded, before the K2 XOR
  private byte[] floorKdfBlocks;
  private byte[] floorKdfOut;
  private byte[] floorBlock; // L of the KBPK, then K1, K2
  private byte[] floorSubkey;
  private int floorKeyBytes;

  /**
   * Separate from {@link #setup()}: {@value #ONE_SHOT_KEYS} KBPKs of this parameter's size, each
   * with the same key wrapped under it; the floor's ciphers, created once.
   */
  @Setup
  public void setupOneShot() throws Exception {
    Random random = new Random(1431);
    KeyBlockHeader h = KeyBlockHeader.parse(kbpkAndKey.header, Profile.STRICT);
    byte[] k = new byte[kbpkAndKey.keyBytes];
    random.nextBytes(k);
    oneShotKbpks = new byte[ONE_SHOT_KEYS][kbpkAndKey.kbpkBytes];
    oneShotBlocks = new String[ONE_SHOT_KEYS];
    for (int i = 0; i < ONE_SHOT_KEYS; i++) {
      random.nextBytes(oneShotKbpks[i]);
      try (KeyBlockProtectionKey p =
          KeyBlockProtectionKey.forVersion(h.version(), oneShotKbpks[i], Profile.STRICT)) {
        oneShotBlocks[i] = p.wrap(h, k, WrapOptions.defaults());
      } catch (Tr31PolicyException e) {
        if (e.code() != ErrorCode.UNSUPPORTED_VERSION) {
          throw e;
        }
        return;
      }
    }
    if (h.version() != io.tr31.keyblock.KeyBlockVersion.D) {
      return; // the floor is written for version D (AES KBPK) only
    }
    int n = kbpkAndKey.kbpkBytes;
    int headerLength = kbpkAndKey.header.length();
    floorKbpk = Cipher.getInstance("AES/ECB/NoPadding");
    floorDecrypt = Cipher.getInstance("AES/CBC/NoPadding");
    floorMac = Cipher.getInstance("AES/CBC/NoPadding");
    floorZeroIv = new IvParameterSpec(new byte[16]);
    floorKbpkKeys = new SecretKeySpec[ONE_SHOT_KEYS];
    floorIvs = new IvParameterSpec[ONE_SHOT_KEYS];
    floorPayloads = new byte[ONE_SHOT_KEYS][];
    floorMacs = new byte[ONE_SHOT_KEYS][];
    floorMacInputs = new byte[ONE_SHOT_KEYS][];
    floorMacOutputs = new byte[ONE_SHOT_KEYS][];
    for (int i = 0; i < ONE_SHOT_KEYS; i++) {
      floorKbpkKeys[i] = new SecretKeySpec(oneShotKbpks[i], "AES");
      String b = oneShotBlocks[i];
      byte[] body = HexFormat.of().parseHex(b.substring(headerLength));
      floorPayloads[i] = Arrays.copyOf(body, body.length - 16);
      floorMacs[i] = Arrays.copyOfRange(body, body.length - 16, body.length);
      floorIvs[i] = new IvParameterSpec(floorMacs[i]);
      floorMacInputs[i] = new byte[headerLength + floorPayloads[i].length];
      floorMacOutputs[i] = new byte[floorMacInputs[i].length];
      System.arraycopy(
          b.getBytes(StandardCharsets.US_ASCII), 0, floorMacInputs[i], 0, headerLength);
    }
    // X9.143 / TR-31:2018 A.3.2: counter(1) || usage(2) || 00 || algorithm(2) || bits(2), KBEK
    // (usage 0000) then KBAK (0001), n / 16 blocks each; 8 bytes, so CMAC pads 10* and uses K2.
    int perKey = (n + 15) / 16; // output blocks per key, truncated to n bytes
    floorKdfInput = new byte[2 * perKey * 16];
    for (int key = 0; key < 2; key++) {
      for (int c = 0; c < perKey; c++) {
        int o = (key * perKey + c) * 16;
        floorKdfInput[o] = (byte) (c + 1);
        floorKdfInput[o + 2] = (byte) key;
        floorKdfInput[o + 5] = (byte) (n == 16 ? 2 : n == 24 ? 3 : 4);
        floorKdfInput[o + 6] = (byte) ((n * 8) >>> 8);
        floorKdfInput[o + 7] = (byte) (n * 8);
        floorKdfInput[o + 8] = (byte) 0x80;
      }
    }
    floorKdfBlocks = new byte[floorKdfInput.length];
    floorKdfOut = new byte[floorKdfInput.length];
    floorBlock = new byte[16];
    floorSubkey = new byte[16];
    floorKeyBytes = n;
    oneShotFloorReady = true;
    for (int i = 0; i < ONE_SHOT_KEYS; i++) {
      if (!oneShotFloor()) { // every block verifies: the floor computes what the library does
        throw new IllegalStateException("oneShotFloor does not verify its block");
      }
    }
  }

  /** SP 800-38B doubling in GF(2^128), in place. */
  private static void floorDouble(byte[] b) {
    int carry = (b[0] & 0x80) != 0 ? 0x87 : 0;
    for (int i = 0; i < 15; i++) {
      b[i] = (byte) ((b[i] << 1) | ((b[i + 1] & 0xFF) >>> 7));
    }
    b[15] = (byte) ((b[15] << 1) ^ carry);
  }

  /**
   * {@link #unwrapOneShot} over the same rotating KBPKs and blocks ({@value #ONE_SHOT_KEYS}, so
   * that no cipher ever skips a key schedule because it is re-keyed with the key it holds).
   */
  @Benchmark
  public void unwrapOneShot(Blackhole bh) throws Exception {
    if (oneShotBlocks == null || oneShotBlocks[0] == null) {
      return;
    }
    int i = oneShotNext = (oneShotNext + 1) & (ONE_SHOT_KEYS - 1);
    try (KeyBlockProtectionKey oneShot =
            KeyBlockProtectionKey.forVersion(header.version(), oneShotKbpks[i], Profile.STRICT);
        UnwrappedKey k = oneShot.unwrap(oneShotBlocks[i])) {
      bh.consume(k.keyLengthBytes());
    }
  }

  /**
   * The JCE floor of {@link #unwrapOneShot} (version D): key one AES cipher with the KBPK; the
   * KDF (CMAC PRF, SP 800-108 counter mode) as two calls: L = E(0), then every derivation block
   * of the KBEK and the KBAK, padded and XORed with K2, in one ECB call (a one-block CMAC is one
   * encryption); key the CBC decrypt cipher with the KBEK (IV = the block's MAC) and the CBC MAC
   * cipher with the KBAK; the KBAK's K1 (one encryption); then the work of {@link
   * #aesFloorUnwrap}. Three key schedules and five {@code doFinal}s on ciphers created once
   * ({@code getInstance} in setup, as the library keeps spare ciphers); no allocation besides the
   * two key objects and what {@code Cipher.init} allocates itself; no parsing, no wiping.
   */
  @Benchmark
  public boolean oneShotFloor() throws Exception {
    if (!oneShotFloorReady) {
      return false;
    }
    int i = oneShotNext = (oneShotNext + 1) & (ONE_SHOT_KEYS - 1);
    int n = floorKeyBytes;
    byte[] l = floorBlock;
    floorKbpk.init(Cipher.ENCRYPT_MODE, floorKbpkKeys[i]);
    Arrays.fill(l, (byte) 0);
    floorKbpk.doFinal(l, 0, 16, l, 0);
    floorDouble(l); // K1
    floorDouble(l); // K2
    byte[] in = floorKdfBlocks;
    for (int j = 0; j < in.length; j++) {
      in[j] = (byte) (floorKdfInput[j] ^ l[j & 15]);
    }
    floorKbpk.doFinal(in, 0, in.length, floorKdfOut, 0);
    // Two small key objects per call (the JCE copies the key from them either way).
    floorDecrypt.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(floorKdfOut, 0, n, "AES"), floorIvs[i]);
    floorMac.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(floorKdfOut, floorKdfOut.length / 2, n, "AES"),
        floorZeroIv);
    byte[] k1 = floorSubkey;
    Arrays.fill(k1, (byte) 0);
    floorMac.doFinal(k1, 0, 16, k1, 0);
    floorDouble(k1);
    // aesFloorUnwrap's work
    byte[] payload = floorPayloads[i];
    byte[] macInput = floorMacInputs[i];
    int m = macInput.length;
    int headerLength = m - payload.length;
    floorDecrypt.doFinal(payload, 0, payload.length, macInput, headerLength);
    for (int j = 0; j < 16; j++) {
      macInput[m - 16 + j] ^= k1[j];
    }
    byte[] tag = floorMacOutputs[i];
    floorMac.doFinal(macInput, 0, m, tag, 0);
    byte[] mac = floorMacs[i];
    int diff = 0;
    for (int j = 0; j < 16; j++) {
      diff |= tag[m - 16 + j] ^ mac[j];
    }
    return diff == 0;
  }

  /** CMAC key check value (X9.24-1 A.3) of the wrapped key. */
  @Benchmark
  public KeyCheckValue kcvCmac() throws Exception {
    return KeyCheckValue.compute(header.algorithm(), key, KcvMethod.CMAC, 5);
  }

  /**
   * The block cipher floor of an unwrap: CBC-decrypt the payload (IV = MAC) straight behind the
   * header bytes, XOR the last block with a subkey, CBC-MAC header || plaintext in one call and
   * compare the tag in constant time. Two JCE calls, no allocation, no parsing, no hex.
   */
  @Benchmark
  public boolean aesFloorUnwrap() throws Exception {
    if (skipped) {
      return false;
    }
    int bs = k1.length;
    int n = macInput.length;
    cbcDecrypt.doFinal(payload, 0, payload.length, macInput, headerChars);
    for (int i = 0; i < bs; i++) {
      macInput[n - bs + i] ^= k1[i];
    }
    cbcMac.doFinal(macInput, 0, n, macOutput, 0);
    int diff = 0;
    for (int i = 0; i < bs; i++) {
      diff |= macOutput[n - bs + i] ^ mac[i];
    }
    return diff == 0;
  }
}
