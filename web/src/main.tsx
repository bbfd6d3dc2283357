import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { UpdatePrompt } from "./components/UpdatePrompt";
import { AuthProvider } from "./lib/auth";
import { registerServiceWorker } from "./lib/updates";
import "./styles.css";

// A production build only: in development the worker's cache would serve stale modules.
if (import.meta.env.PROD && "serviceWorker" in navigator) void registerServiceWorker();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <AuthProvider>
          <App />
          <UpdatePrompt />
        </AuthProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}
