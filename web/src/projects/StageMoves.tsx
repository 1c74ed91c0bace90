import { createSignal, For, Show } from "solid-js";
import { createFormErrors, FormError, TextArea } from "../app/ui.js";
import { projectsApi, type ProjectMove, type ProjectStage, type ProjectView } from "./api.js";
import { stageName } from "./project.js";
import { t, type Key } from "./strings.js";

/** Where a project may be moved by hand from each stage (the decisions make the other moves). */
const MOVES: Record<ProjectMove, ProjectStage[]> = { running: ["funded"], done: ["running"], cancelled: ["plan", "selected", "funded", "running"] };

/**
 * The moves staff make by hand: start running (a funded project; its first card does it too),
 * done, or cancelled with a reason. Each asks once more before it is made.
 */
export function StageMoves(props: { project: ProjectView; onChanged: (message: string) => Promise<void> }) {
  const allowed = () => (Object.keys(MOVES) as ProjectMove[]).filter((m) => MOVES[m].includes(props.project.stage));
  const [asking, setAsking] = createSignal<ProjectMove>();
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors({ reason: "move-reason", stage: "move-confirm" });

  const confirm = errors.submit(async () => {
    const move = asking()!;
    await projectsApi.updateProject(props.project.id, { stage: move, ...(reason().trim() ? { reason: reason() } : {}) });
    setAsking(undefined);
    setReason("");
    await props.onChanged(t("move.done", { stage: stageName(move) }));
  });

  const ask = (m: ProjectMove) => {
    errors.clear();
    setAsking(m);
    queueMicrotask(() => document.getElementById(m === "cancelled" ? "move-reason" : "move-confirm")?.focus());
  };

  return (
    <section class="section" aria-labelledby="moves-h">
      <h2 id="moves-h" class="section-title">
        {t("move.title")}
      </h2>
      <Show when={allowed().length > 0} fallback={<p class="muted">{t("move.none", { stage: stageName(props.project.stage) })}</p>}>
        <p class="head-actions">
          <For each={allowed()}>
            {(m) => (
              <button type="button" class="btn" classList={{ "btn-secondary": m !== "cancelled", "btn-tertiary": m === "cancelled" }} aria-expanded={asking() === m ? "true" : "false"} onClick={() => ask(m)}>
                {t(`move.${m}` as Key)}
              </button>
            )}
          </For>
        </p>
        <Show when={asking()}>
          {(m) => (
            <form class="card form confirm-move" onSubmit={confirm} novalidate>
              <FormError errors={errors} />
              <p class="confirm-title">{t(`move.confirm.${m()}` as Key, { title: props.project.title })}</p>
              <Show when={m() === "cancelled"}>
                <TextArea id="move-reason" label={t("move.reason")} hint={t("move.reasonHint")} rows={2} maxLength={300} required value={reason()} onInput={(e) => setReason(e.currentTarget.value)} error={errors.field("reason")} />
              </Show>
              <div class="form-actions">
                <button type="submit" id="move-confirm" class="btn btn-primary" classList={{ "btn-danger": m() === "cancelled" }} disabled={errors.pending()}>
                  {t(`move.${m()}` as Key)}
                </button>
                <button type="button" class="btn btn-tertiary" onClick={() => setAsking(undefined)}>
                  {t("form.cancel")}
                </button>
              </div>
            </form>
          )}
        </Show>
      </Show>
    </section>
  );
}
