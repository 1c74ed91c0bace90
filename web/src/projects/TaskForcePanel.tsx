import { A, createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { getUsers } from "../accounts/queries.js";
import { Icon, LoadError, Loading } from "../app/ui.js";
import { projectsApi, type ProjectView } from "./api.js";
import { getMembers, getMyProjects } from "./queries.js";
import { t } from "./strings.js";

/**
 * The project's task force as accounts: the `taskforce` accounts assigned to it (they file its
 * cards, and nothing else), assigning one more from the task-force accounts, removing one.
 */
export function TaskForcePanel(props: { project: ProjectView }) {
  return (
    <section class="section" aria-labelledby="taskforce-h">
      <h2 id="taskforce-h" class="section-title">
        {t("taskforce.title")}
      </h2>
      <p class="muted">{t("taskforce.counts", { public: props.project.taskForce.publicMembers, private: props.project.taskForce.privateMembers })}</p>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Members projectId={props.project.id} />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function Members(props: { projectId: string }) {
  const members = createAsync(() => getMembers(props.projectId));
  const users = createAsync(() => getUsers());
  const [choice, setChoice] = createSignal("");
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const accounts = () => (users() ?? []).filter((u) => u.role === "taskforce" && !u.disabled);
  const available = () => accounts().filter((u) => !(members() ?? []).some((m) => m.userId === u.id));

  const run = async (action: () => Promise<string>) => {
    setPending(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const message = await action();
      await revalidate([getMembers.keyFor(props.projectId), getMyProjects.key]);
      setNotice(message);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  const assign = (e: SubmitEvent) => {
    e.preventDefault();
    if (!choice() || pending()) return;
    void run(async () => {
      const a = await projectsApi.assign(props.projectId, choice());
      setChoice("");
      return t("taskforce.assigned", { name: a.name });
    });
  };

  return (
    <div class="card taskforce-card">
      <div role="status">
        <Show when={notice()}>
          <p class="notice-line">
            <Icon name="check" size={18} />
            <span>{notice()}</span>
          </p>
        </Show>
      </div>
      <h3 class="mini-title">{t("taskforce.accounts")}</h3>
      <Show when={members()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{t("taskforce.none")}</p>}>
            <ul class="chip-list" data-testid="taskforce-members">
              <For each={list()}>
                {(m) => (
                  <li class="chip">
                    <Icon name="user" size={18} />
                    <span>
                      {m.name} <span class="muted">({m.email})</span>
                    </span>
                    <button
                      type="button"
                      class="chip-remove"
                      aria-label={t("taskforce.removeLabel", { name: m.name })}
                      disabled={pending()}
                      onClick={() =>
                        run(async () => {
                          await projectsApi.unassign(props.projectId, m.userId);
                          return t("taskforce.removed", { name: m.name });
                        })
                      }
                    >
                      {t("taskforce.remove")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show
        when={accounts().length > 0}
        fallback={
          <p class="muted">
            {t("taskforce.noAccounts")} <A href="/staff/users">{t("taskforce.createAccounts")}</A>
          </p>
        }
      >
        <form class="assign-form" onSubmit={assign}>
          <label for="taskforce-assign" class="visually-hidden">
            {t("taskforce.assignLabel")}
          </label>
          <select
            id="taskforce-assign"
            class="input select"
            value={choice()}
            onChange={(e) => setChoice(e.currentTarget.value)}
            aria-describedby={error() ? "taskforce-assign-error" : undefined}
            aria-invalid={error() ? "true" : undefined}
          >
            <option value="">{t("taskforce.choose")}</option>
            <For each={available()}>
              {(u) => (
                <option value={u.id}>
                  {u.name} ({u.email})
                </option>
              )}
            </For>
          </select>
          <button type="submit" class="btn btn-secondary" disabled={pending() || !choice()}>
            {t("taskforce.assign")}
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p id="taskforce-assign-error" class="field-error" role="alert">
          <Icon name="error" size={18} />
          <span>{error()}</span>
        </p>
      </Show>
    </div>
  );
}
