import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, Show } from "solid-js";
import { Alert, PageLoadError, PageTitle } from "../app/ui.js";
import { governanceApi, type BodyView } from "./api.js";
import { BodyForm } from "./BodyForm.js";
import { CompositionSummary } from "./governance.js";
import { MeetingsPanel } from "./MeetingsPanel.js";
import { MembersPanel } from "./MembersPanel.js";
import { getBodies, getBody } from "./queries.js";
import { t } from "./strings.js";
import { TasksPanel } from "./TasksPanel.js";

/**
 * `/staff/governance/bodies/:bodyId`: one body for staff — its composition today, its definition
 * (changed behind a button), its members and terms, its meeting log, its designated tasks.
 */
export default function StaffBody() {
  const params = useParams();
  const body = createAsync(() => getBody(params.bodyId!, undefined));
  return (
    <div class="inner page gov-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={body()}>{(b) => <BodyPage body={b()} />}</Show>
      </ErrorBoundary>
    </div>
  );
}

function BodyPage(props: { body: BodyView }) {
  const location = useLocation<{ created?: string }>();
  const [editing, setEditing] = createSignal(false);
  const [changed, setChanged] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  return (
    <>
      <PageTitle title={`${props.body.name} | ${t("sg.title")}`} />
      <div class="page-head">
        <p class="breadcrumb">
          <A href="/staff/governance">{t("sg.title")}</A>
        </p>
        <h1 class="page-title">{props.body.name}</h1>
        <Show when={location.state?.created}>
          <Alert tone="success" role="status">
            <p>{t("sg.created", { name: location.state!.created! })}</p>
          </Alert>
        </Show>
        <Show when={changed()}>
          <Alert tone="success" role="status">
            <p>{t("sg.bodyChanged", { name: props.body.name })}</p>
          </Alert>
        </Show>
      </div>
      <CompositionSummary body={props.body} />
      <section class="section" aria-labelledby="body-edit-h">
        <h2 id="body-edit-h" class="section-title">
          {t("sg.bodyInfo")}
        </h2>
        <Show
          when={editing()}
          fallback={
            <button type="button" class="btn btn-secondary" ref={editButton} aria-expanded="false" onClick={() => setEditing(true)}>
              {t("sg.editBody")}
            </button>
          }
        >
          <BodyForm
            idPrefix="edit-body"
            body={props.body}
            submitLabel={t("sg.saveBody")}
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              await governanceApi.updateBody(props.body.id, input);
              await revalidate([getBody.key, getBodies.key]);
              setEditing(false);
              setChanged(true);
              queueMicrotask(() => editButton?.focus());
            }}
          />
        </Show>
      </section>
      <MembersPanel body={props.body} />
      <MeetingsPanel body={props.body} />
      <TasksPanel body={props.body} />
    </>
  );
}
