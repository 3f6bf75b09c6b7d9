/*
 * SPDX-License-Identifier: Apache-2.0
 */
package com.example.consumer;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A consumer of the library jar (LibraryJarIT compiles and runs it on the class path and on the
 * module path): wraps and unwraps a key block, then seals, verifies and opens a chunked envelope
 * through streams. Prints nothing secret.
 */
public final class Consumer {
  private Consumer() {}

  public static void main(String[] args) throws Exception {
    byte[] kbpkBytes = new byte[32];
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      kbpkBytes[i] = (byte) i;
      key[i] = (byte) (0xA0 + i);
    }
    try (KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(kbpkBytes)) {
      KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
      String block = kbpk.wrap(header, key, WrapOptions.defaults());
      try (UnwrappedKey k = kbpk.unwrap(block)) {
        System.out.println("key block version " + block.charAt(0) + ", usage "
            + k.header().keyUsageCode() + ", round trip " + Arrays.equals(key, k.keyBytes()));
      }
    }

    byte[] macKey = new byte[32];
    Arrays.fill(macKey, (byte) 0x5A);
    try (PayloadProtector keys = PayloadProtector.create(key, macKey)) {
      byte[] plain = "{\"amount\":1250}".getBytes(StandardCharsets.UTF_8);
      EnvelopeOptions chunked = EnvelopeOptions.builder().chunked(5).build();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String signature = keys.seal(new ByteArrayInputStream(plain), body, chunked);
      keys.verify(new ByteArrayInputStream(body.toByteArray()), signature);
      ByteArrayOutputStream opened = new ByteArrayOutputStream();
      keys.openUnauthenticated(new ByteArrayInputStream(body.toByteArray()), opened, chunked);
      System.out.println("envelope " + new String(opened.toByteArray(), StandardCharsets.UTF_8));
    }

    // null on the class path (unnamed module), io.tr31 on the module path
    System.out.println("module " + KeyBlockProtectionKey.class.getModule().getName());
  }
}
