/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The thread CPU time cross-check of {@link KeyBlockBench#wrapPrepared} against {@link
 * KeyBlockBench#aesFloorWrap} (issue 14), for machines shared with other work: the benchmark's own
 * methods on its own state, alternating rounds of wrap and floor in one process, the best of 11;
 * allocation per operation from the thread's allocation counter.
 *
 * <p>Run: {@code java -cp tr31-bench/target/benchmarks.jar io.tr31.bench.WrapCpuTimeCheck}
 */
public final class WrapCpuTimeCheck {
  private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private interface Op {
    Object run() throws Exception;
  }

  private WrapCpuTimeCheck() {}

  /** Nanoseconds of thread CPU time and bytes allocated per operation, over {@code n}. */
  private static double[] round(Op op, int n) throws Exception {
    long a0 = MX.getCurrentThreadAllocatedBytes();
    long t0 = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink = op.run();
    }
    long t1 = MX.getCurrentThreadCpuTime();
    long a1 = MX.getCurrentThreadAllocatedBytes();
    return new double[] {(t1 - t0) / (double) n, (a1 - a0) / (double) n};
  }

  public static void main(String[] args) throws Exception {
    System.out.println("# " + System.getProperty("java.version"));
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    for (KeyBlockBench.KbpkAndKey p : KeyBlockBench.KbpkAndKey.values()) {
      KeyBlockBench b = new KeyBlockBench();
      b.kbpkAndKey = p;
      b.setup();
      Op wrap = b::wrapPrepared;
      Op floor =
          () -> {
            b.aesFloorWrap(bh);
            return null;
          };
      int n = p.kbpkAlgorithm == io.tr31.keyblock.KeyAlgorithm.AES ? 100_000 : 10_000;
      for (int w = 0; w < 5; w++) {
        round(wrap, n);
        round(floor, n);
      }
      double[] best = {Double.MAX_VALUE, 0, Double.MAX_VALUE, 0};
      for (int r = 0; r < 11; r++) {
        double[] x = round(wrap, n);
        double[] y = round(floor, n);
        best[0] = Math.min(best[0], x[0]);
        best[1] = x[1];
        best[2] = Math.min(best[2], y[0]);
        best[3] = y[1];
      }
      System.out.printf(
          "%-14s wrapPrepared %6.0f ns CPU %5.0f B/op | aesFloorWrap %6.0f ns CPU %4.0f B/op"
              + " | ratio %.2f%n",
          p, best[0], best[1], best[2], best[3], best[0] / best[2]);
    }
  }
}
