/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import io.tr31.terminal.InstalledKeySet;
import io.tr31.terminal.IssueRequest;
import io.tr31.terminal.IssuedKeySet;
import io.tr31.terminal.KeySetInstaller;
import io.tr31.terminal.KeySetIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Terminal side of the POS key set: {@code install} parses the issued JSON, unwraps every key block
 * under the prepared ZMK, checks every KCV and prepares the installed keys, then the set is
 * destroyed. {@code issue} is the server side, for context.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeySetBench {
  private static final Instant ISSUED = Instant.parse("2025-12-13T14:25:30Z");

  private KeySetIssuer issuer;
  private KeySetInstaller installer;
  private byte[] json;

  @Setup
  public void setup() throws Exception {
    byte[] zmk = new byte[32];
    new Random(7).nextBytes(zmk);
    Clock clock = Clock.fixed(ISSUED, ZoneOffset.UTC);
    issuer = KeySetIssuer.builder().clock(clock).build(zmk);
    installer = KeySetInstaller.builder().clock(clock).build(zmk);
    try (IssuedKeySet issued = issueOne()) {
      json = issued.json().getBytes(StandardCharsets.UTF_8);
    }
  }

  private IssuedKeySet issueOne() {
    try (IssueRequest request =
        IssueRequest.builder().keySetId("ks-2025-01").validity(Duration.ofDays(365)).build()) {
      return issuer.issue(request);
    }
  }

  @Benchmark
  public String install() throws Exception {
    try (InstalledKeySet installed = installer.install(json)) {
      return installed.keySetId();
    }
  }

  @Benchmark
  public int issue() throws Exception {
    try (IssuedKeySet issued = issueOne()) {
      return issued.json().length();
    }
  }
}
