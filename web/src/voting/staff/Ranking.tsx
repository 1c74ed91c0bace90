import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show } from "solid-js";
import { Alert, LoadError, ScrollRegion } from "../../app/ui.js";
import type { RoundResults, RoundTally, RoundView } from "../api.js";
import { getStaffResults } from "../queries.js";
import { t } from "../strings.js";
import { TallyTable } from "../voting.js";
import { CoreChooser } from "./CoreChooser.js";

/** The ranking for staff: live while the round is open; once closed, choosing the core agendas, then the chosen ones. */
export function Ranking(props: { round: RoundView; onChanged: (message: string) => Promise<void> }) {
  const results = createAsync(() => getStaffResults(props.round.id));
  return (
    <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
      <Show when={results()}>
        {(res) => (
          <Show
            when={!res().hidden}
            fallback={
              <Alert tone="info" title={t("results.hiddenTitle")}>
                <p>{t("round.hiddenStaff")}</p>
              </Alert>
            }
          >
            <Show
              when={props.round.status === "closed"}
              fallback={
                <>
                  <p class="muted">{t("round.rankingLive")}</p>
                  <RankingTable tallies={res().tallies} core={res().coreAgendaIds} />
                </>
              }
            >
              <Show when={res().coreAgendaIds.length === 0} fallback={<CoreChosen results={res()} />}>
                <CoreChooser round={props.round} results={res()} onChosen={props.onChanged} />
              </Show>
            </Show>
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}

function RankingTable(props: { tallies: RoundTally[]; core: string[] }) {
  return (
    <ScrollRegion label={t("round.ranking")}>
      <TallyTable tallies={props.tallies} core={props.core} testId="ranking-table" />
    </ScrollRegion>
  );
}

function CoreChosen(props: { results: RoundResults }) {
  return (
    <>
      <Alert tone="success" title={t("round.coreChosenTitle", { n: props.results.coreAgendaIds.length })}>
        <p>{t("round.coreChosenDetail")}</p>
      </Alert>
      <RankingTable tallies={props.results.tallies} core={props.results.coreAgendaIds} />
    </>
  );
}
