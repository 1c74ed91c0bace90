import { afterEach, describe, expect, it } from "vitest";
import { Sealed } from "../../../core/shared/sealing.js";
import { seal } from "../../../web/src/attendance/tablet/seal.js";

/**
 * The sealing scheme end to end without a server: the console's WebCrypto seal() against core's
 * open(); a key list rotates (the first key is handed out, the others still open what was sealed
 * to them); a retired key is a clear 400; a non-P-256 key is refused at start.
 */
afterEach(() => Sealed.setKeyProvider(undefined));

describe("sealed identifiers", () => {
  it("what the console seals, the server opens; the sealed value shows nothing of the number", async () => {
    const pem = Sealed.newKeyPem();
    Sealed.setKeyProvider(() => pem);
    const key = Sealed.publicKey();
    const sealed = await seal(key, { phone: "010-2345-6789" });
    expect(sealed.startsWith(`v1.${key.kid}.`)).toBe(true);
    expect(sealed).not.toMatch(/2345|6789/);
    expect(JSON.parse(Sealed.open(sealed))).toEqual({ phone: "010-2345-6789" });
    // Every sealing is fresh: the same number twice gives two unrelated values.
    expect(await seal(key, { phone: "010-2345-6789" })).not.toBe(sealed);
    const name = await seal(key, { name: "홍길동".repeat(30), birthDate: "1990-01-01" });
    expect(JSON.parse(Sealed.open(name)).name).toHaveLength(90);
  });

  it("rotates: a new key first, the old one still opens the queue sealed to it, then retired", async () => {
    const [oldPem, newPem] = [Sealed.newKeyPem(), Sealed.newKeyPem()];
    Sealed.setKeyProvider(() => oldPem);
    const oldKey = Sealed.publicKey();
    const queued = await seal(oldKey, { phone: "010-1111-2222" });

    Sealed.setKeyProvider(() => `${newPem}\n${oldPem}`);
    expect(Sealed.publicKey().kid).not.toBe(oldKey.kid);
    expect(JSON.parse(Sealed.open(queued))).toEqual({ phone: "010-1111-2222" });

    Sealed.setKeyProvider(() => newPem);
    expect(() => Sealed.open(queued)).toThrow(expect.objectContaining({ code: "sealed_key_retired", field: "sealed", kind: "validation" }));
  });

  it("refuses keys that are not P-256 private keys", () => {
    Sealed.setKeyProvider(() => "not a key");
    expect(() => Sealed.publicKey()).toThrow(/no PKCS#8 PEM/);
  });
});
