/**
 * The security headers of the web app's pages, the same from the local server and from
 * CloudFront (a response-headers policy in sst.config.ts). The app passes this policy: no inline
 * script or style, fonts and styles from its own origin, no framing by other sites.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const PAGE_HEADERS = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
} as const;

/** HSTS is sent on https only (CloudFront); a local http server must not pin a browser to https. */
export const HSTS = { maxAgeSeconds: 2 * 365 * 24 * 3600, includeSubdomains: true } as const;
