/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.Tr31Exception;


import io.tr31.internal.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The KBPKs a test prepares, destroyed after each test: register it as a field with {@code
 * @RegisterExtension final PreparedKbpks kbpks = new PreparedKbpks();}.
 */
final class PreparedKbpks implements AfterEachCallback {
  private final List<KeyBlockProtectionKey> prepared = new ArrayList<>();

  /** {@return a KBPK prepared from {@code hex}, destroyed after the test} */
  KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, String hex) throws Tr31Exception {
    return add(Kbpks.prepare(algorithm, Hex.decode(hex)));
  }

  /** {@return {@code kbpk}, now destroyed after the test} */
  KeyBlockProtectionKey add(KeyBlockProtectionKey kbpk) {
    prepared.add(kbpk);
    return kbpk;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    prepared.forEach(KeyBlockProtectionKey::destroy);
    prepared.clear();
  }
}
