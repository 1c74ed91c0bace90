import { A, createAsync, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, onCleanup, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import type { Role } from "./api.js";
import { homeFor, isStaff, signIn } from "./auth.js";
import { getMe } from "./queries.js";
import { Alert, createFormErrors, Field, FormError, LoadError, usePageTitle } from "../app/ui.js";
import { t } from "./strings.js";

/** Only same-site paths the role may open are honoured as ?next=. */
function nextFor(role: Role, next: string | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return homeFor(role);
  if (next.startsWith("/staff") && !isStaff(role)) return homeFor(role);
  return next;
}

/** `/login`: email + password; API errors shown as they come, and the wait after too many failures. */
export default function Login() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const me = createAsync(() => getMe());
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [wait, setWait] = createSignal(0);
  const errors = createFormErrors({ email: "login-email", password: "login-password" });
  let timer: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(timer));

  usePageTitle(() => t("login.title"));

  const startWait = (seconds: number) => {
    clearInterval(timer);
    setWait(seconds);
    timer = setInterval(() => {
      setWait((s) => {
        if (s <= 1) {
          clearInterval(timer);
          return 0;
        }
        return s - 1;
      });
    }, 1000);
  };

  const signInAndGo = errors.submit(
    async () => {
      const user = await signIn(email(), password());
      const next = typeof search.next === "string" ? search.next : undefined;
      navigate(nextFor(user.role, next), { replace: true });
    },
    (err) => {
      if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) startWait(err.retryAfterSeconds);
      if (!(err instanceof ApiError && err.field)) document.getElementById("login-password")?.focus();
    },
  );
  const submit = (e: SubmitEvent) => (wait() > 0 ? e.preventDefault() : signInAndGo(e));

  return (
    <div class="inner page narrow">
      <div class="page-head">
        <h1 class="page-title">{t("login.title")}</h1>
        <p class="page-lead">{t("login.lead")}</p>
      </div>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={me()}>
          {(user) => (
            <Alert tone="info">
              <p>{t("login.already", { name: user().name })}</p>
              <p>
                <A href={homeFor(user().role)}>{t("login.continue")}</A>
              </p>
            </Alert>
          )}
        </Show>
      </ErrorBoundary>
      <form class="card form" onSubmit={submit} novalidate>
        <FormError errors={errors} id="login-error">
          <Show when={wait() > 0}>
            <p class="countdown">{t("login.wait", { n: wait() })}</p>
          </Show>
        </FormError>
        <Field
          id="login-email"
          label={t("login.email")}
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={errors.field("email")}
          aria-describedby={errors.form() ? "login-error" : undefined}
        />
        <Field
          id="login-password"
          label={t("login.password")}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={errors.field("password")}
          aria-describedby={errors.form() ? "login-error" : undefined}
        />
        <button type="submit" class="btn btn-primary btn-large btn-block" disabled={errors.pending() || wait() > 0}>
          {errors.pending() ? t("login.pending") : wait() > 0 ? t("login.wait", { n: wait() }) : t("login.submit")}
        </button>
      </form>
    </div>
  );
}
