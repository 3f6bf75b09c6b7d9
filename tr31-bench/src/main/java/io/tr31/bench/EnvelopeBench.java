/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Seal and open of the {@code TR31-DATA} envelope with already prepared keys, next to a floor of
 * raw JDK AES-CBC + HMAC-SHA256 + hex over the same data in the same run (the unavoidable work; the
 * gap is JSON, copying and checks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBench {
  @Param({"1024", "65536", "1048576"})
  int size;

  private PayloadProtector keys;
  private byte[] plaintext;
  private byte[] body;
  private String signature;
  private SecretKeySpec aesKey;
  private SecretKeySpec macKey;
  private Cipher cipher;
  private Mac hmac;
  private SecureRandom random;
  private String floorHex;
  private String floorIv;
  private byte[] floorTag;

  @Setup
  public void setup() throws GeneralSecurityException {
    byte[] k = new byte[32];
    byte[] m = new byte[32];
    new Random(1).nextBytes(k);
    new Random(2).nextBytes(m);
    keys = PayloadProtector.create(k, m);
    plaintext = new byte[size];
    new Random(3).nextBytes(plaintext);
    SealedPayload sealed = keys.seal(plaintext, EnvelopeOptions.DEFAULTS);
    body = sealed.body().getBytes(StandardCharsets.US_ASCII);
    signature = sealed.signature();
    aesKey = new SecretKeySpec(k, "AES");
    macKey = new SecretKeySpec(m, "HmacSHA256");
    cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    hmac = Mac.getInstance("HmacSHA256");
    hmac.init(macKey);
    random = new SecureRandom();
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
    floorHex = HexFormat.of().withUpperCase().formatHex(cipher.doFinal(plaintext));
    floorIv = HexFormat.of().withUpperCase().formatHex(iv);
    floorTag = hmac.doFinal(floorHex.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Seal and sign (the one seal of {@link PayloadProtector}; before 1.0 the unsigned {@code seal}
   * was measured apart and this name was {@code seal} followed by {@code MacKey.sign}).
   */
  @Benchmark
  public SealedPayload sealSigned() {
    return keys.seal(plaintext, EnvelopeOptions.DEFAULTS);
  }

  @Benchmark
  public byte[] open() throws Tr31FormatException, Tr31VerificationException {
    return keys.openUnauthenticated(body, EnvelopeOptions.DEFAULTS);
  }

  @Benchmark
  public byte[] openVerified() throws Tr31FormatException, Tr31VerificationException {
    return keys.open(body, signature, EnvelopeOptions.DEFAULTS);
  }

  /** Raw JDK floor for sealSigned: fresh IV, AES-CBC, upper-case hex, HMAC over the hex. */
  @Benchmark
  public void sealFloor(Blackhole bh) throws GeneralSecurityException {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
    String hex = HexFormat.of().withUpperCase().formatHex(cipher.doFinal(plaintext));
    bh.consume(HexFormat.of().withUpperCase().formatHex(iv));
    bh.consume(hmac.doFinal(hex.getBytes(StandardCharsets.US_ASCII)));
    bh.consume(hex);
  }

  /** Raw JDK floor for openVerified: HMAC over the hex, hex decode, AES-CBC decrypt. */
  @Benchmark
  public byte[] openFloor() throws GeneralSecurityException {
    byte[] tag = hmac.doFinal(floorHex.getBytes(StandardCharsets.US_ASCII));
    if (!MessageDigest.isEqual(tag, floorTag)) {
      throw new IllegalStateException();
    }
    cipher.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(HexFormat.of().parseHex(floorIv)));
    return cipher.doFinal(HexFormat.of().parseHex(floorHex));
  }
}
