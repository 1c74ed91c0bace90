import { A, createAsync, useNavigate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, lazy, Show, Suspense } from "solid-js";
import type { ReceiptView } from "./api.js";
import { FieldBadge, placeName, SourceBadge, StageSteps, StatusBadge, sessionLine, Timeline } from "./proposal.js";
import { Alert, Field, PageLoadError, PageTitle, usePageTitle } from "../app/ui.js";
import { formatDateTime } from "../app/format.js";
import { t } from "./strings.js";
import { INBOX, getReceipt } from "./queries.js";

/** Where the proposal went after it became a core agenda (projects, decisions, money): the projects feature's, its own chunk. */
const Journey = lazy(() => import("../projects/Journey.js"));

/** A receipt code typed by hand: any case, with or without dashes (the API forgives both). */
export function ReceiptLookup(props: { id: string; compact?: boolean }) {
  const navigate = useNavigate();
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const typed = code().trim();
    if (!typed) {
      setError(t("receipt.codeRequired"));
      document.getElementById(props.id)?.focus();
      return;
    }
    setError(undefined);
    setCode("");
    navigate(`/p/${encodeURIComponent(typed.replace(/\s+/g, ""))}`);
  };
  return (
    <form class="lookup-form" classList={{ card: !props.compact }} onSubmit={submit} novalidate>
      <Field
        id={props.id}
        label={props.compact ? t("receipt.otherCode") : t("receipt.code")}
        hint={t("receipt.codeHint")}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={40}
        value={code()}
        onInput={(e) => {
          setCode(e.currentTarget.value);
          setError(undefined);
        }}
        error={error()}
      />
      <button type="submit" class="btn btn-primary">
        {t("receipt.lookup")}
      </button>
    </form>
  );
}

/** `/p`: look a proposal up by its receipt code. */
export function ReceiptSearch() {
  usePageTitle(() => t("receipt.searchTitle"));
  return (
    <div class="inner page narrow-form">
      <div class="page-head">
        <h1 class="page-title">{t("receipt.searchTitle")}</h1>
        <p class="page-lead">{t("receipt.searchLead")}</p>
      </div>
      <ReceiptLookup id="receipt-code-input" />
      <p class="side-note">
        {t("receipt.noCode")} <A href="/propose">{t("nav.propose")}</A>
      </p>
    </div>
  );
}

/**
 * `/p/:code`: what became of a proposal, for whoever holds its receipt code: its status, how far
 * down the funnel it went, its text (as text, always), why it was hidden or where it was merged,
 * and its history as a timeline.
 */
export default function Receipt() {
  const params = useParams();
  const view = createAsync(() => getReceipt(params.code!));
  return (
    <div class="inner page">
      <div class="page-head">
        <p class="breadcrumb">
          <A href="/p">{t("receipt.searchTitle")}</A>
        </p>
        <h1 class="page-title">{t("receipt.title")}</h1>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={view()}>{(v) => <ReceiptDetail view={v()} />}</Show>
      </ErrorBoundary>
      <section class="section lookup-again" aria-labelledby="lookup-again-h">
        <h2 id="lookup-again-h" class="visually-hidden">
          {t("receipt.otherCode")}
        </h2>
        <ReceiptLookup id="receipt-other-code" compact />
      </section>
    </div>
  );
}

function StatusNote(props: { view: ReceiptView }) {
  const p = () => props.view.proposal;
  const listHref = () => `/forums/${props.view.forum.id}/proposals`;
  return (
    <>
      <Show when={p().status === "pending"}>
        <p class="status-note">{t("receipt.note.pending")}</p>
      </Show>
      <Show when={p().status === "published"}>
        <p class="status-note">
          {t("receipt.note.published")} <A href={listHref()}>{t("receipt.seeList")}</A>
        </p>
      </Show>
      <Show when={p().status === "hidden"}>
        <Alert tone="warning" title={t("receipt.note.hidden")}>
          <Show when={p().hiddenReason}>
            <p data-testid="hidden-reason">{t("receipt.reason", { reason: p().hiddenReason! })}</p>
          </Show>
        </Alert>
      </Show>
      <Show when={p().status === "merged"}>
        <Alert tone="info" title={t("receipt.note.merged")}>
          <Show when={props.view.mergedInto} fallback={<p>{t("receipt.mergedUnknown")}</p>}>
            {(into) => (
              <>
                <p data-testid="merged-into">{t("receipt.mergedInto", { title: into().title })}</p>
                <p class="merged-into-status">
                  <StatusBadge status={into().status} />
                  <span>{t(`proposal.stage.${into().stage}`)}</span>
                </p>
                <p>{t("receipt.mergedFollow")}</p>
              </>
            )}
          </Show>
        </Alert>
      </Show>
    </>
  );
}

function ReceiptDetail(props: { view: ReceiptView }) {
  const v = () => props.view;
  const p = () => props.view.proposal;
  const inbox = () => v().forum.id === INBOX;
  return (
    <>
      <PageTitle title={`${t("receipt.title")} ${v().receipt}`} />
      <section class="card receipt-status" aria-labelledby="status-h">
        <div class="receipt-status-head">
          <div>
            <h2 id="status-h" class="mini-title">
              {t("receipt.status")}
            </h2>
            <StatusBadge status={p().status} large />
          </div>
          <p class="receipt-code-small">
            <span class="muted">{t("propose.receipt")}</span> <strong data-testid="receipt-code">{v().receipt}</strong>
          </p>
        </div>
        <StatusNote view={v()} />
        <h3 class="mini-title">{t("proposal.stageLabel")}</h3>
        <StageSteps stage={p().stage} />
      </section>

      {/* Its own boundary: the receipt stands whether or not the journey's code loads. */}
      <ErrorBoundary fallback={null}>
        <Suspense>
          <Journey journey={v().journey} />
        </Suspense>
      </ErrorBoundary>

      <div class="two-col receipt-body">
        <article class="section" aria-labelledby="proposal-h">
          <h2 id="proposal-h" class="proposal-title-large" data-testid="proposal-title">
            {p().title}
          </h2>
          <div class="proposal-meta">
            <FieldBadge field={p().field} />
            <SourceBadge source={p().source} />
            <Show when={sessionLine(p())}>{(line) => <span class="meta-text">{line()}</span>}</Show>
            <Show when={p().area}>
              <span class="meta-text">{p().area}</span>
            </Show>
            <span class="meta-text">
              <time datetime={p().createdAt}>{formatDateTime(p().createdAt)}</time>
            </span>
          </div>
          <p class="proposal-text" data-testid="proposal-body">
            {p().body}
          </p>
          <Show when={p().original}>
            {(o) => (
              <details class="original">
                <summary>{t("proposal.originalSummary")}</summary>
                <p class="muted">{t("proposal.originalNote")}</p>
                <p class="original-title">{o().title}</p>
                <p class="proposal-text">{o().body}</p>
              </details>
            )}
          </Show>
          <dl class="facts">
            <div>
              <dt>{t("receipt.where")}</dt>
              <dd>
                <Show when={!inbox()} fallback={<>{t("inbox.title")} <span class="muted">— {t("inbox.explain")}</span></>}>
                  <A href={`/forums/${v().forum.id}`}>{placeName(v().forum.title)}</A>
                </Show>
              </dd>
            </div>
          </dl>
        </article>
        <section class="section" aria-labelledby="history-h">
          <h2 id="history-h" class="section-title">
            {t("receipt.history")}
          </h2>
          <Timeline history={p().history} />
        </section>
      </div>
    </>
  );
}
