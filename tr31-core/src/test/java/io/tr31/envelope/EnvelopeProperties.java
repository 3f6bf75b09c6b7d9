/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.internal.Hex;
import io.tr31.testing.Gens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * open(seal(m)) == m in every variant, single-bit changes refused under a MAC, and BouncyCastle's
 * lightweight AES-CBC-PKCS7 and HMac as the independent oracle.
 */
class EnvelopeProperties {
  private static final PayloadProtector MSK = TestKeys.keys();
  private static final PayloadProtector MAC = MSK;
  private static final Pattern SINGLE =
      Pattern.compile("\"ciphertext\":\"([0-9A-F]+)\",\"initialization_vector\":\"([0-9A-F]+)\"");

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static boolean roundTrips(byte[] m, int chunkSize, int variant) {
    try {
      String body;
      EnvelopeOptions o = EnvelopeOptions.DEFAULTS;
      switch (variant) {
        case 0:
          body = MSK.seal(m, EnvelopeOptions.DEFAULTS).body();
          break;
        case 1:
          o = TestKeys.GZIP;
          body = MSK.seal(m, o).body();
          break;
        case 2:
          body = MSK.seal(m, TestKeys.chunked(chunkSize)).body();
          break;
        case 3:
          body = MSK.seal(m, TestKeys.chunkedGzip(chunkSize)).body();
          o = TestKeys.GZIP;
          break;
        default:
          return streamingRoundTrips(m, chunkSize, variant);
      }
      byte[] bytes = body.getBytes(US_ASCII);
      return Arrays.equals(m, MSK.open(bytes, MAC.sign(bytes), o))
          && Arrays.equals(m, MSK.openUnauthenticated(bytes, o));
    } catch (Tr31Exception e) {
      return false;
    }
  }

  /** Variants 4-6: streaming seal (single, chunked, chunked gzip), streaming open. */
  private static boolean streamingRoundTrips(byte[] m, int chunkSize, int variant) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      EnvelopeOptions o = EnvelopeOptions.DEFAULTS;
      if (variant == 4) {
        MSK.seal(new ByteArrayInputStream(m), body, EnvelopeOptions.DEFAULTS);
      } else if (variant == 5) {
        MSK.seal(new ByteArrayInputStream(m), body, TestKeys.chunked(chunkSize));
      } else {
        MSK.seal(new ByteArrayInputStream(m), body, TestKeys.chunkedGzip(chunkSize));
        o = TestKeys.GZIP;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MSK.openUnauthenticated(new ByteArrayInputStream(body.toByteArray()), out, o);
      byte[] bytes = body.toByteArray();
      return Arrays.equals(m, out.toByteArray())
          && Arrays.equals(m, MSK.open(bytes, MAC.sign(bytes), o));
    } catch (Tr31Exception | IOException e) {
      return false;
    }
  }

  @Test
  void openOfSeal_smallMessages_isIdentityInEveryVariant() {
    qt().withExamples(300)
        .forAll(Gens.bytes(0, 2048), integers().between(1, 300), integers().between(0, 6))
        .check(EnvelopeProperties::roundTrips);
  }

  @Test
  void openOfSeal_largeMessagesUpTo1MiB_isIdentityInEveryVariant() {
    // A handful of large sizes (the suite stays fast); 1 MiB itself is always among them.
    qt().withExamples(6)
        .forAll(integers().between(0, 1 << 20), longs().all(), integers().between(0, 6))
        .check((n, seed, v) -> roundTrips(random(n, seed), 65536, v));
    for (int v = 0; v < 7; v++) {
      if (!roundTrips(random(1 << 20, v), 65536, v)) {
        throw new AssertionError("1 MiB, variant " + v);
      }
    }
  }

  @Test
  void anySingleBitFlipOfASignedBody_throwsMacMismatch() {
    qt().withExamples(300)
        .forAll(
            Gens.bytes(0, 100), integers().between(0, Integer.MAX_VALUE), integers().between(0, 1))
        .check(
            (m, pos, chunked) -> {
              byte[] body =
                  (chunked == 1
                          ? MSK.seal(m, TestKeys.chunked(16)).body()
                          : MSK.seal(m, EnvelopeOptions.DEFAULTS).body())
                      .getBytes(US_ASCII);
              String sig = MAC.sign(body);
              int bit = pos % (body.length * 8);
              body[bit / 8] ^= (byte) (1 << (bit % 8));
              return refusedWithMac(body, sig);
            });
  }

  @Test
  void everySingleBitFlipOfBodyIvAndCiphertext_isRefused_sweep() {
    // Tink-style exhaustive sweep over one body: every bit of the JSON (and therefore of the hex
    // IV and ciphertext), and every bit of the decoded IV and ciphertext re-encoded in the body.
    byte[] body =
        MSK.seal(
                "{\"amount\":1000,\"currency\":\"EUR\"}".getBytes(US_ASCII),
                EnvelopeOptions.DEFAULTS)
            .body()
            .getBytes(US_ASCII);
    String sig = MAC.sign(body);
    int refused = 0;
    for (int bit = 0; bit < body.length * 8; bit++) {
      byte[] b = body.clone();
      b[bit / 8] ^= (byte) (1 << (bit % 8));
      if (!refusedWithMac(b, sig)) {
        throw new AssertionError("body bit " + bit + " accepted");
      }
      refused++;
    }
    Matcher m = SINGLE.matcher(new String(body, US_ASCII));
    if (!m.find()) {
      throw new AssertionError("body layout");
    }
    for (int group = 1; group <= 2; group++) {
      byte[] field = decode(m.group(group));
      for (int bit = 0; bit < field.length * 8; bit++) {
        byte[] f = field.clone();
        f[bit / 8] ^= (byte) (1 << (bit % 8));
        String flipped = new String(body, US_ASCII).replace(m.group(group), Hex.encode(f));
        if (!refusedWithMac(flipped.getBytes(US_ASCII), sig)) {
          throw new AssertionError("field " + group + " bit " + bit + " accepted");
        }
        refused++;
      }
    }
    if (refused != body.length * 8 + 16 * 8 + 48 * 8) {
      throw new AssertionError("sweep size " + refused);
    }
  }

  private static boolean refusedWithMac(byte[] body, String sig) {
    try {
      MSK.open(body, sig, EnvelopeOptions.DEFAULTS);
      return false;
    } catch (Tr31Exception e) {
      return e.code() == ErrorCode.ENVELOPE_MAC_MISMATCH;
    }
  }

  private static byte[] decode(String hex) {
    try {
      return Hex.decode(hex);
    } catch (io.tr31.Tr31FormatException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sealedCiphertextAndSignature_agreeWithBouncyCastle() {
    qt().withExamples(200)
        .forAll(Gens.bytes(0, 1024))
        .check(
            m -> {
              String body = MSK.seal(m, EnvelopeOptions.DEFAULTS).body();
              Matcher mt = SINGLE.matcher(body);
              if (!mt.find()) {
                return false;
              }
              PaddedBufferedBlockCipher bc =
                  new PaddedBufferedBlockCipher(
                      CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
              bc.init(
                  false, new ParametersWithIV(new KeyParameter(TestKeys.MSK), decode(mt.group(2))));
              byte[] ct = decode(mt.group(1));
              byte[] out = new byte[bc.getOutputSize(ct.length)];
              int n;
              try {
                n = bc.processBytes(ct, 0, ct.length, out, 0);
                n += bc.doFinal(out, n);
              } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
                return false;
              }
              HMac hmac = new HMac(new SHA256Digest());
              hmac.init(new KeyParameter(TestKeys.MAC));
              byte[] bytes = body.getBytes(US_ASCII);
              hmac.update(bytes, 0, bytes.length);
              byte[] tag = new byte[32];
              hmac.doFinal(tag, 0);
              return Arrays.equals(m, Arrays.copyOf(out, n))
                  && Hex.encode(tag).equals(MAC.sign(bytes));
            });
  }

  @Test
  void bouncyCastleCiphertext_opensWithTheEnvelope() {
    qt().withExamples(200)
        .forAll(Gens.bytes(0, 1024), Gens.bytes(16))
        .check(
            (m, iv) -> {
              PaddedBufferedBlockCipher bc =
                  new PaddedBufferedBlockCipher(
                      CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
              bc.init(true, new ParametersWithIV(new KeyParameter(TestKeys.MSK), iv));
              byte[] out = new byte[bc.getOutputSize(m.length)];
              int n;
              try {
                n = bc.processBytes(m, 0, m.length, out, 0);
                n += bc.doFinal(out, n);
              } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
                return false;
              }
              String body =
                  "{\"format\":\"TR31-DATA\",\"ciphertext\":\""
                      + Hex.encode(out, 0, n)
                      + "\",\"initialization_vector\":\""
                      + Hex.encode(iv)
                      + "\",\"mode\":\"CBC\"}";
              try {
                return Arrays.equals(m, TestKeys.openUnauthenticated(MSK, body));
              } catch (Tr31Exception e) {
                return false;
              }
            });
  }
}
