import { A } from "@solidjs/router";
import { usePageTitle } from "./ui.js";
import { t } from "./strings.js";

export default function NotFound() {
  usePageTitle(() => t("common.notFound"));
  return (
    <div class="inner page narrow">
      <h1 class="page-title">{t("common.notFound")}</h1>
      <p class="page-lead">{t("common.notFoundBody")}</p>
      <p>
        <A href="/" class="btn btn-primary">
          {t("common.home")}
        </A>
      </p>
    </div>
  );
}
