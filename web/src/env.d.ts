/// <reference types="vite-plugin-pwa/vanillajs" />

/** The app's version, set at build time (web/vite.config.ts). */
declare const __APP_VERSION__: string;
