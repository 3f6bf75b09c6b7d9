/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link KeyBlockBench#unwrapOneShot} against {@link KeyBlockBench#oneShotFloor} by THREAD CPU
 * time, their rounds alternating so that both see the same machine (issue 14; JMH's wall clock is
 * unusable on a shared, loaded machine): 15 warm-up rounds each, then the best of nine rounds of
 * 20,000 calls each, and bytes allocated per call. Not a JMH benchmark; no assertion.
 *
 * <p>Run: {@code java -cp tr31-bench/target/benchmarks.jar io.tr31.bench.OneShotCpuCheck
 * AES256_AES256}
 */
public final class OneShotCpuCheck {
  private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int CALLS = 20_000;

  private interface Op {
    void run() throws Exception;
  }

  private OneShotCpuCheck() {}

  public static void main(String[] args) throws Exception {
    KeyBlockBench b = new KeyBlockBench();
    b.kbpkAndKey = KeyBlockBench.KbpkAndKey.valueOf(args.length > 0 ? args[0] : "AES256_AES256");
    b.setup();
    b.setupOneShot();
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    Op oneShot = () -> b.unwrapOneShot(bh);
    Op floor = b::oneShotFloor;
    for (int w = 0; w < 15; w++) {
      cpuPerCall(oneShot);
      cpuPerCall(floor);
    }
    double bestOneShot = Double.MAX_VALUE;
    double bestFloor = Double.MAX_VALUE;
    for (int r = 0; r < 9; r++) {
      bestOneShot = Math.min(bestOneShot, cpuPerCall(oneShot));
      bestFloor = Math.min(bestFloor, cpuPerCall(floor));
    }
    System.out.printf(
        "%s %s unwrapOneShot %.0f ns/op CPU %.0f B/op, oneShotFloor %.0f ns/op CPU %.0f B/op,"
            + " ratio %.2f%n",
        System.getProperty("java.version"),
        b.kbpkAndKey,
        bestOneShot,
        allocatedPerCall(oneShot),
        bestFloor,
        allocatedPerCall(floor),
        bestOneShot / bestFloor);
  }

  private static double cpuPerCall(Op op) throws Exception {
    long t0 = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < CALLS; i++) {
      op.run();
    }
    return (MX.getCurrentThreadCpuTime() - t0) / (double) CALLS;
  }

  private static double allocatedPerCall(Op op) throws Exception {
    long a0 = MX.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      op.run();
    }
    return (MX.getCurrentThreadAllocatedBytes() - a0) / (double) CALLS;
  }
}
