/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.DocExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the example of src/docs/ENVELOPE.md, so it cannot drift from the API. */
class EnvelopeDocExampleTest {
  @Test
  void envelopeExample_compilesAndSealsOpensAndOpensUnsignedParameters(@TempDir Path tmp)
      throws Exception {
    List<String> lines =
        DocExample.run("src/docs/ENVELOPE.md", "<!-- envelope-example", "EnvelopeExample", tmp);
    assertEquals(
        List.of(
            "{\"amount\":1250,\"nonce\":\"4f1c\",\"direction\":\"request\"}",
            "52 bytes of parameters"),
        lines);
  }
}
