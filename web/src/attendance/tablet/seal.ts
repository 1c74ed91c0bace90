/**
 * Seals an identifier typed at the table to the server's public key before it goes into the
 * console's outbox (see core/shared/sealing.ts for the scheme): ECDH P-256 with a fresh ephemeral
 * key, HKDF-SHA256 to an AES-256-GCM key, the key id as additional data. The tablet keeps only the
 * sealed string; it cannot open it again. WebCrypto only, so it runs in the browser and in Node.
 */
export interface SealingKey {
  alg: string;
  kid: string;
  jwk: { kty: "EC"; crv: "P-256"; x: string; y: string };
}

const VERSION = "v1";
const enc = new TextEncoder();

function b64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (const b of view) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** What the person typed, as the server reads it: `{phone}` or `{name, birthDate}`. */
export type Identifier = { phone: string } | { name: string; birthDate: string };

export async function seal(key: SealingKey, identifier: Identifier): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const server = await subtle.importKey("jwk", { ...key.jwk, ext: true }, { name: "ECDH", namedCurve: "P-256" }, false, []);
  const ephemeral = (await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"])) as CryptoKeyPair;
  const point = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
  const shared = await subtle.deriveBits({ name: "ECDH", public: server }, ephemeral.privateKey, 256);
  const hkdf = await subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  const aes = await subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: point, info: enc.encode(`gongnon-seal-${VERSION}|${key.kid}`) },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  );
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(key.kid) }, aes, enc.encode(JSON.stringify(identifier)));
  return [VERSION, key.kid, b64url(point), b64url(iv), b64url(ct)].join(".");
}
