package io.tr31.bench;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.KeyBlocks;
import io.tr31.Profile;
import io.tr31.UnwrappedKey;
import io.tr31.header.KeyAlgorithm;
import io.tr31.kcv.KcvMethod;
import io.tr31.kcv.KeyCheckValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Key block wrap/unwrap. "Prepared" benchmarks reuse one {@link KeyBlockProtectionKey}; "one-shot"
 * prepares it inside the call. {@code aesFloorUnwrap} is the same AES work an unwrap needs (CBC
 * decrypt of the payload, CMAC of header || payload, with already-initialised JDK ciphers) and no
 * TR-31 logic: the floor we measure ourselves against in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyBlockBench {
  /** KBPK algorithm and size, then wrapped key algorithm and size. */
  public enum KbpkAndKey {
    AES256_AES256(32, "D0000P0AE00E0000", 32),
    AES128_AES128(16, "D0000P0AE00E0000", 16);

    final int kbpkBytes;
    final String header;
    final int keyBytes;

    KbpkAndKey(int kbpkBytes, String header, int keyBytes) {
      this.kbpkBytes = kbpkBytes;
      this.header = header;
      this.keyBytes = keyBytes;
    }
  }

  @Param public KbpkAndKey kbpkAndKey;

  private byte[] kbpkBytes;
  private byte[] key;
  private KeyBlockHeader header;
  private KeyBlockProtectionKey kbpk;
  private String block;

  // Floor: JDK ciphers initialised once.
  private Cipher aesEcb;
  private Cipher aesCbcDecrypt;
  private SecretKeySpec kbek;
  private byte[] headerBytes;
  private byte[] payload;
  private byte[] mac;

  @Setup
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    kbpkBytes = new byte[kbpkAndKey.kbpkBytes];
    key = new byte[kbpkAndKey.keyBytes];
    random.nextBytes(kbpkBytes);
    random.nextBytes(key);
    header = KeyBlockHeader.parse(kbpkAndKey.header, Profile.STRICT);
    kbpk = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, kbpkBytes);
    block = kbpk.wrap(header, key);

    int headerChars = 16;
    headerBytes = block.substring(0, headerChars).getBytes(StandardCharsets.US_ASCII);
    byte[] body = HexFormat.of().parseHex(block.substring(headerChars));
    payload = Arrays.copyOf(body, body.length - 16);
    mac = Arrays.copyOfRange(body, body.length - 16, body.length);
    kbek = new SecretKeySpec(Arrays.copyOf(kbpkBytes, kbpkAndKey.kbpkBytes), "AES");
    aesEcb = Cipher.getInstance("AES/ECB/NoPadding");
    aesEcb.init(Cipher.ENCRYPT_MODE, kbek);
    aesCbcDecrypt = Cipher.getInstance("AES/CBC/NoPadding");
    aesCbcDecrypt.init(Cipher.DECRYPT_MODE, kbek, new IvParameterSpec(mac));
  }

  @Benchmark
  public void unwrapPrepared(Blackhole bh) throws Exception {
    try (UnwrappedKey k = kbpk.unwrap(block)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  @Benchmark
  public String wrapPrepared() throws Exception {
    return kbpk.wrap(header, key);
  }

  @Benchmark
  public void unwrapOneShot(Blackhole bh) throws Exception {
    try (UnwrappedKey k = KeyBlocks.unwrap(kbpkBytes, block, Profile.STRICT)) {
      bh.consume(k.keyLengthBytes());
    }
  }

  @Benchmark
  public KeyCheckValue kcvCmac() throws Exception {
    return KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.CMAC, 5);
  }

  /** CBC-decrypt the payload and CMAC header || plaintext (the CMAC done block by block). */
  @Benchmark
  public void aesFloorUnwrap(Blackhole bh) throws Exception {
    byte[] plain = aesCbcDecrypt.doFinal(payload);
    byte[] state = new byte[16];
    byte[] all = new byte[headerBytes.length + plain.length];
    System.arraycopy(headerBytes, 0, all, 0, headerBytes.length);
    System.arraycopy(plain, 0, all, headerBytes.length, plain.length);
    for (int off = 0; off < all.length; off += 16) {
      for (int i = 0; i < 16; i++) {
        state[i] ^= all[off + i];
      }
      aesEcb.update(state, 0, 16, state, 0);
    }
    bh.consume(state);
  }
}
