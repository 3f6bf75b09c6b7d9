/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.keyblock.Exportability;
import io.tr31.keyblock.HashAlgorithm;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.keyblock.KeyContext;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.KeyVersion;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.keyblock.OptionalBlock;
import java.util.List;
import java.util.Optional;

/**
 * One of the six keys of the POS key set (seed page {@code POST /pos/keys}), in the seed's install
 * order, with its JSON name, its JSON {@code usage} string, its parent key and the version D header
 * attributes that bind its role (ANSI X9.143:2022 6.2, Tables 2-5).
 *
 * <table class="striped">
 *   <caption>Roles (justified in src/docs/KEYSET.md)</caption>
 *   <thead><tr><th>slot</th><th>wrapped under</th><th>usage</th><th>algorithm</th>
 *       <th>mode</th><th>export</th><th>extra block</th></tr></thead>
 *   <tbody>
 *     <tr><td>tmk</td><td>ZMK</td><td>K1</td><td>A</td><td>D</td><td>N</td><td></td></tr>
 *     <tr><td>kek</td><td>TMK</td><td>K1</td><td>A</td><td>D</td><td>N</td><td></td></tr>
 *     <tr><td>msk</td><td>KEK</td><td>D0</td><td>A</td><td>B</td><td>N</td><td></td></tr>
 *     <tr><td>tpk</td><td>KEK</td><td>P0</td><td>A</td><td>E</td><td>N</td><td></td></tr>
 *     <tr><td>tdk</td><td>KEK</td><td>D0</td><td>A</td><td>B</td><td>N</td><td></td></tr>
 *     <tr><td>mac</td><td>KEK</td><td>M7</td><td>H</td><td>C</td><td>N</td><td>HM = 21 (SHA-256)</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>MSK and TDK share their attributes (both are AES data keys used both ways); what keeps one
 * from being installed as the other is the slot name bound in each block's {@code LB} label
 * (src/docs/KEYSET.md). An installed set gives each slot's authenticated header, {@link
 * InstalledKeySet#header(Slot)}.
 *
 * <h2>Security</h2>
 *
 * Immutable. Every key is 32 bytes: AES-256, and a 256-bit HMAC-SHA256 key (RFC 2104 section 3: at
 * least the hash output length). Key context {@code 0} and key version {@code 00} keep the header
 * readable by TR-31:2018 parsers.
 *
 * @since 0.1.0
 */
public enum Slot {
  /** Terminal master key: wraps the KEK; unwrapped with the pre-provisioned ZMK. */
  TMK(
      "tmk",
      "key-encryption",
      KeyUsage.KEY_BLOCK_PROTECTION,
      KeyAlgorithm.AES,
      ModeOfUse.DECRYPT_ONLY),
  /** Key encryption key: wraps MSK, TPK, TDK and MAC; unwrapped with the TMK. */
  KEK(
      "kek",
      "key-encryption",
      KeyUsage.KEY_BLOCK_PROTECTION,
      KeyAlgorithm.AES,
      ModeOfUse.DECRYPT_ONLY),
  /** Master session key: the {@code TR31-DATA} envelope key (AES-256-CBC). */
  MSK(
      "msk",
      "data-encryption",
      KeyUsage.DATA_ENCRYPTION_SYMMETRIC,
      KeyAlgorithm.AES,
      ModeOfUse.ENCRYPT_DECRYPT),
  /** Terminal PIN key: encrypts PIN blocks; the terminal never decrypts them. */
  TPK("tpk", "pin-encryption", KeyUsage.PIN_ENCRYPTION, KeyAlgorithm.AES, ModeOfUse.ENCRYPT_ONLY),
  /** Terminal data key: legacy/auxiliary data encryption. */
  TDK(
      "tdk",
      "data-encryption",
      KeyUsage.DATA_ENCRYPTION_SYMMETRIC,
      KeyAlgorithm.AES,
      ModeOfUse.ENCRYPT_DECRYPT),
  /** MAC key: HMAC-SHA256 over envelope bodies, generate and verify. */
  MAC(
      "mac",
      "message-authentication",
      KeyUsage.MAC_HMAC,
      KeyAlgorithm.HMAC,
      ModeOfUse.GENERATE_VERIFY);

  /** Every key of the set has 32 bytes. */
  public static final int KEY_BYTES = 32;

  private final String jsonName;
  private final String usage;
  private final KeyUsage keyUsage;
  private final KeyAlgorithm algorithm;
  private final ModeOfUse modeOfUse;

  Slot(String jsonName, String usage, KeyUsage keyUsage, KeyAlgorithm algorithm, ModeOfUse mode) {
    this.jsonName = jsonName;
    this.usage = usage;
    this.keyUsage = keyUsage;
    this.algorithm = algorithm;
    this.modeOfUse = mode;
  }

  /** {@return the slot's name in the JSON ({@code tmk}, {@code kek}, ...)} */
  public String jsonName() {
    return jsonName;
  }

  /** {@return the JSON {@code usage} string the seed gives this slot} */
  String usage() {
    return usage;
  }

  /** {@return the X9.143 key usage of the slot's key block} */
  KeyUsage keyUsage() {
    return keyUsage;
  }

  /**
   * {@return the X9.143 algorithm of the slot's key block ({@code A}, or {@code H} for the MAC
   * key)}
   */
  KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** {@return the X9.143 mode of use of the slot's key block} */
  ModeOfUse modeOfUse() {
    return modeOfUse;
  }

  /** {@return the exportability of every slot: {@code N}, the terminal never re-exports a key} */
  Exportability exportability() {
    return Exportability.NON_EXPORTABLE;
  }

  /**
   * {@return the slot whose key this slot's block is wrapped under; empty for the TMK (wrapped
   * under the ZMK, which is no slot)}
   */
  public Optional<Slot> parent() {
    switch (this) {
      case TMK:
        return Optional.empty();
      case KEK:
        return Optional.of(TMK);
      default:
        return Optional.of(KEK);
    }
  }

  /** The name of the parent key as the documentation writes it: ZMK, TMK, KEK. */
  String parentName() {
    return parent().map(p -> p.name()).orElse("ZMK");
  }

  /**
   * The slot's header template: version D, the slot's attributes, key version {@code 00}, key
   * context {@code 0}, and for the MAC key the {@code HM} block naming SHA-256. The issuer adds
   * {@code LB} and {@code TS}.
   *
   * @return a new header, with length field {@code 0000}
   */
  KeyBlockHeader headerTemplate() {
    KeyBlockHeader.Builder b =
        KeyBlockHeader.builder()
            .version(KeyBlockVersion.D)
            .keyUsage(keyUsage)
            .algorithm(algorithm)
            .modeOfUse(modeOfUse)
            .keyVersion(KeyVersion.none())
            .exportability(exportability())
            .keyContext(KeyContext.DETERMINED_BY_WRAPPING_KEY);
    if (this == MAC) {
      b.optionalBlock(OptionalBlock.hmacHash(HashAlgorithm.SHA_256));
    }
    return b.build();
  }
}
