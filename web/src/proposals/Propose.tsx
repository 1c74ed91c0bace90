import { A, createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onCleanup, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatNumber } from "../app/format.js";
import { Alert, createFormErrors, Field, FormError, Icon, PageLoadError, SelectField, TextArea, usePageTitle } from "../app/ui.js";
import { isTransient } from "../app/retry.js";
import { createWrite } from "../app/write.js";
import { proposalsApi, type IntakeTarget, type ProposalCreated, type ProposalInput } from "./api.js";
import { placeName } from "./proposal.js";
import { getIntake, getPlace } from "./queries.js";
import { t } from "./strings.js";

/** What the form allows; the API checks the same limits and its message names the field. */
const LIMITS = { title: { min: 2, max: 100 }, body: { min: 10, max: 3000 }, area: 50 };

/** The forum given by ?forum=, or where the portal sends proposals now (the newest open forum, else the inbox). */
async function destination(forumId: string | undefined): Promise<IntakeTarget> {
  if (!forumId) return getIntake();
  const place = await getPlace(forumId);
  if (place.inbox) return getIntake();
  return { forumId: place.id, title: place.title ?? "", fields: place.fields ?? [], intake: place.intake, inbox: false };
}

/**
 * `/propose`: a resident's proposal, without signing in. Says where it goes; the API's errors go
 * next to their field; a lost answer is re-sent with the same Idempotency-Key (one receipt, one
 * proposal); a rate limit shows its wait. Success shows the receipt code to keep.
 */
export default function Propose() {
  const [search] = useSearchParams();
  const forumParam = () => (typeof search.forum === "string" && search.forum ? search.forum : undefined);
  const target = createAsync(() => destination(forumParam()));
  // The form's values live here, above the <Show>s, so nothing typed is lost if the target reloads.
  const [title, setTitle] = createSignal("");
  const [body, setBody] = createSignal("");
  const [field, setField] = createSignal("");
  const [area, setArea] = createSignal("");
  const [created, setCreated] = createSignal<ProposalCreated & { title: string }>();
  usePageTitle(() => (created() ? t("propose.doneTitle") : t("propose.title")));

  return (
    <div class="inner page narrow-form">
      <div class="page-head">
        <h1 class="page-title">{t("propose.title")}</h1>
        <p class="page-lead">{t("propose.lead")}</p>
      </div>
      <Show
        when={created()}
        fallback={
          <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
            <Show when={target()}>
              {(tg) => (
                <ProposeForm
                  target={tg()}
                  values={{ title, setTitle, body, setBody, field, setField, area, setArea }}
                  onCreated={(c) => {
                    setCreated({ ...c, title: title().trim() });
                    setTitle("");
                    setBody("");
                    setArea("");
                  }}
                />
              )}
            </Show>
          </ErrorBoundary>
        }
      >
        {(c) => <Received created={c()} onAnother={() => setCreated(undefined)} />}
      </Show>
      <aside class="side-note" aria-labelledby="have-code-h">
        <h2 id="have-code-h" class="mini-title">
          {t("propose.haveCode")}
        </h2>
        <p>
          <A href="/p">{t("propose.trackLink")}</A>
        </p>
      </aside>
    </div>
  );
}

interface Values {
  title: () => string;
  setTitle: (v: string) => void;
  body: () => string;
  setBody: (v: string) => void;
  field: () => string;
  setField: (v: string) => void;
  area: () => string;
  setArea: (v: string) => void;
}

/** Where the proposal goes, in words: a forum, or the standing inbox explained. */
function Destination(props: { target: IntakeTarget }) {
  return (
    <Show
      when={props.target.intake === "open"}
      fallback={
        <Alert tone="warning" title={t("propose.closedTitle")}>
          <p>{t("propose.closed", { title: placeName(props.target.title) })}</p>
          <p>
            <A href="/propose">{t("propose.toOpen")}</A>
          </p>
        </Alert>
      }
    >
      <Show
        when={!props.target.inbox}
        fallback={
          <Alert tone="info" title={t("propose.toInboxTitle")}>
            <p>{t("propose.toInbox")}</p>
          </Alert>
        }
      >
        <Alert tone="info" title={t("propose.toForumTitle")}>
          <p>
            <strong class="destination-name">{props.target.title}</strong>
          </p>
          <p>{t("propose.toForum")}</p>
        </Alert>
      </Show>
    </Show>
  );
}

function ProposeForm(props: { target: IntakeTarget; values: Values; onCreated: (c: ProposalCreated) => void }) {
  const v = props.values;
  const errors = createFormErrors({ title: "proposal-title", body: "proposal-body", field: "proposal-field", area: "proposal-area" });
  const write = createWrite(
    ({ forumId, input }: { forumId: string; input: ProposalInput }, key, signal) => proposalsApi.propose(forumId, input, key, signal),
    // A 429 was refused before anything was written; the same key again is harmless and covers an earlier lost answer.
    { keepKey: (err) => err instanceof ApiError && err.status === 429 },
  );
  const [wait, setWait] = createSignal(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(timer));

  const startWait = (seconds: number) => {
    clearInterval(timer);
    setWait(seconds);
    timer = setInterval(() => {
      setWait((s) => {
        if (s <= 1) clearInterval(timer);
        return Math.max(0, s - 1);
      });
    }, 1000);
  };

  const send = errors.submit(async () => {
    const forumId = props.target.forumId;
    const input = { title: v.title(), body: v.body(), field: v.field(), ...(v.area().trim() ? { area: v.area() } : {}) };
    try {
      props.onCreated(await write.run({ forumId, input }));
    } catch (err) {
      if (isTransient(err)) throw new Error(t("propose.networkFailed"));
      if (err instanceof ApiError && err.status === 429) startWait(err.retryAfterSeconds ?? 60);
      if (err instanceof ApiError && err.code === "intake_closed") void revalidate([getIntake.key, getPlace.key]);
      throw err;
    }
  });
  const submit = (e: SubmitEvent) => (wait() > 0 ? e.preventDefault() : send(e));
  const closed = () => props.target.intake !== "open";

  return (
    <>
      <Destination target={props.target} />
      <Show when={!closed()}>
        <form class="card form" onSubmit={submit} novalidate aria-busy={errors.pending() ? "true" : "false"}>
          <FormError errors={errors} id="proposal-error">
            <Show when={wait() > 0}>
              <p class="countdown" data-testid="proposal-wait">
                {t("propose.wait", { time: formatWait(wait()) })}
              </p>
              <p>{t("propose.notSent")}</p>
            </Show>
          </FormError>
          <SelectField
            id="proposal-field"
            label={t("propose.field")}
            hint={t("propose.fieldHint")}
            required
            value={v.field()}
            onChange={(e) => v.setField(e.currentTarget.value)}
            error={errors.field("field")}
          >
            <option value="">{t("propose.chooseField")}</option>
            <For each={props.target.fields}>{(f) => <option value={f}>{f}</option>}</For>
          </SelectField>
          <Field
            id="proposal-title"
            label={t("propose.titleLabel")}
            hint={t("propose.titleHint", { min: LIMITS.title.min, max: LIMITS.title.max })}
            required
            maxLength={LIMITS.title.max}
            value={v.title()}
            onInput={(e) => v.setTitle(e.currentTarget.value)}
            error={errors.field("title")}
            counter={{ length: v.title().trim().length, ...LIMITS.title }}
          />
          <TextArea
            id="proposal-body"
            label={t("propose.body")}
            hint={t("propose.bodyHint", { min: LIMITS.body.min, max: formatNumber(LIMITS.body.max) })}
            required
            rows={8}
            maxLength={LIMITS.body.max}
            value={v.body()}
            onInput={(e) => v.setBody(e.currentTarget.value)}
            error={errors.field("body")}
            counter={{ length: v.body().trim().length, ...LIMITS.body }}
          />
          <Field
            id="proposal-area"
            label={t("propose.area")}
            hint={t("propose.areaHint")}
            optional
            maxLength={LIMITS.area}
            autocomplete="off"
            value={v.area()}
            onInput={(e) => v.setArea(e.currentTarget.value)}
            error={errors.field("area")}
          />
          <p class="form-note">
            <Icon name="info" size={18} />
            <span>{t("propose.privacy")}</span>
          </p>
          <button type="submit" class="btn btn-primary btn-large btn-block" disabled={errors.pending() || wait() > 0}>
            <Show when={errors.pending()} fallback={wait() > 0 ? t("propose.wait", { time: formatWait(wait()) }) : t("propose.submit")}>
              <span class="spinner spinner-light" aria-hidden="true" />
              {write.retrying() > 0 ? t("propose.retrying", { n: write.retrying() }) : t("propose.sending")}
            </Show>
          </button>
        </form>
      </Show>
    </>
  );
}

/** 95 → "1:35"; under a minute, "45초" / "45 s". */
function formatWait(seconds: number): string {
  if (seconds < 60) return t("propose.seconds", { n: seconds });
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The confirmation: the receipt code, large, to copy or write down, and where to follow the proposal. */
function Received(props: { created: ProposalCreated & { title: string }; onAnother: () => void }) {
  const [copied, setCopied] = createSignal<"ok" | "manual">();
  let code: HTMLParagraphElement | undefined;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.created.receipt);
      setCopied("ok");
    } catch {
      // No clipboard (an insecure context, a refused permission): select the code for a manual copy.
      const range = document.createRange();
      if (code) range.selectNodeContents(code);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      setCopied("manual");
    }
  };

  return (
    <section class="card received" aria-labelledby="received-h">
      <div class="received-head">
        <Icon name="check" size={40} />
        <h2 id="received-h" class="section-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
          {t("propose.doneTitle")}
        </h2>
      </div>
      <p>{t("propose.doneLead", { title: props.created.title })}</p>
      <div class="receipt-box">
        <p class="receipt-label">
          {t("propose.receipt")}
        </p>
        <p class="receipt-code" ref={code} data-testid="receipt-code">
          {props.created.receipt}
        </p>
        <button type="button" class="btn btn-secondary" onClick={copy}>
          <Icon name="copy" size={20} />
          {t("propose.copy")}
        </button>
        <p class="copy-status" role="status">
          {copied() === "ok" ? t("propose.copied") : copied() === "manual" ? t("propose.copyManual") : ""}
        </p>
      </div>
      <Alert tone="warning">
        <p>{t("propose.keepCode")}</p>
      </Alert>
      <p>{t("propose.nextSteps")}</p>
      <div class="head-actions">
        <A href={`/p/${props.created.receipt}`} class="btn btn-primary btn-large">
          {t("propose.follow")}
        </A>
        <button type="button" class="btn btn-tertiary btn-large" onClick={props.onAnother}>
          {t("propose.another")}
        </button>
      </div>
    </section>
  );
}
