/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.Tr31Warning;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Writes a header's public fields, as JSON fields or as aligned text. No secrets pass here. */
final class HeaderOutput {
  private HeaderOutput() {}

  /**
   * The header fields of the {@code --json} contract, codes as they appear in the header, and
   * {@code warnings} (what the lenient profile tolerated) when there are any.
   */
  static void json(KeyBlockHeader h, List<String> warnings, JsonGenerator g) throws IOException {
    g.writeStringField("version", h.version().code());
    if (h.version() == KeyBlockVersion.THALES_0) {
      // Thales version 0: not X9.143; read only under the lenient profile.
      g.writeBooleanField("proprietary", true);
    }
    g.writeStringField("usage", h.keyUsageCode());
    g.writeStringField("algorithm", h.algorithm().code());
    g.writeStringField("mode", h.modeOfUseCode());
    g.writeStringField("key_version", h.keyVersion().code());
    g.writeStringField("exportability", h.exportability().code());
    g.writeStringField("key_context", h.keyContext().code());
    g.writeArrayFieldStart("optional_blocks");
    for (OptionalBlock b : h.optionalBlocks()) {
      g.writeStartArray();
      g.writeString(b.id());
      g.writeString(b.data());
      g.writeEndArray();
    }
    g.writeEndArray();
    warningsJson(warnings, g);
  }

  /** The {@code warnings} array of the {@code --json} contract, written only when non-empty. */
  static void warningsJson(List<String> warnings, JsonGenerator g) throws IOException {
    if (!warnings.isEmpty()) {
      g.writeArrayFieldStart("warnings");
      for (String w : warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
    }
  }

  /** Each warning as a {@code Warning: } line (text mode prints them on standard error). */
  static void warningsText(List<String> warnings, PrintStream out) {
    for (String w : warnings) {
      out.println("Warning: " + w);
    }
  }

  /** Every tolerance the lenient profile used: the header's, the block's, the KBPK's, the key's. */
  static List<String> messages(List<Tr31Warning> warnings) {
    List<String> out = new ArrayList<>(warnings.size());
    for (Tr31Warning w : warnings) {
      out.add(w.message());
    }
    return out;
  }

  /** Human-readable header with the standard's names, then the lenient profile's warnings. */
  static void text(KeyBlockHeader h, List<String> warnings, PrintStream out) {
    row(out, "Version", h.version().code(), h.version().meaning());
    // The length field as read: characters 1-4 of the header (toString writes the declared length).
    row(out, "Length", String.valueOf(Integer.parseInt(h.toString().substring(1, 5))), "characters");
    row(out, "Key usage", h.keyUsageCode(), h.keyUsage().meaning());
    row(out, "Algorithm", h.algorithm().code(), algorithmMeaning(h));
    row(out, "Mode of use", h.modeOfUseCode(), h.modeOfUse().meaning());
    row(out, "Key version", h.keyVersion().code(), keyVersionMeaning(h));
    row(out, "Exportability", h.exportability().code(), h.exportability().meaning());
    row(out, "Key context", h.keyContext().code(), h.keyContext().meaning());
    row(out, "Optional blocks", String.valueOf(h.optionalBlocks().size()), "");
    for (OptionalBlock b : h.optionalBlocks()) {
      String meaning = b.knownId().map(OptionalBlockId::meaning).orElse("proprietary");
      out.printf("  %-2s  %s  (%s)%n", b.id(), b.data(), meaning);
    }
    warningsText(warnings, out);
  }

  /** ISO 20038 (version E) reads {@code H} as HMAC-SHA-1; X9.143 names the hash in {@code HM}. */
  private static String algorithmMeaning(KeyBlockHeader h) {
    if (h.version() == KeyBlockVersion.E && h.algorithm() == KeyAlgorithm.HMAC) {
      return "HMAC-SHA-1 (ISO 20038)";
    }
    return h.algorithm().meaning();
  }

  private static String keyVersionMeaning(KeyBlockHeader h) {
    if (h.keyVersion().componentNumber().isPresent()) {
      return "key component " + h.keyVersion().componentNumber().getAsInt();
    }
    return h.keyVersion().code().equals("00") ? "not used" : "key version";
  }

  private static void row(PrintStream out, String label, String code, String meaning) {
    out.printf("%-16s %-4s %s%n", label, code, meaning);
  }
}
