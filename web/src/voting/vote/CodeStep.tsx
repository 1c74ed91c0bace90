import { createSignal, Show } from "solid-js";
import { ApiError } from "../../app/api.js";
import { createFormErrors, Field, FormError, Icon } from "../../app/ui.js";
import { votingApi } from "../api.js";
import { t } from "../strings.js";
import { formatSeconds, useNow } from "../voting.js";
import type { Sent } from "./PhoneStep.js";

/** The code sent to the number: its expiry and the resend wait counted down; confirming sets the voter cookie. */
export function CodeStep(props: { phone: string; sent: Sent; onResent: (s: Sent) => void; onBack: () => void; onVerified: () => void }) {
  const now = useNow();
  const [code, setCode] = createSignal("");
  const [resent, setResent] = createSignal<string>();
  const [resending, setResending] = createSignal(false);
  const errors = createFormErrors({ code: "vote-code" });
  const waitResend = () => (props.sent.resendAt - now()) / 1000;
  const expiresIn = () => (props.sent.expiresAt === undefined ? undefined : (props.sent.expiresAt - now()) / 1000);

  const submit = errors.submit(async () => {
    const typed = code().replace(/\s/g, "");
    if (!/^\d{6}$/.test(typed)) throw new ApiError(400, "code_format", t("vote.codeFormat"), "code");
    await votingApi.confirmCode(props.phone, typed);
    props.onVerified();
  });

  const resend = async () => {
    if (resending() || waitResend() > 0) return;
    setResending(true);
    setResent(undefined);
    errors.clear();
    try {
      const res = await votingApi.requestCode(props.phone);
      const at = Date.now();
      props.onResent({ to: res.to, expiresAt: at + res.expiresInSeconds * 1000, resendAt: at + res.resendAfterSeconds * 1000 });
      setCode("");
      setResent(t("vote.resent", { to: res.to }));
      document.getElementById("vote-code")?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.retryAfterSeconds) props.onResent({ ...props.sent, resendAt: Date.now() + err.retryAfterSeconds * 1000 });
      errors.show(err);
    } finally {
      setResending(false);
    }
  };

  return (
    <form class="form vote-form" onSubmit={submit} novalidate>
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.codeTitle")}
      </h2>
      <p class="code-sent" data-testid="code-sent">
        {props.sent.expiresAt === undefined ? t("vote.codeSentBefore", { to: props.sent.to }) : t("vote.codeSent", { to: props.sent.to })}
      </p>
      <Show when={expiresIn()}>
        {(left) => (
          <p class="code-expiry" classList={{ "is-expired": left() <= 0 }}>
            <Show when={left() > 0} fallback={t("vote.codeExpired")}>
              {t("vote.codeExpiresIn")} <span class="countdown">{formatSeconds(left())}</span>
            </Show>
          </p>
        )}
      </Show>
      <p class="resend-status" role="status">
        {resent() ?? ""}
      </p>
      <FormError errors={errors} />
      <Field
        id="vote-code"
        label={t("vote.code")}
        hint={t("vote.codeHint")}
        class="field-large field-code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]*"
        enterkeyhint="done"
        maxLength={6}
        value={code()}
        onInput={(e) => {
          setCode(e.currentTarget.value.replace(/\D/g, "").slice(0, 6));
          e.currentTarget.value = code();
        }}
        error={errors.field("code")}
      />
      <div class="vote-buttons">
        <button type="submit" class="btn btn-primary btn-large vote-next" disabled={errors.pending()}>
          <Show when={errors.pending()} fallback={t("vote.confirmCode")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("vote.checking")}
          </Show>
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={resend} disabled={resending() || waitResend() > 0} aria-describedby="vote-resend-note">
          <Icon name="sync" size={20} />
          {t("vote.resend")}
        </button>
        <button type="button" class="btn btn-tertiary btn-large" onClick={props.onBack}>
          {t("vote.changeNumber")}
        </button>
      </div>
      <p id="vote-resend-note" class="field-hint">
        <Show when={waitResend() > 0} fallback={t("vote.resendReady")}>
          {t("vote.resendIn")} <span class="countdown">{formatSeconds(waitResend())}</span>
        </Show>
      </p>
    </form>
  );
}
