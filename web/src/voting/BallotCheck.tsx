import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Match, Show, Switch, createResource } from "solid-js";
import { votingApi, type BallotCheck as BallotView } from "./api.js";
import { sha256Hex } from "./TallyCheck.js";
import { Alert, Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { channelName } from "./voting.js";
import { t } from "./strings.js";
import { getBallotCheck, getRound } from "./queries.js";

/** `/rounds/:roundId/ballots/:receipt`: what a ballot chose, for whoever holds its receipt (the voter). */
export default function BallotCheck() {
  const params = useParams();
  const ballot = createAsync(() => getBallotCheck(params.roundId!, params.receipt!));
  const round = createAsync(() => getRound(params.roundId!));
  return (
    <div class="inner page narrow-form">
      <div class="page-head">
        <p class="breadcrumb">
          <A href={`/rounds/${params.roundId}`}>{t("ballot.back")}</A>
        </p>
        <h1 class="page-title">{t("ballot.title")}</h1>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={ballot()}>
          {(b) => (
            <section class="card ballot-check" aria-labelledby="ballot-h">
              <PageTitle title={`${t("ballot.title")} ${b().receipt}`} />
              <h2 id="ballot-h" class="section-title">
                {t("ballot.counted")}
              </h2>
              <dl class="facts">
                {/* The round's title is a nicety: a failure to load it leaves the ballot on screen. */}
                <ErrorBoundary fallback={null}>
                  <Show when={round()}>
                    {(r) => (
                      <div>
                        <dt>{t("ballot.round")}</dt>
                        <dd>{r().title}</dd>
                      </div>
                    )}
                  </Show>
                </ErrorBoundary>
                <div>
                  <dt>{t("vote.receipt")}</dt>
                  <dd>
                    <strong data-testid="ballot-receipt">{b().receipt}</strong>
                  </dd>
                </div>
                <div>
                  <dt>{t("ballot.channel")}</dt>
                  <dd>{channelName(b().channel)}</dd>
                </div>
              </dl>
              <h3 class="mini-title">{t("ballot.choices", { n: b().choices.length })}</h3>
              <ol class="chosen-list" data-testid="ballot-choices">
                <For each={b().choices}>
                  {(c) => (
                    <li class="chosen-item">
                      <Icon name="check" size={24} />
                      <span class="chosen-title">{c.title}</span>
                    </li>
                  )}
                </For>
              </ol>
              <ErrorBoundary fallback={null}>
                <Show when={round()}>{(r) => <InPublishedList roundId={params.roundId!} closed={r().status === "closed"} ballot={b()} />}</Show>
              </ErrorBoundary>
              <Alert tone="info">
                <p>{t("ballot.privacy")}</p>
              </Alert>
              <p>
                <A href={`/rounds/${params.roundId}/results`}>{t("vote.seeResults")}</A>
              </p>
            </section>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

type ListCheck = { state: "later" } | { state: "failed" } | { state: "missing" } | { state: "found"; hash: string; same: boolean };

/**
 * Once the round has closed: is this ballot in the published ballot list? The receipt's SHA-256 is
 * computed here and looked up in the list; its line's choices are compared with the ballot's.
 */
function InPublishedList(props: { roundId: string; closed: boolean; ballot: BallotView }) {
  const [check] = createResource(
    () => (props.closed ? props.ballot.receipt : undefined),
    async (receipt): Promise<ListCheck> => {
      try {
        const [hash, list] = await Promise.all([sha256Hex(receipt), votingApi.ballotList(props.roundId)]);
        const line = list.ballots.find((l) => l.receiptHash === hash);
        if (!line) return { state: "missing" };
        const mine = props.ballot.choices.map((c) => c.id).sort();
        const listed = [...line.choices].sort();
        return { state: "found", hash, same: mine.length === listed.length && mine.every((id, i) => id === listed[i]) };
      } catch {
        return { state: "failed" };
      }
    },
  );
  const shown = (): ListCheck | undefined => (props.closed ? check() : { state: "later" });
  return (
    <section class="ballot-list-check" aria-labelledby="ballot-list-h" data-testid="ballot-in-list" data-state={shown()?.state ?? "loading"}>
      <h3 id="ballot-list-h" class="mini-title">
        {t("ballot.listTitle")}
      </h3>
      <div role="status" aria-live="polite">
        <Switch>
          <Match when={shown()?.state === "later"}>
            <p>{t("ballot.listLater")}</p>
          </Match>
          <Match when={shown()?.state === "failed"}>
            <Alert tone="warning">
              <p>{t("ballot.listFailed")}</p>
            </Alert>
          </Match>
          <Match when={shown()?.state === "missing"}>
            <Alert tone="danger">
              <p>{t("ballot.notInList")}</p>
            </Alert>
          </Match>
          <Match when={shown()?.state === "found" && (shown() as { hash: string; same: boolean })}>
            {(f) => (
              <Alert tone={f().same ? "success" : "danger"} title={t("ballot.inList")}>
                <p>
                  {f().same ? t("ballot.inListDetail", { hash: f().hash.slice(0, 12), n: props.ballot.choices.length }) : t("ballot.choicesDiffer")}{" "}
                  <A href={`/rounds/${props.roundId}/results`}>{t("tally.title")}</A>
                </p>
              </Alert>
            )}
          </Match>
        </Switch>
      </div>
    </section>
  );
}
