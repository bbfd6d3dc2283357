/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
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
