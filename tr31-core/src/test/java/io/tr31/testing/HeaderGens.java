/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.Exportability;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyAttributePolicy;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.keyblock.KeyContext;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.KeyVersion;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.HashAlgorithm;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** QuickTheories generators for headers with permitted attributes and valid optional blocks. */
public final class HeaderGens {
  private HeaderGens() {}

  private static final List<Object[]> PERMITTED = permitted();

  private static List<Object[]> permitted() {
    List<Object[]> out = new ArrayList<>();
    for (KeyUsage u : KeyUsage.values()) {
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        for (ModeOfUse m : KeyAttributePolicy.permittedModes(u, a)) {
          out.add(new Object[] {u, a, m});
        }
      }
    }
    return out;
  }

  private static int pick(RandomnessSource in, int min, int max) {
    return (int) in.next(Constraint.between(min, max));
  }

  private static <T> T pick(RandomnessSource in, T[] values) {
    return values[pick(in, 0, values.length - 1)];
  }

  private static String chars(RandomnessSource in, String alphabet, int min, int max) {
    int n = pick(in, min, max);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(pick(in, 0, alphabet.length() - 1)));
    }
    return sb.toString();
  }

  private static final String HEX = "0123456789ABCDEF";
  private static final String ALNUM =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String PRINTABLE = printable();
  private static final String[] DA_USAGES =
      Stream.of(KeyUsage.values())
          .map(KeyUsage::code)
          .filter(c -> !c.isEmpty())
          .toArray(String[]::new);
  private static final String[] DA_MODES =
      Stream.of(ModeOfUse.values())
          .map(ModeOfUse::code)
          .filter(c -> !c.isEmpty())
          .toArray(String[]::new);

  private static String printable() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      sb.append(c);
    }
    return sb.toString();
  }

  /** One valid block of a defined ID. */
  static OptionalBlock block(RandomnessSource in, OptionalBlockId id) {
    switch (id) {
      case KC:
      case KP:
      case PK:
        KcvMethod m = pick(in, KcvMethod.values());
        byte[] kcv = new byte[pick(in, 2, m.maxLengthBytes())];
        for (int i = 0; i < kcv.length; i++) {
          kcv[i] = (byte) pick(in, 0, 255);
        }
        return OptionalBlock.kcv(id, m, kcv);
      case HM:
        return OptionalBlock.hmacHash(pick(in, HashAlgorithm.values()));
      case TC:
      case TS:
        long seconds = in.next(Constraint.between(0, 253402300799L));
        return OptionalBlock.timestamp(
            id, Instant.ofEpochSecond(seconds, pick(in, 0, 99) * 10_000_000L));
      case IK:
        return OptionalBlock.of(id, chars(in, HEX, 16, 16));
      case KS:
        return OptionalBlock.of(id, chars(in, HEX, 20, 20));
      case BI:
        return OptionalBlock.of(
            id, pick(in, 0, 1) == 0 ? "00" + chars(in, HEX, 10, 10) : "01" + chars(in, HEX, 8, 8));
      case AL:
        return OptionalBlock.of(id, pick(in, 0, 1) == 1 ? "0100" : "0101");
      case WP:
        return OptionalBlock.of(id, "00" + pick(in, 0, 3));
      case DA:
        List<String> entries = new ArrayList<>();
        for (int i = pick(in, 1, 4); i > 0; i--) {
          entries.add(
              pick(in, DA_USAGES)
                  + pick(in, KeyAlgorithm.values()).code()
                  + pick(in, DA_MODES)
                  + pick(in, Exportability.values()).code());
        }
        return OptionalBlock.of(id, "01" + String.join("", entries));
      case PB:
        return OptionalBlock.of(id, "0".repeat(pick(in, 0, 20)));
      case CT:
        if (pick(in, 0, 1) == 0) { // one certificate; long enough to exercise extended length
          return OptionalBlock.of(id, "0" + pick(in, 0, 1) + chars(in, PRINTABLE, 1, 700));
        }
        StringBuilder chain = new StringBuilder("02");
        for (int i = pick(in, 1, 3); i > 0; i--) {
          String cert = chars(in, PRINTABLE, 1, 200);
          chain.append('0').append(pick(in, 0, 1)).append(String.format("%04X", cert.length()));
          chain.append(cert);
        }
        return OptionalBlock.of(id, chain.toString());
      default:
        return OptionalBlock.of(id, chars(in, PRINTABLE, 0, 300));
    }
  }

  /** Headers with permitted attributes and 0..8 distinct valid optional blocks (PB last). */
  public static Gen<KeyBlockHeader> headers() {
    return in -> {
      Object[] t = PERMITTED.get(pick(in, 0, PERMITTED.size() - 1));
      KeyVersion kv;
      switch (pick(in, 0, 2)) {
        case 0:
          kv = KeyVersion.none();
          break;
        case 1:
          kv = KeyVersion.component(pick(in, 1, 9));
          break;
        default:
          String code = chars(in, ALNUM, 2, 2);
          // c0 and c followed by a non-digit name no component: strict refuses them (F5)
          kv = KeyVersion.of(code.charAt(0) == 'c' ? "C" + code.charAt(1) : code);
      }
      List<OptionalBlock> blocks = new ArrayList<>();
      List<OptionalBlockId> ids = new ArrayList<>(List.of(OptionalBlockId.values()));
      // X9.143:2021 6.3.6.5 and 6.3.6.8: KS only on TDES keys, HM only on HMAC keys.
      KeyAlgorithm algorithm = (KeyAlgorithm) t[1];
      if (algorithm != KeyAlgorithm.TDES) {
        ids.remove(OptionalBlockId.KS);
      }
      if (algorithm != KeyAlgorithm.HMAC
          && algorithm != KeyAlgorithm.HMAC_SHA2
          && algorithm != KeyAlgorithm.HMAC_SHA3) {
        ids.remove(OptionalBlockId.HM);
      }
      boolean pb = false;
      for (int n = pick(in, 0, 8); n > 0; n--) {
        OptionalBlockId id = ids.remove(pick(in, 0, ids.size() - 1));
        if (id == OptionalBlockId.PB) {
          pb = true;
        } else {
          blocks.add(block(in, id));
        }
      }
      if (pb) {
        blocks.add(block(in, OptionalBlockId.PB));
      }
      KeyBlockHeader.Builder b =
          KeyBlockHeader.builder()
              .version(pick(in, KeyBlockVersion.values()))
              .keyUsage((KeyUsage) t[0])
              .algorithm((KeyAlgorithm) t[1])
              .modeOfUse((ModeOfUse) t[2])
              .keyVersion(kv)
              .exportability(pick(in, Exportability.values()))
              .keyContext(pick(in, KeyContext.values()));
      for (OptionalBlock o : blocks) {
        b.optionalBlock(o);
      }
      return b.build();
    };
  }
}
