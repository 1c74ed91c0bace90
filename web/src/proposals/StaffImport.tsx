import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { batch, createSignal, ErrorBoundary, For, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { proposalsApi, type ImportJob, type ImportPreview, type ImportRow } from "./api.js";
import { placeName } from "./proposal.js";
import { Alert, createFormErrors, FormError, Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { formatNumber } from "../app/format.js";
import { t, type Key } from "./strings.js";
import { getPlace, getProposals, getStatusCounts, type Place } from "./queries.js";
import { withRetry } from "../app/retry.js";

/**
 * `/staff/forums/:forumId/import`: proposals collected on paper, from a CSV or XLSX file. First a
 * check of every row (nothing written), with each row's errors; then the rows to take (all, or
 * those the staff member confirms); then the import itself, a chunk per request, with a real
 * progress bar. A lost connection is retried; if it stays lost, "continue" resumes where it stopped.
 */
export default function StaffImport() {
  const params = useParams();
  const place = createAsync(() => getPlace(params.forumId!));
  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={place()}>{(pl) => <ImportFlow place={pl()} />}</Show>
      </ErrorBoundary>
    </div>
  );
}

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

function ImportFlow(props: { place: Place }) {
  const [file, setFile] = createSignal<File>();
  const [preview, setPreview] = createSignal<ImportPreview>();
  const [chosen, setChosen] = createSignal<ReadonlySet<number>>(new Set());
  const [job, setJob] = createSignal<ImportJob>();
  const [stalled, setStalled] = createSignal<string>();
  const [running, setRunning] = createSignal(false);
  const [onlyErrors, setOnlyErrors] = createSignal(false);
  const check = createFormErrors({ file: "import-file" });
  const start = createFormErrors({});
  let fileInput: HTMLInputElement | undefined;

  const reset = () =>
    batch(() => {
      setPreview(undefined);
      setOnlyErrors(false);
      setJob(undefined);
      setStalled(undefined);
      check.clear();
      start.clear();
    });

  const submitPreview = check.submit(async () => {
    const f = file();
    if (!f) {
      fileInput?.focus();
      throw new ApiError(400, "file_missing", t("import.chooseFirst"), "file");
    }
    reset();
    const p = await proposalsApi.previewImport(props.place.id, f);
    batch(() => {
      setPreview(p);
      setChosen(new Set(p.rows.filter((r) => r.errors.length === 0).map((r) => r.row)));
    });
    focusSoon("import-preview-h");
  });

  /** Drives the job to the end, a chunk per request; transient failures are retried, then the user may continue. */
  const drive = async (first: ImportJob) => {
    setRunning(true);
    setStalled(undefined);
    let j = first;
    setJob(j);
    try {
      while (j.status !== "done") {
        const id = j.id;
        j = await withRetry((signal) => proposalsApi.continueImport(id, signal), () => undefined);
        setJob(j);
      }
      void revalidate([getProposals.key, getStatusCounts.key]);
      focusSoon("import-done-h");
    } catch (err) {
      setStalled(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(false);
    }
  };

  const submitImport = start.submit(async () => {
    const p = preview();
    const f = file();
    if (!p || !f) return;
    const all = p.invalid === 0 && chosen().size === p.total;
    const rows = all ? undefined : [...chosen()].sort((a, b) => a - b);
    const first = await proposalsApi.startImport(props.place.id, f, rows);
    focusSoon("import-progress-h");
    await drive(first);
  });

  const toggle = (row: number, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });

  return (
    <>
      <PageTitle title={`${t("import.title")}: ${placeName(props.place.title)}`} />
      <div class="page-head">
        <p class="breadcrumb">
          <A href={`/staff/forums/${props.place.id}/proposals`}>{t("mod.title")}</A>
        </p>
        <p class="page-kicker">{placeName(props.place.title)}</p>
        <h1 class="page-title">{t("import.title")}</h1>
        <p class="page-lead">{t("import.lead")}</p>
      </div>
      <Show when={props.place.intake !== "open"}>
        <Alert tone="warning" title={t("import.closedTitle")}>
          <p>{t("import.closed")}</p>
          <Show when={!props.place.inbox}>
            <p>
              <A href={`/staff/forums/${props.place.id}`}>{t("mod.backToForum")}</A>
            </p>
          </Show>
        </Alert>
      </Show>

      <section class="section" aria-labelledby="import-file-h">
        <h2 id="import-file-h" class="section-title">
          {t("import.step1")}
        </h2>
        <form class="card form import-form" onSubmit={submitPreview} novalidate>
          <FormError errors={check} />
          <div class="field" classList={{ "has-error": !!check.field("file") }}>
            <label for="import-file" class="field-label">
              {t("import.file")}
            </label>
            <p id="import-file-hint" class="field-hint">
              {t("import.fileHint")}
            </p>
            <input
              id="import-file"
              ref={fileInput}
              type="file"
              class="input input-file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={check.field("file") ? "import-file-hint import-file-error" : "import-file-hint"}
              aria-invalid={check.field("file") ? "true" : undefined}
              disabled={running()}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0]);
                reset();
              }}
            />
            <Show when={check.field("file")}>
              <p id="import-file-error" class="field-error">
                <Icon name="error" size={18} />
                <span>{check.field("file")}</span>
              </p>
            </Show>
          </div>
          <button type="submit" class="btn btn-primary btn-large" disabled={check.pending() || running()}>
            {check.pending() ? t("import.checking") : t("import.check")}
          </button>
        </form>
      </section>

      <Show when={preview()}>
        {(p) => (
          <section class="section" aria-labelledby="import-preview-h">
            <h2 id="import-preview-h" class="section-title" tabindex="-1">
              {t("import.step2", { name: p().fileName })}
            </h2>
            <dl class="import-summary">
              <div>
                <dt>{t("import.total")}</dt>
                <dd>{t("import.rows", { n: formatNumber(p().total) })}</dd>
              </div>
              <div class="ok">
                <dt>{t("import.valid")}</dt>
                <dd>{t("import.rows", { n: formatNumber(p().valid) })}</dd>
              </div>
              <div classList={{ bad: p().invalid > 0 }}>
                <dt>{t("import.invalid")}</dt>
                <dd data-testid="import-invalid">{t("import.rows", { n: formatNumber(p().invalid) })}</dd>
              </div>
            </dl>
            <Show when={!job()}>
              <Show
                when={p().invalid > 0}
                fallback={
                  <Alert tone="success">
                    <p>{t("import.allValid")}</p>
                  </Alert>
                }
              >
                <Alert tone="warning" title={t("import.hasErrors", { n: p().invalid })}>
                  <p>{t("import.nothingWritten")}</p>
                </Alert>
              </Show>
            </Show>
            <Show when={p().invalid > 0}>
              <label class="check-option">
                <input type="checkbox" class="checkbox" checked={onlyErrors()} onChange={(e) => setOnlyErrors(e.currentTarget.checked)} />
                <span>{t("import.onlyErrors")}</span>
              </label>
            </Show>
            <PreviewTable preview={p()} onlyErrors={onlyErrors()} chosen={chosen()} onToggle={toggle} disabled={running() || !!job()} />
            <Show when={!job()}>
              <form class="import-start" onSubmit={submitImport} novalidate>
                <FormError errors={start} />
                <p class="muted">{t("import.chosen", { n: chosen().size, total: p().total })}</p>
                <button type="submit" class="btn btn-primary btn-large" disabled={start.pending() || chosen().size === 0}>
                  {chosen().size === p().total ? t("import.startAll", { n: chosen().size }) : t("import.startChosen", { n: chosen().size })}
                </button>
              </form>
            </Show>
          </section>
        )}
      </Show>

      <Show when={job()}>
        {(j) => (
          <section class="section" aria-labelledby="import-progress-h">
            <h2 id="import-progress-h" class="section-title" tabindex="-1">
              {t("import.step3")}
            </h2>
            <Progress job={j()} />
            <Show when={stalled()}>
              <Alert tone="danger" role="alert" title={t("import.stalled")}>
                <p>{stalled()}</p>
                <button type="button" class="btn btn-secondary btn-small" onClick={() => void drive(j())} disabled={running()}>
                  {t("import.resume")}
                </button>
              </Alert>
            </Show>
            <Show when={j().status === "done"}>
              <div class="card import-done">
                <h3 id="import-done-h" class="mini-title" tabindex="-1">
                  <Icon name="check" size={24} />
                  {t("import.done", { n: formatNumber(j().total) })}
                </h3>
                <div class="head-actions">
                  <A href={`/staff/forums/${props.place.id}/proposals?status=published&source=import`} class="btn btn-primary">
                    {t("import.seeImported")}
                  </A>
                  <A href={`/forums/${props.place.id}/proposals?source=import`} class="btn btn-secondary">
                    {t("mod.publicList")}
                  </A>
                  <button
                    type="button"
                    class="btn btn-tertiary"
                    onClick={() => {
                      reset();
                      setFile(undefined);
                      if (fileInput) fileInput.value = "";
                      fileInput?.focus();
                    }}
                  >
                    {t("import.another")}
                  </button>
                </div>
              </div>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}

function Progress(props: { job: ImportJob }) {
  const pct = () => (props.job.total > 0 ? Math.round((props.job.done / props.job.total) * 100) : 100);
  const text = () => t("import.progress", { done: formatNumber(props.job.done), total: formatNumber(props.job.total), pct: pct() });
  return (
    <div class="progress-box">
      <div
        class="progress"
        role="progressbar"
        aria-labelledby="import-progress-h"
        aria-valuemin="0"
        aria-valuemax={props.job.total}
        aria-valuenow={props.job.done}
        aria-valuetext={text()}
        data-testid="import-progress"
      >
        <span class="progress-fill" style={{ width: `${pct()}%` }} />
      </div>
      <p class="progress-text" aria-hidden="true">
        {text()}
      </p>
      {/* Announced once, at the end; the bar itself says where it is whenever it is read. */}
      <p class="visually-hidden" role="status">
        {props.job.status === "done" ? t("import.done", { n: formatNumber(props.job.total) }) : ""}
      </p>
    </div>
  );
}

const COLUMN: Record<string, Key> = {
  title: "import.col.title",
  body: "import.col.body",
  field: "import.col.field",
  area: "import.col.area",
  session: "import.col.session",
  table: "import.col.table",
};

function PreviewTable(props: { preview: ImportPreview; onlyErrors: boolean; chosen: ReadonlySet<number>; onToggle: (row: number, on: boolean) => void; disabled: boolean }) {
  const label = (field: string) => (COLUMN[field] ? t(COLUMN[field]!) : field);
  return (
    <ScrollRegion label={t("import.tableLabel")}>
      <table class="table import-table">
        <caption class="visually-hidden">{t("import.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.col.take")}</th>
            <th scope="col">{t("import.col.row")}</th>
            <th scope="col">{t("import.col.check")}</th>
            <th scope="col">{t("import.col.title")}</th>
            <th scope="col">{t("import.col.field")}</th>
            <th scope="col">{t("import.col.area")}</th>
            <th scope="col">{t("import.col.session")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.onlyErrors ? props.preview.rows.filter((r) => r.errors.length > 0) : props.preview.rows}>
            {(r: ImportRow) => (
              <tr classList={{ "row-error": r.errors.length > 0 }} data-row={r.row}>
                <td>
                  <input
                    type="checkbox"
                    class="checkbox"
                    id={`import-row-${r.row}`}
                    checked={props.chosen.has(r.row)}
                    disabled={props.disabled || r.errors.length > 0}
                    onChange={(e) => props.onToggle(r.row, e.currentTarget.checked)}
                    aria-label={t("import.takeRow", { n: r.row })}
                  />
                </td>
                <td class="num">{r.row}</td>
                <td>
                  <Show
                    when={r.errors.length > 0}
                    fallback={
                      <span class="row-ok">
                        <Icon name="check" size={18} />
                        {t("import.ok")}
                      </span>
                    }
                  >
                    <ul class="row-errors">
                      <For each={r.errors}>
                        {(e) => (
                          <li>
                            <Icon name="error" size={18} />
                            <span>
                              <strong>{label(e.field)}</strong>: {e.message}
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </td>
                <th scope="row">{r.title || "—"}</th>
                <td>{r.field || "—"}</td>
                <td>{r.area ?? "—"}</td>
                <td>
                  {r.session ?? "—"}
                  <Show when={r.table !== undefined}> · {t("proposal.table", { n: r.table! })}</Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollRegion>
  );
}
