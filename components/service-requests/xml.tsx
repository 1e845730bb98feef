"use client";

// Raw DUIS documents on the Service Request pages: shown as sent or answered, with Copy and Download.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
      }}
    >
      {copied ? "Copied" : label}
    </Button>
  );
}

/** Saves `content` as a file; base64 content is saved as the bytes it encodes. */
export function DownloadButton({ content, filename, type, base64 = false, label }: { content: string; filename: string; type: string; base64?: boolean; label: string }) {
  return (
    <Button
      type="button"
      variant="secondary"
      onClick={() => {
        const data = base64 ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : content;
        const url = URL.createObjectURL(new Blob([data], { type }));
        const link = Object.assign(document.createElement("a"), { href: url, download: filename });
        link.click();
        URL.revokeObjectURL(url);
      }}
    >
      {label}
    </Button>
  );
}

/** A document in a <pre>, with its title and a Copy button. */
export function XmlBlock({ title, xml, testId }: { title: string; xml: string; testId: string }) {
  return (
    <section aria-label={title} data-testid={testId} className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <CopyButton text={xml} />
      </div>
      <pre tabIndex={0} className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all">{xml}</pre>
    </section>
  );
}
