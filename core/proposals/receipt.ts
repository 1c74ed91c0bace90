import { createHmac, randomBytes } from "node:crypto";
import { hmacKey } from "../shared/config.js";
import { invalid } from "../shared/errors.js";

/**
 * Receipt codes: what a resident keeps to follow a proposal or prove a ballot. Twelve characters
 * of Crockford's base32 (no I, L, O, U: nothing to misread aloud or on paper), 60 random bits,
 * shown as XXXX-XXXX-XXXX. Lookups forgive case, spaces, dashes and the usual confusions.
 */
export namespace Receipt {
  const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  export const LENGTH = 12;

  const encode = (bytes: Buffer) => {
    let out = "";
    for (let i = 0; i < LENGTH; i++) out += ALPHABET[bytes[i]! & 31];
    return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
  };

  /** A fresh random code. */
  export const generate = () => encode(randomBytes(LENGTH));

  /** A code derived from a stable name under the HMAC key: unguessable, yet the same on a retry (imports). */
  export const derive = (name: string) => encode(createHmac("sha256", hmacKey()).update(`receipt:${name}`).digest());

  /** The canonical form of what someone typed, or undefined when it cannot be a code. */
  export function parse(raw: string): string | undefined {
    const s = raw
      .normalize("NFKC")
      .toUpperCase()
      .replace(/[\s\-_.]/g, "")
      .replace(/O/g, "0")
      .replace(/[IL]/g, "1");
    if (s.length !== LENGTH || [...s].some((ch) => !ALPHABET.includes(ch))) return undefined;
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
  }

  export function mustParse(raw: string): string {
    const code = parse(raw);
    if (!code) {
      throw invalid(
        "receipt_invalid",
        "receipt",
        "접수번호 형식이 아닙니다. 12자리 접수번호(예: 7K3M-Q9XA-2RTB)를 확인하세요.",
        "That is not a receipt code; check the 12-character code (e.g. 7K3M-Q9XA-2RTB).",
      );
    }
    return code;
  }
}
