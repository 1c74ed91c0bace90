import { A, createAsync, useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show, Suspense } from "solid-js";
import { isStaff, signOut } from "../accounts/auth.js";
import { getMe } from "../accounts/queries.js";
import { lang, setLang, type Lang } from "./i18n.js";
import { t } from "./strings.js";
import { Loading } from "./ui.js";

const LANGS: { code: Lang; label: string }[] = [
  { code: "ko", label: "한국어" },
  { code: "en", label: "English" },
];

function Logo() {
  return (
    <svg class="logo-mark" width="36" height="36" viewBox="0 0 36 36" aria-hidden="true">
      <rect width="36" height="36" rx="8" fill="var(--krds-color-light-primary-50)" />
      <circle cx="12" cy="14" r="4" fill="#fff" />
      <circle cx="24" cy="14" r="4" fill="#fff" opacity="0.8" />
      <path d="M5 29c1.5-5 4-7 7-7s5.5 2 7 7M17 29c1.5-5 4-7 7-7s5.5 2 7 7" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
    </svg>
  );
}

/** Three lines, or a cross while the menu is open. */
function MenuIcon(props: { open: boolean }) {
  return (
    <svg class="menu-icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <path d={props.open ? "M4 4l12 12M16 4L4 16" : "M3 5h14M3 10h14M3 15h14"} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The frame of every page: masthead, header with role-based navigation, language switch, main,
 * footer. On a phone the header is one row (the brand and a menu button): the navigation, the
 * language switch and sign-in fold behind the button (aria-expanded, Escape closes it, a new page
 * closes it), so that the page's own title and figures fill the first screen.
 */
export default function Layout(props: RouteSectionProps) {
  const me = createAsync(() => getMe());
  /**
   * The header outlives every page, so it must not throw: a failed "who am I" reads as signed out
   * here, while the page (Guard, Login) shows that error inside its own ErrorBoundary.
   */
  const account = () => {
    try {
      return me();
    } catch {
      return undefined;
    }
  };
  const navigate = useNavigate();
  const location = useLocation();
  let main: HTMLElement | undefined;
  let menuButton: HTMLButtonElement | undefined;
  const [menuOpen, setMenuOpen] = createSignal(false);
  createEffect(on(() => location.pathname, () => setMenuOpen(false), { defer: true }));
  const onHeaderKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !menuOpen()) return;
    setMenuOpen(false);
    menuButton?.focus();
  };

  // After client-side navigation, move focus to the new page's content (not on first load).
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: false }),
      { defer: true },
    ),
  );

  const skip = (e: MouseEvent) => {
    e.preventDefault();
    main?.focus();
    main?.scrollIntoView();
  };

  // The check-in console gets the screen: no masthead, a slimmer header.
  const compact = () => /^\/console\/.+/.test(location.pathname);

  const logout = async () => {
    // A console's outbox on this tablet: sent items go, unsent ones only if the facilitator says so.
    if (await consoleStored()) await (await import("../attendance/tablet/outbox.js")).purgeAsking().catch(() => undefined);
    await signOut().catch(() => undefined);
    navigate("/", { replace: true });
  };

  const links = () => {
    const role = account()?.role;
    const items = [
      { href: "/", label: t("nav.forums"), section: /^\/(forums\/.*)?$/ },
      { href: "/propose", label: t("nav.propose"), section: /^\/(propose|p)(\/.*)?$/ },
      { href: "/governance", label: t("nav.governance"), section: /^\/governance(\/.*)?$/ },
    ];
    if (isStaff(role)) {
      items.push({ href: "/staff", label: t("nav.staff"), section: /^\/staff(\/(forums|projects)\/.*)?$/ }, { href: "/staff/users", label: t("nav.users"), section: /^\/staff\/users$/ });
      items.push({ href: "/staff/governance", label: t("nav.governanceStaff"), section: /^\/staff\/governance(\/.*)?$/ });
    }
    if (role === "facilitator") items.push({ href: "/console", label: t("nav.console"), section: /^\/console(\/.*)?$/ });
    if (role === "taskforce") items.push({ href: "/taskforce", label: t("nav.taskforce"), section: /^\/taskforce(\/.*)?$/ });
    return items;
  };

  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        {t("skip")}
      </a>
      <Show when={!compact()}>
        <div class="masthead">
          <div class="inner">
            <span class="masthead-flag" aria-hidden="true" />
            {t("masthead")}
          </div>
        </div>
      </Show>
      <header class="site-header" classList={{ compact: compact(), "menu-open": menuOpen() }} onKeyDown={onHeaderKey}>
        <div class="inner header-row">
          <A href="/" class="brand" end>
            <Logo />
            <span class="brand-text">
              <span class="brand-name">{t("app.name")}</span>
              <span class="brand-tagline">{t("app.tagline")}</span>
            </span>
          </A>
          <button
            type="button"
            class="menu-toggle"
            ref={menuButton}
            aria-expanded={menuOpen() ? "true" : "false"}
            aria-controls="site-utility site-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MenuIcon open={menuOpen()} />
            {t("nav.menu")}
          </button>
          <div class="header-utility" id="site-utility">
            <div class="lang-switch" role="group" aria-label={t("lang.label")}>
              <For each={LANGS}>
                {(l) => (
                  <button
                    type="button"
                    class="lang-btn"
                    lang={l.code}
                    aria-pressed={lang() === l.code ? "true" : "false"}
                    onClick={() => setLang(l.code)}
                  >
                    {l.label}
                  </button>
                )}
              </For>
            </div>
            <Show
              when={account()}
              fallback={
                <A href="/login" class="btn btn-tertiary btn-small">
                  {t("nav.login")}
                </A>
              }
            >
              {(user) => (
                <div class="user-box">
                  <span class="user-name">
                    {user().name}
                    <span class="badge">{t(`role.${user().role}`)}</span>
                  </span>
                  <button type="button" class="btn btn-tertiary btn-small" onClick={logout}>
                    {t("nav.logout")}
                  </button>
                </div>
              )}
            </Show>
          </div>
        </div>
        <nav class="main-nav" id="site-nav" aria-label={t("nav.label")}>
          <div class="inner">
            <ul>
              <For each={links()}>
                {(item) => (
                  <li>
                    <A href={item.href} end activeClass="is-current" inactiveClass="not-current" classList={{ active: item.section.test(location.pathname) }}>
                      {item.label}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </nav>
      </header>
      <main id="main" ref={main} tabindex="-1">
        <Suspense fallback={<div class="inner page"><Loading /></div>}>{props.children}</Suspense>
      </main>
      <footer class="site-footer">
        <div class="inner">
          <p class="footer-brand">{t("app.name")}</p>
          <p class="footer-privacy">{t("footer.privacy")}</p>
          <p>
            <a href="/api/docs" target="_blank" rel="noopener">
              {t("footer.api")} <span class="visually-hidden">{t("common.newWindow")}</span>
            </a>
          </p>
        </div>
      </footer>
    </>
  );
}

/** Whether a console stored anything on this device (without opening, and so creating, its database). */
async function consoleStored(): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((d) => d.name === "gongnon-console");
  } catch {
    return false;
  }
}
