"use client";

import { uploadTooLarge } from "@/lib/validation";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // proxy.ts refuses an oversized upload before it reaches the form's action; the user should read the limit.
  if (error.message === uploadTooLarge()) {
    return (
      <main className="mx-auto max-w-xl p-10 text-center">
        <p className="text-sm font-semibold text-red-700">Upload refused</p>
        <h1 className="mt-1 text-2xl font-semibold" data-testid="upload-too-large">
          {error.message}
        </h1>
        <p className="mt-2 text-slate-600">Nothing was changed. Split the file into smaller files and upload each.</p>
        <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
          Back to the form
        </button>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-1 text-2xl font-semibold">The portal could not complete this request</h1>
      <p className="mt-2 text-slate-600">
        Nothing was changed. Try again; if it keeps happening, report it to the service desk
        {error.digest ? (
          <>
            {" "}
            quoting reference <span className="font-mono">{error.digest}</span>
          </>
        ) : null}
        .
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
