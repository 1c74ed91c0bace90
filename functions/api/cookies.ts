import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";

/**
 * The app's cookies. On https their names carry the browser-enforced prefixes: `__Host-` (Secure,
 * Path=/, no Domain, so no sibling subdomain can plant or overwrite them) and, for the voter
 * cookie that lives under /api, `__Secure-`. Locally (http) the plain names are used.
 */
export const Cookies = {
  session: { name: "gongnon_session", path: "/" },
  csrf: { name: "gongnon_csrf", path: "/" },
  device: { name: "gongnon_device", path: "/" },
  client: { name: "gongnon_client", path: "/" },
  voter: { name: "gongnon_voter", path: "/api" },
} as const;
type Which = (typeof Cookies)[keyof typeof Cookies];

const https = (c: Context) => c.req.url.startsWith("https:");
const prefix = (c: Context, which: Which) => (https(c) ? (which.path === "/" ? ("host" as const) : ("secure" as const)) : undefined);

export function readCookie(c: Context, which: Which): string | undefined {
  return getCookie(c, which.name, prefix(c, which));
}

export function writeCookie(c: Context, which: Which, value: string, opts: Omit<CookieOptions, "path" | "secure" | "prefix" | "domain">) {
  setCookie(c, which.name, value, { ...opts, path: which.path, secure: https(c), prefix: prefix(c, which) });
}

export function dropCookie(c: Context, which: Which) {
  deleteCookie(c, which.name, { path: which.path, secure: https(c), prefix: prefix(c, which) });
}
