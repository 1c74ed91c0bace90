import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { createFormErrors, Field, FormError, Icon, LoadError, Loading, SelectField, TextArea } from "../app/ui.js";
import { kstToday } from "../projects/figures.js";
import { governanceApi, type BodyView, type TaskMethod } from "./api.js";
import { methodName, TASK_METHODS } from "./governance.js";
import { TaskTable } from "./MeetingLog.js";
import { getDashboard, getLog, getTasks } from "./queries.js";
import { t } from "./strings.js";

/** A body's designated tasks (지정과제) for staff: the list and a new one (topic, period, method, invited, taking part, what came of it). */
export function TasksPanel(props: { body: BodyView }) {
  const tasks = createAsync(() => getTasks(props.body.id));
  const [done, setDone] = createSignal<string>();
  const [topic, setTopic] = createSignal("");
  const [startsOn, setStartsOn] = createSignal("");
  const [endsOn, setEndsOn] = createSignal("");
  const [method, setMethod] = createSignal<TaskMethod>("online_survey");
  const [invited, setInvited] = createSignal("");
  const [participated, setParticipated] = createSignal("");
  const [summary, setSummary] = createSignal("");
  const ids = { topic: "task-topic", startsOn: "task-starts", endsOn: "task-ends", method: "task-method", invited: "task-invited", participated: "task-participated", summary: "task-summary" };
  const errors = createFormErrors(ids);
  const submit = errors.submit(async () => {
    const task = await governanceApi.recordTask(props.body.id, {
      topic: topic(),
      startsOn: startsOn(),
      endsOn: endsOn(),
      method: method(),
      invited: Number(invited() || NaN),
      participated: Number(participated() || NaN),
      ...(summary().trim() ? { summary: summary() } : {}),
    });
    await revalidate([getTasks.keyFor(props.body.id), getDashboard.key, getLog.key]);
    setTopic("");
    setSummary("");
    setDone(t("tasks.recorded", { topic: task.topic }));
  });
  return (
    <section class="section" aria-labelledby="tasks-h">
      <h2 id="tasks-h" class="section-title">
        {t("tasks.title")}
      </h2>
      <p class="muted">{t("tasks.lead")}</p>
      <p class="status-line" role="status">
        <Show when={done()}>
          <Icon name="check" size={18} />
          <span>{done()}</span>
        </Show>
      </p>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={tasks()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="empty">{t("tasks.empty")}</p>}>
                <TaskTable tasks={list()} caption={t("bodies.tasksCaption", { name: props.body.name })} />
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
      <h3 class="sub-title">{t("tasks.record")}</h3>
      <form class="card form" onSubmit={submit} novalidate data-testid="task-form">
        <FormError errors={errors} />
        <Field id={ids.topic} label={t("task.topic")} required maxLength={200} value={topic()} onInput={(e) => setTopic(e.currentTarget.value)} error={errors.field("topic")} />
        <div class="field-row">
          <Field id={ids.startsOn} type="date" label={t("tasks.startsOn")} required max={kstToday()} value={startsOn()} onInput={(e) => setStartsOn(e.currentTarget.value)} error={errors.field("startsOn")} />
          <Field id={ids.endsOn} type="date" label={t("tasks.endsOn")} required min={startsOn() || undefined} value={endsOn()} onInput={(e) => setEndsOn(e.currentTarget.value)} error={errors.field("endsOn")} />
          <SelectField id={ids.method} label={t("task.method")} value={method()} onChange={(e) => setMethod(e.currentTarget.value as TaskMethod)} error={errors.field("method")}>
            <For each={TASK_METHODS}>
              {(m) => (
                <option value={m} selected={method() === m}>
                  {methodName(m)}
                </option>
              )}
            </For>
          </SelectField>
        </div>
        <div class="field-row">
          <Field id={ids.invited} type="number" inputmode="numeric" min={0} label={t("tasks.invited")} required value={invited()} onInput={(e) => setInvited(e.currentTarget.value)} error={errors.field("invited")} />
          <Field id={ids.participated} type="number" inputmode="numeric" min={0} label={t("tasks.participated")} required value={participated()} onInput={(e) => setParticipated(e.currentTarget.value)} error={errors.field("participated")} />
        </div>
        <TextArea id={ids.summary} label={t("task.summary")} optional rows={3} maxLength={2000} value={summary()} onInput={(e) => setSummary(e.currentTarget.value)} error={errors.field("summary")} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
            {t("tasks.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
