import type { Auth } from "../../core/accounts/auth.js";

/** What middleware puts on the context for the handlers. */
export type Env = {
  Variables: {
    actor?: Auth.Actor;
    authVia?: "cookie" | "bearer";
    lang: "ko" | "en";
  };
};
