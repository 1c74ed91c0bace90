import { A, createAsync, Navigate, useLocation } from "@solidjs/router";
import { ErrorBoundary, Show, type ParentProps } from "solid-js";
import type { Role } from "../accounts/api.js";
import { getMe } from "../accounts/queries.js";
import { t } from "./strings.js";
import { Alert, Loading, PageLoadError } from "./ui.js";

/** Renders its children only for a signed-in user with one of `roles`; sends others to sign in. */
export default function Guard(props: ParentProps<{ roles: Role[] }>) {
  const me = createAsync(() => getMe());
  const location = useLocation();
  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={me() !== undefined} fallback={<div class="inner page"><Loading /></div>}>
        <Show when={me()} fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}>
          {(user) => (
            <Show
              when={props.roles.includes(user().role)}
              fallback={
                <div class="inner page">
                  <h1 class="page-title">{t("common.forbidden")}</h1>
                  <Alert tone="warning">
                    <p>
                      <A href="/">{t("common.home")}</A>
                    </p>
                  </Alert>
                </div>
              }
            >
              {props.children}
            </Show>
          )}
        </Show>
      </Show>
    </ErrorBoundary>
  );
}
