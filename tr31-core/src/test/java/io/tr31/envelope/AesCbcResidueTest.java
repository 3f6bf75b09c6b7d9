/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BoundedPool;
import io.tr31.internal.Hex;
import io.tr31.internal.JceResidue;
import io.tr31.internal.Lifecycle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md, "What SunJCE's CBC mode keeps", for the envelope: SunJCE's CBC mode keeps the last
 * block it passed through AES in the {@link Cipher} (field {@code k}: the last plaintext block XOR
 * the ciphertext block before it), and an abandoned stream keeps its unencrypted tail in {@code
 * CipherCore.buffer}. After every seal and open, no cipher the MSK pools (nor one released after
 * {@code destroy()}) may contain a plaintext block or that XOR. Its Java path writes {@code k}; the
 * C2 intrinsic does not, so the build runs this class in a JVM without C2 (surefire execution
 * {@code jce-residue}, system property {@code tr31.residue.javaPath}), where the control below must
 * see the residue in a fresh cipher; in another JVM the test is skipped when the control sees none.
 */
class AesCbcResidueTest {
  private static final Pattern CIPHERTEXT = Pattern.compile("\"ciphertext\":\"([0-9A-F]+)\"");
  /** 47 bytes: the last block is 15 payload bytes and one byte of padding. */
  private static final byte[] PAYLOAD = TestKeys.bytes(47, 0xA1);

  @BeforeEach
  void theJavaPathWritesTheResidueHere() throws Exception {
    byte[] iv = TestKeys.bytes(16, 0x30);
    SecretKeySpec key = new SecretKeySpec(TestKeys.MSK, "AES");
    Cipher enc = Cipher.getInstance("AES/CBC/PKCS5Padding");
    enc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    assumeTrue(JceResidue.readable(enc), "javax.crypto is not open to the tests here");
    byte[] ct = enc.doFinal(PAYLOAD);
    Cipher dec = Cipher.getInstance("AES/CBC/PKCS5Padding");
    dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
    assertArrayEquals(PAYLOAD, dec.doFinal(ct));
    byte[][] kept = lastBlock(ct);
    boolean written = JceResidue.holds(enc, kept) && JceResidue.holds(dec, kept);
    if (Boolean.getBoolean("tr31.residue.javaPath")) {
      assertTrue(written, "without C2, SunJCE's CBC mode keeps the last block (the control)");
    } else {
      assumeTrue(written, "the CBC intrinsic ran: nothing writes the residue in this JVM");
    }
  }

  @Test
  void seal_leavesNoBlockOfThePayloadInTheMsksCiphers() throws Exception {
    PayloadProtector k = TestKeys.keys();
    byte[] ct = ciphertext(k.seal(PAYLOAD, EnvelopeOptions.DEFAULTS).body());
    assertNoResidue(k, lastBlock(ct));
  }

  @Test
  void open_leavesNoBlockOfThePayloadInTheMsksCiphers() throws Exception {
    PayloadProtector sealer = TestKeys.keys();
    SealedPayload s = sealer.seal(PAYLOAD, EnvelopeOptions.DEFAULTS);
    PayloadProtector k = TestKeys.keys();
    assertArrayEquals(
        PAYLOAD, k.open(s.body().getBytes(US_ASCII), s.signature(), EnvelopeOptions.DEFAULTS));
    assertNoResidue(k, lastBlock(ciphertext(s.body())));
  }

  @Test
  void decrypt_withBadPadding_leavesNoBlockOfThePlaintextInTheMsksCiphers() throws Exception {
    byte[] iv = TestKeys.bytes(16, 0x30);
    byte[] plain = TestKeys.bytes(32, 0x61);
    plain[31] = 0; // not PKCS#7 padding
    Cipher raw = Cipher.getInstance("AES/CBC/NoPadding");
    raw.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(TestKeys.MSK, "AES"), new IvParameterSpec(iv));
    byte[] ct = raw.doFinal(plain);
    AesCbc aes = new AesCbc(TestKeys.MSK, new Lifecycle("test"));
    Tr31VerificationException e =
        assertThrows(Tr31VerificationException.class, () -> aes.decrypt(iv, ct));
    assertEquals(ErrorCode.ENVELOPE_PADDING, e.code());
    assertNoResidue(aes, Arrays.copyOfRange(plain, 16, 32), JceResidue.xor(plain, 16, ct, 0, 16));
  }

  @Test
  void streamedSeal_leavesNoBlockOfThePayloadInTheMsksCiphers() throws Exception {
    PayloadProtector k = TestKeys.keys();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    k.seal(new ByteArrayInputStream(PAYLOAD), body, EnvelopeOptions.DEFAULTS);
    assertNoResidue(k, lastBlock(ciphertext(body.toString(US_ASCII))));
  }

  @Test
  void abandonedStreamedSeal_leavesNoBlockOfThePayloadInTheMsksCiphers() throws Exception {
    PayloadProtector k = TestKeys.keys();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    InputStream failing = new FailingAfter(PAYLOAD, 40);
    assertThrows(IOException.class, () -> k.seal(failing, body, EnvelopeOptions.DEFAULTS));
    assertNoResidue(k, abandoned(body.toByteArray()));
  }

  @Test
  void abandonedStream_releasedAfterDestroy_keepsNoBlockOfThePayload() throws Exception {
    Lifecycle life = new Lifecycle("test");
    AesCbc aes = new AesCbc(TestKeys.MSK, life);
    Cipher c = aes.encryptor(TestKeys.bytes(16, 0x30));
    byte[] ct = aes.update(c, PAYLOAD, 0, 40, false);
    life.destroy(aes::destroy);
    aes.release(c, false);
    assertEquals(0, aes.pooled());
    byte[] prefix = EnvelopeFormat.SINGLE_PREFIX;
    byte[] out = Arrays.copyOf(prefix, prefix.length + 2 * ct.length);
    Hex.encodePublicAsciiInto(ct, 0, ct.length, out, prefix.length);
    for (byte[] needle : abandoned(out)) {
      assertFalse(JceResidue.holds(c, needle), "the released cipher keeps part of the payload");
    }
  }

  /**
   * What an encryption stopped after 40 bytes of {@link #PAYLOAD} may keep: the last block it
   * encrypted (alone and XOR the ciphertext block before it) and the 8 bytes it buffered.
   */
  private static byte[][] abandoned(byte[] bodyWritten) throws Exception {
    int from = EnvelopeFormat.SINGLE_PREFIX.length;
    String hex = new String(bodyWritten, from, bodyWritten.length - from, US_ASCII);
    byte[] ct = Hex.decode(hex, 0, hex.length(), false);
    assertEquals(32, ct.length, "two blocks encrypted, eight bytes buffered");
    return new byte[][] {
      Arrays.copyOfRange(PAYLOAD, 16, 32),
      JceResidue.xor(PAYLOAD, 16, ct, 0, 16),
      Arrays.copyOfRange(PAYLOAD, 32, 40)
    };
  }

  /** The padded last plaintext block of {@link #PAYLOAD}, alone and XOR the ciphertext before. */
  private static byte[][] lastBlock(byte[] ct) {
    assertEquals(48, ct.length);
    byte[] last = Arrays.copyOfRange(PAYLOAD, 32, 48 - 1);
    last = Arrays.copyOf(last, 16);
    last[15] = 1;
    return new byte[][] {last, JceResidue.xor(last, 0, ct, 16, 16)};
  }

  private static byte[] ciphertext(String body) throws Exception {
    Matcher m = CIPHERTEXT.matcher(body);
    assertTrue(m.find(), body);
    return Hex.decode(m.group(1), 0, m.group(1).length(), false);
  }

  private static void assertNoResidue(PayloadProtector k, byte[]... needles) throws Exception {
    assertNoResidue(k.aes(), needles);
  }

  private static void assertNoResidue(AesCbc aes, byte[]... needles) throws Exception {
    @SuppressWarnings("unchecked")
    BoundedPool<Cipher> pool =
        (BoundedPool<Cipher>) JceResidue.field(AesCbc.class, "pool").get(aes);
    List<Cipher> ciphers = JceResidue.idle(pool);
    assertFalse(ciphers.isEmpty(), "the MSK pools its ciphers");
    for (Cipher c : ciphers) {
      assertFalse(JceResidue.holds(c, needles), "a pooled cipher keeps part of the plaintext");
    }
  }

  /** Yields {@code n} bytes of {@code data}, then fails. */
  private static final class FailingAfter extends InputStream {
    private final ByteArrayInputStream in;
    private int left;

    FailingAfter(byte[] data, int n) {
      this.in = new ByteArrayInputStream(data, 0, n);
      this.left = n;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        throw new IOException("source failed");
      }
      int n = in.read(b, off, Math.min(len, left));
      left -= n;
      return n;
    }
  }
}
