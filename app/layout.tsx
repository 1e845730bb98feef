import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DCC Self-Service Interface", template: "%s · SSI" },
  description: "Self-Service Interface for GB smart metering parties",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, every page: the Content-Security-Policy nonce (proxy.ts) is new each time, and a page
  // prerendered at build time would carry scripts without it.
  await connection();
  return (
    <html lang="en-GB" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
