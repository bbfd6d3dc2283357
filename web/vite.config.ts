/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

/**
 * Paths the server answers, never the app: the API, the token issuer's documents, and the
 * local runtime's own pages (/_dev/, /_oidc/, /_payments/, /_media/, /_uploads/). A navigation
 * there must reach the server, not get the app's cached index.html.
 */
const SERVER_PATHS = /^\/(api|\.well-known|_[^/]*)(\/|$)/;

export default defineConfig({
  plugins: [
    react(),
    // The app shell (hashed assets and index.html) precached by a Workbox service worker,
    // registered by main.tsx in production builds. A new build waits until the person
    // reloads (registerType "prompt"). The person's data is not the worker's: see lib/offline.ts.
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      // public/manifest.webmanifest, linked from index.html.
      manifest: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // hls.js (600 kB) is loaded only to play a video, which needs the network anyway.
        globIgnores: ["**/hls-*.js"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [SERVER_PATHS],
        cleanupOutdatedCaches: true,
        // The first worker controls the page it was installed from (so the page reads offline
        // without a reload); a later one still waits for the prompt.
        clientsClaim: true,
      },
    }),
  ],
  build: {
    outDir: "dist",
    sourcemap: false,
    target: "es2020",
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks: { react: ["react", "react-dom", "react-router"], graphql: ["graphql", "urql"] },
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8123",
      "/_uploads": "http://127.0.0.1:8123",
      "/_media": "http://127.0.0.1:8123",
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    css: false,
  },
});
