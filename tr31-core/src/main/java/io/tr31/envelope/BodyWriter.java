/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An envelope body being written while plaintext is written to it. {@link #finish()} completes the
 * body (trailer, flush); {@link #close()} only releases what the writer holds, so a body abandoned
 * after a failure stays incomplete rather than becoming a valid envelope of part of the plaintext.
 * Neither closes the underlying stream, which the caller owns.
 */
abstract class BodyWriter extends OutputStream {
  /** Where the body goes. */
  final OutputStream out;

  private boolean finished;
  private boolean closed;

  BodyWriter(OutputStream out) {
    this.out = out;
  }

  /** Encrypts and writes {@code b[off..off+len)}. */
  abstract void encrypt(byte[] b, int off, int len) throws IOException;

  /** Writes what follows the last plaintext byte. */
  abstract void trailer() throws IOException;

  /** Gives back and wipes what the writer holds; runs once. */
  abstract void release();

  @Override
  public final void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final void write(byte[] b, int off, int len) throws IOException {
    if (finished || closed) {
      throw new IOException("stream closed");
    }
    encrypt(b, off, len);
  }

  /** Completes the body and flushes the underlying stream; the caller still closes. */
  final void finish() throws IOException {
    if (finished || closed) {
      throw new IOException("stream closed");
    }
    finished = true;
    trailer();
    out.flush();
  }

  /** Releases without completing the body; idempotent. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      release();
    }
  }
}
