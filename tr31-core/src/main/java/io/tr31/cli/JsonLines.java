/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.Tr31Exception;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The {@code --json} batch loop: one JSON object in per line, exactly one JSON object out per line,
 * in order, flushed per line. A bad line yields an error object and never stops the batch. Lines
 * are bounded ({@link #MAX_LINE_CHARS}); a longer line is skipped to its end and reported. Blank
 * lines are requests too (they get an error object), so output lines match input lines.
 */
final class JsonLines {
  /** Longest accepted request line: a key block is at most 9999 characters. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  /** Handles one request; writes the fields of the success object after {@code "ok": true}. */
  interface Handler {
    void handle(Request request, JsonGenerator out)
        throws Tr31Exception, RequestException, IOException;
  }

  private JsonLines() {}

  /**
   * Processes every line of {@code in}, each parsed as a {@link Request} with the fields {@code
   * allowed} and the operator's {@code pins} applied; returns 0 once the input is exhausted, 1 as
   * soon as the output can no longer be written (no point unwrapping keys nobody receives).
   */
  @JdkOnly
  static int run(
      InputStream in, PrintStream out, Set<String> allowed, Request.Pins pins, Handler handler)
      throws IOException {
    InputStream input = new BufferedInputStream(in);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    while (true) {
      int b = input.read();
      boolean end = b == -1;
      if (b == '\n' || (end && (line.size() > 0 || tooLong))) {
        String text = line.toString(StandardCharsets.UTF_8);
        print(out, respond(text, tooLong, allowed, pins, handler));
        if (out.checkError()) {
          return 1;
        }
        line.reset();
        tooLong = false;
      } else if (!end) {
        if (line.size() < MAX_LINE_CHARS) {
          line.write(b);
        } else {
          tooLong = true;
        }
      }
      if (end) {
        return 0;
      }
    }
  }

  private static String respond(
      String line, boolean tooLong, Set<String> allowed, Request.Pins pins, Handler handler)
      throws IOException {
    if (tooLong) {
      return error("LINE_TOO_LONG", "request line longer than " + MAX_LINE_CHARS + " bytes");
    }
    String request = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeBooleanField("ok", true);
      handler.handle(Request.parse(request, allowed, pins), g);
      g.writeEndObject();
    } catch (Tr31Exception e) {
      return error(e.code().name(), e.getMessage());
    } catch (RequestException e) {
      return error(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      // Last resort, so that one line can never stop the batch: a defect of ours, reported by
      // type only (a message could quote input).
      return error("INTERNAL_ERROR", e.getClass().getSimpleName());
    }
    return w.toString();
  }

  private static String error(String code, String message) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeBooleanField("ok", false);
      g.writeStringField("error", code);
      g.writeStringField("message", message);
      g.writeEndObject();
    }
    return w.toString();
  }

  private static void print(PrintStream out, String json) {
    out.print(json);
    out.print('\n');
    out.flush();
  }
}
