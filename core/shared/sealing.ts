import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { AppError } from "./errors.js";

/**
 * Sealed identifiers: a number typed at the table is encrypted on the tablet to the server's
 * public key before it is stored in the console's outbox, so the tablet cannot read its own queue.
 *
 * The scheme (WebCrypto on the tablet, node:crypto here): ECDH P-256 between a fresh ephemeral key
 * and the server's key, HKDF-SHA256 of the shared secret (salt: the ephemeral public point, info:
 * "gongnon-seal-v1|<kid>") to an AES-256-GCM key, a random 96-bit IV, the key id as additional
 * data. A sealed value is `v1.<kid>.<ephemeral point>.<iv>.<ciphertext+tag>`, base64url parts.
 *
 * The private keys are kept like the HMAC key, never in the table: the SST secret `SealingKey`
 * on AWS, a file in DATA_DIR locally (GONGNON_SEALING_KEY_FILE), or GONGNON_SEALING_KEY. The value
 * holds one or more PKCS#8 PEM keys: the first is current (its public half is handed to consoles),
 * the others are still accepted while queued items sealed to them drain (see README, rotation).
 */
export namespace Sealed {
  export const VERSION = "v1";
  export const MAX_LENGTH = 4096;

  type KeyProvider = () => string;
  let provider: KeyProvider | undefined;
  let cached: { kid: string; privateKey: KeyObject; publicKey: KeyObject }[] | undefined;

  /** The Lambda entry point registers SST's secret here. */
  export function setKeyProvider(p: KeyProvider | undefined) {
    provider = p;
    cached = undefined;
  }

  function source(): string {
    const given = provider?.();
    if (given) return given;
    if (process.env.GONGNON_SEALING_KEY_FILE) return readFileSync(process.env.GONGNON_SEALING_KEY_FILE, "utf8");
    if (process.env.GONGNON_SEALING_KEY) return process.env.GONGNON_SEALING_KEY;
    throw new Error("No sealing key configured: bind the SealingKey secret or set GONGNON_SEALING_KEY_FILE.");
  }

  /** A new private key, PKCS#8 PEM (what `npm start` writes to DATA_DIR, and what the secret holds). */
  export const newKeyPem = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

  const b64 = (b: Buffer) => b.toString("base64url");

  /** The raw uncompressed point of a P-256 public key (65 bytes). */
  function rawPoint(publicKey: KeyObject): Buffer {
    const jwk = publicKey.export({ format: "jwk" });
    return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
  }

  /** A key's id: the first 16 characters of the SHA-256 of its public point. */
  const kidOf = (publicKey: KeyObject) => b64(createHash("sha256").update(rawPoint(publicKey)).digest()).slice(0, 16);

  function keys() {
    if (cached) return cached;
    const pems = source().match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g) ?? [];
    if (pems.length === 0) throw new Error("The sealing key holds no PKCS#8 PEM private key.");
    cached = pems.map((pem) => {
      const privateKey = createPrivateKey(pem);
      if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        throw new Error("Sealing keys are EC P-256 keys (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).");
      }
      const publicKey = createPublicKey(privateKey);
      return { kid: kidOf(publicKey), privateKey, publicKey };
    });
    return cached;
  }

  /** What a console seals to: the current key's id and public JWK. */
  export function publicKey(): { alg: string; kid: string; jwk: { kty: "EC"; crv: "P-256"; x: string; y: string } } {
    const current = keys()[0]!;
    const jwk = current.publicKey.export({ format: "jwk" });
    return { alg: "ECDH-P256+HKDF-SHA256+A256GCM", kid: current.kid, jwk: { kty: "EC", crv: "P-256", x: jwk.x!, y: jwk.y! } };
  }

  const unreadable = () =>
    new AppError(
      "validation",
      "sealed_unreadable",
      {
        ko: "암호화된 식별 정보를 읽을 수 없습니다. 진행 도구(콘솔)를 새로 고친 뒤 번호를 다시 입력하세요.",
        en: "The sealed identifier cannot be read; reload the console and type the number again.",
      },
      { field: "sealed" },
    );

  /**
   * Opens a sealed value: the plaintext, in memory only, for the caller to normalise and hash.
   * Anything malformed, sealed to an unknown key or tampered with is a 400 (`sealed_unreadable`,
   * `sealed_key_retired`), never a 500.
   */
  export function open(sealed: string): string {
    const parts = sealed.split(".");
    if (sealed.length > MAX_LENGTH || parts.length !== 5 || parts[0] !== VERSION || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw unreadable();
    const [, kid, epk, iv, ct] = parts as [string, string, string, string, string];
    const key = keys().find((k) => k.kid === kid);
    if (!key) {
      throw new AppError(
        "validation",
        "sealed_key_retired",
        {
          ko: "이 항목은 더 이상 쓰지 않는 키로 암호화되었습니다. 참여자의 번호를 다시 입력하세요.",
          en: "This item was sealed to a key that is no longer in use; type the participant's number again.",
        },
        { field: "sealed" },
      );
    }
    try {
      const point = Buffer.from(epk, "base64url");
      const ivBytes = Buffer.from(iv, "base64url");
      const body = Buffer.from(ct, "base64url");
      if (point.length !== 65 || point[0] !== 4 || ivBytes.length !== 12 || body.length < 17) throw unreadable();
      const ephemeral = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) }, format: "jwk" });
      const shared = diffieHellman({ privateKey: key.privateKey, publicKey: ephemeral });
      const aesKey = Buffer.from(hkdfSync("sha256", shared, point, Buffer.from(`gongnon-seal-${VERSION}|${kid}`), 32));
      const decipher = createDecipheriv("aes-256-gcm", aesKey, ivBytes);
      decipher.setAAD(Buffer.from(kid));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unreadable();
    }
  }

  /**
   * What an idempotency record may keep of a sealed request: a digest of the ciphertext. A retry
   * carries the same ciphertext; nobody can turn the digest back into a person, not even with the
   * private key (the ciphertext itself is forgotten).
   */
  export const digest = (sealed: string) => b64(createHash("sha256").update(`sealed|${sealed}`).digest());
}
