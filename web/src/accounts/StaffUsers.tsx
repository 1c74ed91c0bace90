import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { accountsApi, type Me, type Role, type UserInfo } from "./api.js";
import { getMe, getUsers } from "./queries.js";
import { Alert, createFormErrors, FormError, Field, LoadError, ScrollRegion, usePageTitle } from "../app/ui.js";
import { t } from "./strings.js";

/** What the signed-in user may manage: admins any role, staff facilitators and task forces (the API enforces the same). */
const manageable = (actor: Me | null | undefined): Role[] =>
  actor?.role === "admin" ? ["facilitator", "taskforce", "staff", "admin"] : actor?.role === "staff" ? ["facilitator", "taskforce"] : [];

/** `/staff/users`: accounts, creating one, disabling and enabling. */
export default function StaffUsers() {
  const me = createAsync(() => getMe());
  const users = createAsync(() => getUsers());
  const [busy, setBusy] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  usePageTitle(() => t("users.title"));

  /** A plain function: `a() && b` inline in a `when` becomes a throw-away memo around me() (web/README.md). */
  const canToggle = (u: UserInfo) => manageable(me()).includes(u.role) && u.id !== me()?.userId;

  const toggle = async (u: UserInfo) => {
    setBusy(u.id);
    setError(undefined);
    try {
      await accountsApi.updateUser(u.id, { disabled: !u.disabled });
      await revalidate(getUsers.key);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div class="inner page">
      <div class="page-head">
        <h1 class="page-title">{t("users.title")}</h1>
        <p class="page-lead">{t("users.lead")}</p>
      </div>
      <div class="two-col">
        <section aria-labelledby="users-h" class="section">
          <h2 id="users-h" class="section-title">{t("users.list")}</h2>
          <Show when={error()}>
            <Alert tone="danger" role="alert">
              <p>{error()}</p>
            </Alert>
          </Show>
          <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
            <Show when={users()}>
              {(list) => (
                <ScrollRegion label={t("users.list")}>
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("users.col.name")}</th>
                        <th scope="col">{t("users.col.role")}</th>
                        <th scope="col">{t("users.col.status")}</th>
                        <th scope="col">{t("users.col.actions")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list()}>
                        {(u) => (
                          <tr classList={{ "row-disabled": u.disabled }}>
                            <th scope="row">
                              {u.name}
                              <Show when={u.id === me()?.userId}>
                                <span class="badge"> {t("users.you")}</span>
                              </Show>
                              <span class="cell-sub">{u.email}</span>
                            </th>
                            <td>{t(`role.${u.role}`)}</td>
                            <td>
                              <span class="status" classList={{ "status-off": u.disabled, "status-on": !u.disabled }}>
                                {u.disabled ? t("users.disabled") : t("users.active")}
                              </span>
                            </td>
                            <td>
                              <Show when={canToggle(u)}>
                                <button
                                  type="button"
                                  class="btn btn-tertiary btn-small"
                                  aria-label={u.disabled ? t("users.enableLabel", { name: u.name }) : t("users.disableLabel", { name: u.name })}
                                  disabled={busy() === u.id}
                                  onClick={() => toggle(u)}
                                >
                                  {u.disabled ? t("users.enable") : t("users.disable")}
                                </button>
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
            </Show>
          </ErrorBoundary>
        </section>
        <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
          <CreateUser roles={manageable(me())} />
        </ErrorBoundary>
      </div>
    </div>
  );
}

function CreateUser(props: { roles: Role[] }) {
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("facilitator");
  const [password, setPassword] = createSignal("");
  const [notice, setNotice] = createSignal<string>();
  const errors = createFormErrors({ name: "user-name", email: "user-email", role: "user-role", password: "user-password" });
  /** Staff (not admins) create only some roles: the form says so. */
  const limited = () => props.roles.length > 0 && !props.roles.includes("admin");

  const submit = errors.submit(async () => {
    setNotice(undefined);
    const created = await accountsApi.createUser({ name: name(), email: email(), role: role(), password: password() });
    await revalidate(getUsers.key);
    setNotice(t("users.created", { name: created.name, email: created.email }));
    setName("");
    setEmail("");
    setPassword("");
  });

  return (
    <section aria-labelledby="create-user-h" class="section">
      <h2 id="create-user-h" class="section-title">{t("users.create")}</h2>
      <form class="card form" onSubmit={submit} novalidate>
        <Show when={notice()}>
          <Alert tone="success" role="status">
            <p>{notice()}</p>
          </Alert>
        </Show>
        <FormError errors={errors} />
        <Field id="user-name" label={t("users.name")} required maxLength={100} autocomplete="off" value={name()} onInput={(e) => setName(e.currentTarget.value)} error={errors.field("name")} />
        <Field
          id="user-email"
          type="email"
          label={t("users.email")}
          required
          autocomplete="off"
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={errors.field("email")}
        />
        <div class="field" classList={{ "has-error": !!errors.field("role") }}>
          <label for="user-role" class="field-label">
            {t("users.role")}
          </label>
          <Show when={limited()}>
            <p id="user-role-hint" class="field-hint">
              {t("users.roleStaffOnly")}
            </p>
          </Show>
          <select
            id="user-role"
            class="input select"
            value={role()}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            aria-describedby={[limited() ? "user-role-hint" : "", errors.field("role") ? "user-role-error" : ""].filter(Boolean).join(" ") || undefined}
            aria-invalid={errors.field("role") ? "true" : undefined}
          >
            <For each={props.roles}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
          </select>
          <Show when={errors.field("role")}>
            <p id="user-role-error" class="field-error">
              {errors.field("role")}
            </p>
          </Show>
        </div>
        <Field
          id="user-password"
          type="password"
          label={t("users.password")}
          hint={t("users.passwordHint")}
          required
          minLength={10}
          autocomplete="new-password"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={errors.field("password")}
        />
        <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
          {t("users.submit")}
        </button>
      </form>
    </section>
  );
}
