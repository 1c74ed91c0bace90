import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { Icon, LoadError, Loading, ScrollRegion } from "../app/ui.js";
import type { SessionDevices as Devices } from "./api.js";
import { getSessionDevices } from "./queries.js";
import { t } from "./strings.js";

type Device = Devices["devices"][number];

/** A device id is random and long; its first characters are enough to tell a session's tablets apart. */
const shortId = (deviceId: string) => deviceId.slice(0, 8);

/** Tablets still holding items first, then the most recent reports. */
const byUrgency = (a: Device, b: Device) => Number(b.pending > 0) - Number(a.pending > 0) || b.reportedAt.localeCompare(a.reportedAt);

/**
 * The tablets that ran a session's console, each with its outbox as it last reported it, for staff
 * on the forum page: nobody should close a vote while a tablet still holds ballots.
 */
export function SessionDevices(props: { sessionId: string; sessionTitle: string }) {
  const devices = createAsync(() => getSessionDevices(props.sessionId));
  const [refreshing, setRefreshing] = createSignal(false);
  const headingId = () => `devices-${props.sessionId}-h`;

  const refresh = async () => {
    setRefreshing(true);
    try {
      await revalidate(getSessionDevices.keyFor(props.sessionId));
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <section class="session-devices" aria-labelledby={headingId()} data-testid="session-devices">
      <div class="session-devices-head">
        <h4 id={headingId()} class="mini-title">
          {t("devices.title")}
        </h4>
        <button type="button" class="btn btn-tertiary btn-small" onClick={refresh} disabled={refreshing()}>
          <Icon name="sync" size={18} />
          {t("devices.refresh")}
          <span class="visually-hidden">: {props.sessionTitle}</span>
        </button>
      </div>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={devices()} fallback={<Loading />}>
          {(d) => <DeviceTable devices={d()} sessionTitle={props.sessionTitle} />}
        </Show>
      </ErrorBoundary>
    </section>
  );
}

function DeviceTable(props: { devices: Devices; sessionTitle: string }) {
  const list = () => [...props.devices.devices].sort(byUrgency);
  const holding = () => props.devices.devices.filter((d) => d.pending > 0);
  const unsent = () => holding().reduce((n, d) => n + d.pending, 0);
  return (
    <Show when={props.devices.devices.length > 0} fallback={<p class="muted">{t("devices.empty")}</p>}>
      <p class="muted">{t("devices.lead")}</p>
      <p role="status" data-testid="devices-summary">
        <Show
          when={!props.devices.allEmpty}
          fallback={
            <SentBadge sent text={t("devices.summaryAllSent", { n: formatNumber(props.devices.devices.length) })} />
          }
        >
          <SentBadge sent={false} text={t("devices.summaryUnsent", { tablets: formatNumber(holding().length), n: formatNumber(unsent()) })} />
        </Show>
      </p>
      <ScrollRegion label={t("devices.caption", { session: props.sessionTitle })}>
        <table class="table devices-table" data-testid="devices-table">
          <caption class="visually-hidden">{t("devices.caption", { session: props.sessionTitle })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("devices.col.device")}</th>
              <th scope="col" class="num">
                {t("devices.col.saved")}
              </th>
              <th scope="col" class="num">
                {t("devices.col.recorded")}
              </th>
              <th scope="col" class="num">
                {t("devices.col.pending")}
              </th>
              <th scope="col" class="num">
                {t("devices.col.attention")}
              </th>
              <th scope="col">{t("devices.col.reportedAt")}</th>
              <th scope="col">{t("devices.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {(d) => (
                <tr data-device={d.deviceId}>
                  <th scope="row">
                    {d.label ?? t("devices.shortId", { id: shortId(d.deviceId) })}
                    <Show when={d.label}>
                      <span class="cell-sub nowrap">{t("devices.shortId", { id: shortId(d.deviceId) })}</span>
                    </Show>
                  </th>
                  <td class="num">{formatNumber(d.saved)}</td>
                  <td class="num">{formatNumber(d.recorded)}</td>
                  <td class="num">{formatNumber(d.pending)}</td>
                  <td class="num">{formatNumber(d.attention)}</td>
                  <td>{formatDateTime(d.reportedAt)}</td>
                  <td>
                    <Show
                      when={d.pending > 0}
                      fallback={
                        <SentBadge sent text={t("devices.allSent")} />
                      }
                    >
                      <SentBadge sent={false} text={t("devices.unsent", { n: formatNumber(d.pending) })} />
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
    </Show>
  );
}

/** Everything sent (green, check) or items still on a tablet (warning). */
function SentBadge(props: { sent: boolean; text: string }) {
  return (
    <span class={`status-badge ${props.sent ? "status-published" : "status-pending"}`}>
      <Icon name={props.sent ? "check" : "warning"} size={16} />
      {props.text}
    </span>
  );
}
