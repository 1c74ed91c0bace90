import { Show } from "solid-js";
import { ApiError } from "../../app/api.js";
import { Alert, createFormErrors, Field, FormError, Icon } from "../../app/ui.js";
import { formatPhone } from "../../attendance/tablet/entry.js";
import { votingApi } from "../api.js";
import { t } from "../strings.js";
import { maskPhone } from "../voting.js";

/** Where the one-time code went, and when it runs out and may be sent again (epoch ms). */
export interface Sent {
  to: string;
  expiresAt?: number;
  resendAt: number;
}

/** The first step of the online vote: the mobile number, to which a 6-digit code is sent. */
export function PhoneStep(props: { phone: string; setPhone: (v: string) => void; notice?: string; onSent: (s: Sent) => void }) {
  const errors = createFormErrors({ phone: "vote-phone" });
  const submit = errors.submit(
    async () => {
      const typed = props.phone.trim();
      if (!typed) throw new ApiError(400, "phone_required", t("vote.phoneRequired"), "phone");
      try {
        const res = await votingApi.requestCode(typed);
        const now = Date.now();
        props.onSent({ to: res.to, expiresAt: now + res.expiresInSeconds * 1000, resendAt: now + res.resendAfterSeconds * 1000 });
      } catch (err) {
        // A code went to this number less than a minute ago (a reload, a second tab): it is still good.
        if (err instanceof ApiError && err.code === "code_resend_too_soon") {
          props.onSent({ to: maskPhone(typed), resendAt: Date.now() + (err.retryAfterSeconds ?? 60) * 1000 });
          return;
        }
        throw err;
      }
    },
  );
  return (
    <form class="form vote-form" onSubmit={submit} novalidate>
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.phoneTitle")}
      </h2>
      <p>{t("vote.phoneLead")}</p>
      <Show when={props.notice}>
        <Alert tone="info" role="status">
          <p>{props.notice}</p>
        </Alert>
      </Show>
      <FormError errors={errors} />
      <Field
        id="vote-phone"
        label={t("vote.phone")}
        hint={t("vote.phoneHint")}
        class="field-large"
        type="tel"
        inputmode="numeric"
        autocomplete="tel-national"
        enterkeyhint="send"
        maxLength={20}
        value={props.phone}
        onInput={(e) => {
          props.setPhone(formatPhone(e.currentTarget.value));
          e.currentTarget.value = props.phone;
        }}
        error={errors.field("phone")}
      />
      <button type="submit" class="btn btn-primary btn-large vote-next" disabled={errors.pending()}>
        <Show when={errors.pending()} fallback={t("vote.sendCode")}>
          <span class="spinner spinner-light" aria-hidden="true" />
          {t("vote.sending")}
        </Show>
      </button>
      <p class="form-note">
        <Icon name="info" size={18} />
        <span>{t("vote.privacy")}</span>
      </p>
    </form>
  );
}
