import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { TrpcReactProvider } from "@/components/trpc/client";
import { ToastProvider } from "@/components/ui";

export const metadata: Metadata = {
  title: { default: "Keel", template: "%s · Keel" },
  description: "Product experimentation inside guardrails: feature flags, A/B tests, rollouts.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <TrpcReactProvider>
          <ToastProvider>{children}</ToastProvider>
        </TrpcReactProvider>
      </body>
    </html>
  );
}
